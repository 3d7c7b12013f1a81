/**
 * The dashboard load generator, in a fresh process of its own: the benchmark's main process
 * has just generated a million events, and its garbage collector's pauses would count as
 * the server's latency. `node -r @swc-node/register dashboardLoad.ts <url> <token> <clients>
 * <requests per client> <warm-up requests per client> [<events file> <held events JSON>
 * <events per second> <ms>]` prints one JSON line: the cold latencies and the served ones.
 *
 * With the last four, the same load runs once more, for <ms>, while the district keeps
 * working: the held-back events (the latest of the district's log) are appended to the
 * event store one by one at the given rate, by another process (dashboardWriter.ts), as
 * another gateway would append them, and the server's projector applies each as it comes.
 * Every append moves the log's head and then the read models' position.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Pool } from 'undici';

const [urlText, token, clientsText, requestsText, warmupText, eventsFile, heldFile, rateText, durationText] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
  string | undefined,
  string | undefined,
  string | undefined,
  string | undefined,
];
const url = new URL(urlText);
const CLIENTS = Number(clientsText);
const REQUESTS_PER_CLIENT = Number(requestsText);
/** Untimed requests per client before the timed ones. */
const WARMUP_PER_CLIENT = Number(warmupText);
const TERMS = [null, 'Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2'] as const;

const query = (term: string | null): string =>
  JSON.stringify({
    query: `query($t: String) { districtDashboard(schoolYear: "2025-2026", term: $t) { communities current { activeParticipants { count } taskCompletion { due completionRate } productDiversity { distinctKinds demand } } activeParticipantGrowth { absolute } compliance { averageScore fullyCompliant } } }`,
    variables: { t: term },
  });

// undici's pool: node:http's client spends about as much CPU per request as the server it
// measures, on the same two cores, so it set the pace. Same server, three paired rounds:
// node:http 9.2k–9.5k requests/s (p50 5.9–6.3 ms), undici 10.0k–13.1k (p50 4.3–5.9 ms).
const pool = new Pool(url.origin, { connections: CLIENTS, pipelining: 1 });
const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

const send = async (body: string): Promise<number> => {
  const started = process.hrtime.bigint();
  const res = await pool.request({ path: url.pathname, method: 'POST', headers: HEADERS, body });
  const text = await res.body.text();
  if (res.statusCode !== 200 || text.includes('"errors"')) throw new Error(text);
  return Number(process.hrtime.bigint() - started) / 1e6;
};

/** Every client sends its requests one after another, cycling through the terms, for `requests` each or until `forMs` passed. */
const load = async (requests: number, record: number[] | null, forMs = 60_000): Promise<number> => {
  const deadline = Date.now() + forMs;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      for (let i = 0; i < requests && Date.now() < deadline; i++) {
        const ms = await send(query(TERMS[(client + i) % TERMS.length] ?? null));
        record?.push(ms);
      }
    }),
  );
  return Date.now() - t0;
};

/** Starts the district's writes in a process of their own (dashboardWriter.ts); the function returned stops them and gives how many were appended. */
const startWrites = async (file: string, heldFile: string, perSecond: number): Promise<() => Promise<number>> => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', path.join(__dirname, 'dashboardWriter.ts'), file, heldFile, String(perSecond)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => output.includes('writing') && resolve());
    child.once('exit', (code) => reject(new Error(`the writer exited with ${code} before writing`)));
  });
  return async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    return (JSON.parse(output.trim().split('\n').at(-1) as string) as { appended: number }).appended;
  };
};

const main = async (): Promise<void> => {
  // Cold: every term once, each computed from the read models for the first time.
  const cold: number[] = [];
  for (const term of TERMS) cold.push(await send(query(term)));
  // Warm-up, not timed, so both processes' JIT has compiled the path (the first few
  // thousand requests of a fresh process run partly interpreted).
  await load(WARMUP_PER_CLIENT, null);
  const served: number[] = [];
  const wallMs = await load(REQUESTS_PER_CLIENT, served);
  let underWrites: { served: number[]; wallMs: number; appended: number; perSecond: number } | null = null;
  if (eventsFile && heldFile && rateText && durationText) {
    const perSecond = Number(rateText);
    const stop = await startWrites(eventsFile, heldFile, perSecond);
    const servedWhileWriting: number[] = [];
    // For a fixed time, not a number of requests: enough appends to matter, however fast the answers.
    const ms = await load(Number.MAX_SAFE_INTEGER, servedWhileWriting, Number(durationText));
    underWrites = { served: servedWhileWriting, wallMs: ms, appended: await stop(), perSecond };
  }
  await pool.close();
  console.log(JSON.stringify({ cold, served, wallMs, underWrites }));
};

void main();
