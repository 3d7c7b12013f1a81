/**
 * Failover between two projector processes over the same embedded stores: exactly one holds
 * the lease and projects while the other stands by; when the holder is SIGKILLed (no release,
 * no clean shutdown) the other takes over within about one TTL, and the read models end equal
 * to a clean rebuild. Run with the lease in SQLite and on Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECTIONS } from '@collegium/projections';
import { createSqliteEventStore, type EventStore } from '@collegium/eventstore';
import { createMemoryReadStore, createSqliteReadStore, type ReadStore } from '@collegium/readstore';
import { generateLog } from '../../../../projections/src/testing/generator';
import { rebuild } from '../rebuild';
import { appendLog } from '../testing/seed';
import { dumpReadModels } from '../testing/dump';
import type { LeaseHandle } from './port';
import { createRedisLease } from './redis';
import { createSqliteLease } from './sqlite';
import { startRedis, type TestRedis } from '@collegium/queue/src/testing/redis';

const CHILD = path.join(__dirname, '../testing/leasedChild.ts');
const TTL_MS = 1_000;
/** Expiry of the dead holder's lease, plus one acquire attempt (TTL/3), plus slack for a loaded machine. */
const TAKEOVER_BOUND_MS = TTL_MS + TTL_MS / 3 + 2_000;
const LOG = [...generateLog({ seed: 11, institutions: 4, communitiesPerInstitution: 3, districtCommunities: 2, schoolYears: ['2025-2026', '2026-2027'] })];
const FIRST_PART = 1_500;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A leasedChild process and what it printed so far. */
interface Child {
  readonly owner: string;
  readonly process: ChildProcess;
  output(): string;
  lines(prefix: string): string[];
  exited(): Promise<number | null>;
}

const startChild = (owner: string, eventsFile: string, readFile: string, leaseAt: string): Child => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', CHILD, eventsFile, readFile, leaseAt, owner, String(TTL_MS)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    owner,
    process: child,
    output: () => out,
    lines: (prefix) => out.split('\n').filter((line) => line.startsWith(prefix)),
    exited: () => exit,
  };
};

const waitFor = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, children: Child[]): Promise<number> => {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`${what}: not within ${timeoutMs} ms\n${children.map((c) => `--- ${c.owner}\n${c.output()}`).join('\n')}`);
    }
    await sleep(20);
  }
  return Date.now() - started;
};

const storedPosition = async (readStore: ReadStore): Promise<number> => {
  const statuses = await Promise.all(PROJECTIONS.map((p) => readStore.status(p.name)));
  return Math.min(...statuses.map((s) => s?.checkpoint ?? 0));
};

interface LeaseBackend {
  /** The lease location argument of leasedChild. */
  readonly at: string;
  /** A lease of an observer owner, to ask who holds the lease. */
  observe(): LeaseHandle;
  stop(): Promise<void>;
}

const sqliteBackend = async (dir: string): Promise<LeaseBackend> => {
  const file = path.join(dir, 'leases.sqlite');
  return { at: `sqlite:${file}`, observe: () => createSqliteLease({ name: 'projector', owner: 'observer', ttlMs: TTL_MS, file }), stop: async () => undefined };
};

const redisBackend = async (): Promise<LeaseBackend> => {
  const server: TestRedis = await startRedis();
  return {
    at: `redis:${server.url}`,
    observe: () => createRedisLease({ name: 'projector', owner: 'observer', ttlMs: TTL_MS, redis: server.url }),
    stop: () => server.stop(),
  };
};

const backends: Array<[string, (dir: string) => Promise<LeaseBackend>]> = [
  ['sqlite', sqliteBackend],
  ['redis', redisBackend],
];

describe.each(backends)('projector failover with the lease in %s', (_, openBackend) => {
  let dir: string;
  let backend: LeaseBackend;
  let store: EventStore;
  let readStore: ReadStore;
  let observer: LeaseHandle;
  let children: Child[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-failover-'));
    backend = await openBackend(dir);
    observer = backend.observe();
    store = createSqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    readStore = createSqliteReadStore({ file: path.join(dir, 'read.sqlite') });
  });

  afterEach(async () => {
    for (const child of children) if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
    await Promise.all(children.map((child) => child.exited()));
    children = [];
    await Promise.all([observer.close(), readStore.close(), store.close()]);
    await backend.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets exactly one process project, and the other take over within a bounded time after a SIGKILL', async () => {
    await appendLog(store, LOG.slice(0, FIRST_PART));
    const [a, b] = (children = ['a', 'b'].map((owner) => startChild(owner, path.join(dir, 'events.sqlite'), path.join(dir, 'read.sqlite'), backend.at))) as [
      Child,
      Child,
    ];

    await waitFor('a process holds the lease', () => a.lines('held').length + b.lines('held').length > 0, 15_000, children);
    const [holder, standby] = a.lines('held').length > 0 ? [a, b] : [b, a];
    await waitFor('the holder catches up', async () => (await storedPosition(readStore)) === FIRST_PART, 10_000, children);
    // One more TTL: a standby that would wrongly take the lease has had time to.
    await sleep(TTL_MS);
    expect(await observer.holder()).toBe(holder.owner);
    expect(standby.lines('held')).toEqual([]);
    expect(standby.lines('commit')).toEqual([]);
    expect(holder.lines('commit').length).toBeGreaterThanOrEqual(PROJECTIONS.length);

    const killedAt = Date.now();
    holder.process.kill('SIGKILL');
    await holder.exited();
    await appendLog(store, LOG.slice(FIRST_PART));
    await waitFor('the standby takes over', () => standby.lines('held').length > 0, TAKEOVER_BOUND_MS - (Date.now() - killedAt), children);
    const takeoverMs = Date.now() - killedAt;
    // Not before the dead holder's lease expired (it never released it, and renewed at most TTL/3 before dying).
    expect(takeoverMs).toBeGreaterThanOrEqual(TTL_MS / 2);
    expect(takeoverMs).toBeLessThanOrEqual(TAKEOVER_BOUND_MS);
    expect(await observer.holder()).toBe(standby.owner);
    await waitFor('the new holder catches up', async () => (await storedPosition(readStore)) === LOG.length, 10_000, children);
    expect(standby.lines('commit').length).toBeGreaterThan(0);

    const clean = createMemoryReadStore();
    for (const projection of PROJECTIONS) await rebuild(store, clean, projection);
    const projected = await dumpReadModels(readStore, PROJECTIONS);
    const rebuilt = await dumpReadModels(clean, PROJECTIONS);
    for (const key of Object.keys(rebuilt)) expect({ key, docs: projected[key] }).toEqual({ key, docs: rebuilt[key] });
    await clean.close();

    // A clean stop releases the lease at once.
    standby.process.kill('SIGTERM');
    expect(await standby.exited()).toBe(0);
    expect(await observer.holder()).toBeNull();
  }, 30_000);
});
