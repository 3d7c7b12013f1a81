/**
 * `npm run bench`: the performance targets of the projections and dashboards, measured.
 *
 * 1. Full rebuild of every projection over a generated log (default 1,000,000 events):
 *    events/s and peak RSS of the rebuilding process. The generator writes a district one
 *    community year after another; a real district's log interleaves its communities in
 *    time, so the first 200,000 events (BENCH_INTERLEAVED_EVENTS) in the order they were
 *    recorded are rebuilt as well.
 * 2. District dashboard latency at 64 concurrent HTTP clients over 1,000 communities:
 *    p50/p99 as served (cached per read-model position), the cold computation, and p50/p99
 *    again while the district keeps writing (its latest events appended during the load).
 *
 * 3. Read-your-writes over HTTP: a mutation, then a query with `consistentWith` its position.
 * 4. Commands against Emmett (scripts/bench/emmett.ts), and the job queues.
 *
 * BENCH_EVENTS sets the size of the rebuild log; BENCH_QUICK=1 runs a small smoke version;
 * BENCH_ONLY=dashboard (a comma list of rebuild, dashboard, ryw, emmett, queues) runs only those.
 * Prints a table and writes bench-results/latest.json. Everything runs on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECTIONS } from '@collegium/projections';
import { createSqliteEventStore } from '@collegium/eventstore';
import { createSqliteReadStore } from '@collegium/readstore';
import type { RecordedEnvelope } from '@collegium/domain';
import { generateLog, type GenerateLogOptions } from '../projections/src/testing/generator';
import { appendLog } from '../services/projector/src/testing/seed';
import { rebuildAll } from '../services/projector/src/rebuild';
import { signToken } from '../services/gateway/src/auth';
import { startServerProcess } from '../services/gateway/src/testing/process';
import { percentile } from './bench/stats';
import { benchEmmett } from './bench/emmett';
import { benchQueues } from './bench/queue';
import { measureReadYourWrites, readYourWritesRows } from './bench/readYourWrites';

const QUICK = process.env['BENCH_QUICK'] === '1';
/** BENCH_ONLY=dashboard,emmett runs only those sections (rebuild, dashboard, ryw, emmett, queues); all by default. */
const ONLY = process.env['BENCH_ONLY']?.split(',').map((section) => section.trim());
const runs = (section: string): boolean => !ONLY || ONLY.includes(section);
const TARGET_EVENTS = Number(process.env['BENCH_EVENTS'] ?? (QUICK ? 50_000 : 1_000_000));
const INTERLEAVED_EVENTS = Number(process.env['BENCH_INTERLEAVED_EVENTS'] ?? (QUICK ? 10_000 : 200_000));
const CLIENTS = 64;
/**
 * 160 × 64 = 10,240 timed requests: about a second of load. With fewer (2,560 until
 * 2026-12-02) the timed window lasted ~0.2 s and its p99 measured whether one ~15 ms pause
 * happened to fall inside it, since a pause delays all 64 requests in flight.
 */
const REQUESTS_PER_CLIENT = QUICK ? 10 : 160;
/** ~5,000 untimed requests first: a fresh server's first few thousand run partly interpreted. */
const WARMUP_PER_CLIENT = 80;
const DASHBOARD_COMMUNITIES = QUICK ? 200 : 1_000;
/**
 * The second dashboard load runs while the district keeps working: its latest events are held
 * back from the seed and appended during the load, one by one. 10 a second is a busy hour of
 * a large district (a few meetings voting at once), or several districts sharing a server.
 */
const WRITES_PER_SECOND = 10;
const WRITING_MS = QUICK ? 2_000 : 10_000;
const HELD_EVENTS = 2_000;
const SECRET = 'bench-secret-bench-secret-bench-secret-012345';

interface Row {
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean | null;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** About 90 events per community and school year: size the district to reach the target. */
const logOptions = (events: number): GenerateLogOptions => {
  const communityYears = Math.max(1, Math.round(events / 90));
  const years = ['2023-2024', '2024-2025', '2025-2026'];
  const communities = Math.max(1, Math.ceil(communityYears / years.length));
  const institutions = Math.max(1, Math.ceil(communities / 10));
  return { seed: 2026, districtId: 'district-bench', institutions, communitiesPerInstitution: 10, districtCommunities: 0, schoolYears: years };
};

const benchRebuild = async (dir: string): Promise<Row[]> => {
  const eventsFile = path.join(dir, 'events.sqlite');
  const store = createSqliteEventStore({ file: eventsFile });
  const t0 = Date.now();
  const appended = await appendLog(store, generateLog(logOptions(TARGET_EVENTS)), 1_000);
  const appendMs = Date.now() - t0;
  await store.close();
  console.log(`generated and appended ${appended} events in ${seconds(appendMs)}`);

  const result = rebuildInChild(eventsFile, path.join(dir, 'read.sqlite'));
  const rate = result.events / (result.ms / 1000);

  const interleavedFile = path.join(dir, 'events-interleaved.sqlite');
  await copyInRecordedOrder(eventsFile, interleavedFile, INTERLEAVED_EVENTS);
  const interleaved = rebuildInChild(interleavedFile, path.join(dir, 'read-interleaved.sqlite'));
  return [
    { metric: `generate + append ${appended.toLocaleString('en')} events`, value: `${Math.round(appended / (appendMs / 1000)).toLocaleString('en')} events/s`, target: '—', met: null },
    {
      metric: `full rebuild, ${PROJECTIONS.length} projections in one pass`,
      value: `${Math.round(rate).toLocaleString('en')} events/s (${seconds(result.ms)})`,
      target: '≥ 100,000 events/s',
      met: rate >= 100_000,
    },
    { metric: 'rebuild peak RSS', value: `${result.peakRssMb.toFixed(0)} MB`, target: '< 300 MB', met: result.peakRssMb < 300 },
    ...rebuildTimeRows(result),
    {
      metric: `full rebuild, first ${interleaved.events.toLocaleString('en')} events in recorded order (communities interleaved)`,
      value: `${Math.round(interleaved.events / (interleaved.ms / 1000)).toLocaleString('en')} events/s (${seconds(interleaved.ms)}), peak RSS ${interleaved.peakRssMb.toFixed(0)} MB`,
      target: '—',
      met: null,
    },
  ];
};

/**
 * Rebuilds as `npm run rebuild` does, in a process of its own: a bounded heap (V8 would
 * otherwise grow its heap lazily on a large machine and the peak RSS would say little about
 * the working set) and the lean TypeScript loader (scripts/lean-register.js).
 */
const rebuildInChild = (eventsFile: string, readFile: string): RebuildResult => {
  const child = spawnSync(process.execPath, ['--max-old-space-size=192', '-r', path.join(__dirname, 'lean-register.js'), path.join(__dirname, 'bench/rebuildChild.ts'), eventsFile, readFile], {
    encoding: 'utf8',
    maxBuffer: 10_000_000,
  });
  if (child.status !== 0) throw new Error(`rebuild child failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as RebuildResult;
};

/**
 * The first `limit` events of `from` as they would have been recorded by a district whose
 * communities work side by side: ordered by recording time (a stream's own events keep
 * their order, since each is recorded after the one before), appended to a fresh store.
 */
const copyInRecordedOrder = async (from: string, to: string, limit: number): Promise<void> => {
  await createSqliteEventStore({ file: to }).close();
  const db = new Database(to);
  try {
    db.prepare('ATTACH ? AS source').run(from);
    db.exec(
      `INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at)
       SELECT stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at FROM source.events
       ORDER BY recorded_at, position LIMIT ${Math.trunc(limit)}`,
    );
  } finally {
    db.close();
  }
};

interface RebuildResult {
  readonly events: number;
  readonly ms: number;
  readonly peakRssMb: number;
  /** CPU time of every thread of the rebuilding process. */
  readonly processCpuMs: number;
  readonly main: { readonly onCpuMs: number; readonly waitingForCoreMs: number } | null;
  readonly commitWaitMs: number;
}

/**
 * Where the rebuild's time went: the main thread is its critical path, and the process's
 * CPU over the wall time says how much of the machine's cores it kept busy.
 */
const rebuildTimeRows = (result: RebuildResult): Row[] => {
  const cores = os.cpus().length;
  const rows: Row[] = [
    {
      metric: 'rebuild CPU, all threads',
      value: `${seconds(result.processCpuMs)} (${(result.processCpuMs / result.ms).toFixed(2)} of ${cores} cores)`,
      target: '—',
      met: null,
    },
  ];
  if (result.main) {
    // Off a core otherwise: mostly waiting for the writer thread (for a commit to land, or for
    // room in its queue, a wait that blocks the thread), the rest for the disk.
    const otherwise = Math.max(0, result.ms - result.main.onCpuMs - result.main.waitingForCoreMs);
    rows.push({
      metric: 'rebuild main thread: on a core / waiting for one / otherwise (writer, disk)',
      value: `${seconds(result.main.onCpuMs)} / ${seconds(result.main.waitingForCoreMs)} / ${seconds(otherwise)}`,
      target: '—',
      met: null,
    });
  }
  return rows;
};

/**
 * The latest `count` events of a log (by recording time) apart from the rest: the rest seeds
 * the store, the latest are appended while the dashboards are under load. A stream's events
 * are recorded in revision order, so each stream's held events continue its seeded ones.
 */
const holdBackLatest = (log: readonly RecordedEnvelope[], count: number): { seed: RecordedEnvelope[]; held: RecordedEnvelope[] } => {
  // A stable sort: events recorded at the same instant keep the log's order, so a stream's revisions stay in order.
  const byRecording = [...log].sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
  const latest = new Set(byRecording.slice(-count));
  return { seed: log.filter((e) => !latest.has(e)), held: byRecording.slice(-count) };
};

const benchDashboard = async (root: string): Promise<Row[]> => {
  // The server runs in its own process, as `npm start` runs it, so the load generator does not share its thread.
  const dir = path.join(root, 'dashboard');
  const store = createSqliteEventStore({ file: path.join(dir, 'events.sqlite') });
  const readStore = createSqliteReadStore({ file: path.join(dir, 'read.sqlite') });
  const institutions = Math.ceil(DASHBOARD_COMMUNITIES / 10);
  const log = [...generateLog({ seed: 7, districtId: 'district-bench', institutions, communitiesPerInstitution: 10, districtCommunities: 0, schoolYears: ['2024-2025', '2025-2026'] })];
  const { seed, held } = holdBackLatest(log, HELD_EVENTS);
  await appendLog(store, seed, 1_000);
  await rebuildAll(store, readStore, PROJECTIONS);
  const heldFile = path.join(dir, 'held.json');
  writeFileSync(heldFile, JSON.stringify(held));
  await readStore.close();
  await store.close();
  // No worker: its first compliance check would write breach events for the generated
  // communities in the middle of the load, and this measures reads of a quiet district.
  const gateway = await startServerProcess({ COLLEGIUM_DATA_DIR: dir, COLLEGIUM_AUTH_SECRET: SECRET, COLLEGIUM_LOG_LEVEL: 'error', COLLEGIUM_RUN_WORKER: 'false' });
  const token = await signToken(SECRET, { actor: { id: 'methodist', role: 'methodist' }, tenant: { districtId: 'district-bench' } });
  const child = spawnSync(
    process.execPath,
    [
      '-r',
      '@swc-node/register',
      path.join(__dirname, 'bench/dashboardLoad.ts'),
      gateway.url,
      token,
      String(CLIENTS),
      String(REQUESTS_PER_CLIENT),
      String(WARMUP_PER_CLIENT),
      path.join(dir, 'events.sqlite'),
      heldFile,
      String(WRITES_PER_SECOND),
      String(WRITING_MS),
    ],
    { encoding: 'utf8', maxBuffer: 50_000_000 },
  );
  await gateway.stop();
  if (child.status !== 0) throw new Error(`dashboard load failed: ${child.stderr}`);
  const { cold, served: latencies, wallMs, underWrites } = JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as {
    cold: number[];
    served: number[];
    wallMs: number;
    underWrites: { served: number[]; wallMs: number; appended: number; perSecond: number };
  };
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const writing = underWrites.served;
  return [
    { metric: `district dashboard, ${DASHBOARD_COMMUNITIES} communities, ${CLIENTS} clients: p50`, value: `${p50.toFixed(1)} ms`, target: '—', met: null },
    { metric: `district dashboard, ${CLIENTS} clients: p99`, value: `${p99.toFixed(1)} ms`, target: '< 20 ms', met: p99 < 20 },
    { metric: 'district dashboard throughput', value: `${Math.round(latencies.length / (wallMs / 1000))} requests/s`, target: '—', met: null },
    { metric: 'district dashboard cold computation (median of 7 periods)', value: `${percentile(cold, 50).toFixed(0)} ms`, target: '—', met: null },
    {
      metric: `district dashboard while the district writes ${underWrites.perSecond} events/s: p50 / p99`,
      value: `${percentile(writing, 50).toFixed(1)} / ${percentile(writing, 99).toFixed(1)} ms`,
      target: '< 20 ms (p99)',
      met: percentile(writing, 99) < 20,
    },
    {
      metric: 'district dashboard throughput while writing',
      value: `${Math.round(writing.length / (underWrites.wallMs / 1000))} requests/s (${underWrites.appended} events appended)`,
      target: '—',
      met: null,
    },
  ];
};

const printTable = (rows: readonly Row[]): void => {
  const width = Math.max(...rows.map((r) => r.metric.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  for (const r of rows) {
    const verdict = r.met === null ? '' : r.met ? 'met' : 'NOT MET';
    console.log(`${r.metric.padEnd(width)}  ${r.value.padStart(valueWidth)}  ${r.target.padEnd(20)} ${verdict}`);
  }
};

const main = async (): Promise<void> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-bench-'));
  try {
    console.log(`machine: ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
    const rows = [
      ...(runs('rebuild') ? await benchRebuild(dir) : []),
      ...(runs('dashboard') ? await benchDashboard(dir) : []),
      ...(runs('ryw') ? readYourWritesRows(await measureReadYourWrites(path.join(dir, 'ryw'), SECRET, 50, QUICK ? 100 : 500)) : []),
      ...(runs('emmett') ? await benchEmmett(dir) : []),
      ...(runs('queues') ? await benchQueues() : []),
    ];
    console.log('');
    printTable(rows);
    console.log('\nDashboards are kept and caught up from the documents changed since: repeated views of one period cost a lookup; the cold row is a computation from scratch.');
    const out = path.resolve(__dirname, '../bench-results');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      path.join(out, 'latest.json'),
      `${JSON.stringify({ date: new Date().toISOString(), quick: QUICK, cores: os.cpus().length, node: process.version, rows }, null, 2)}\n`,
    );
    console.log(`wrote ${path.join(out, 'latest.json')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
