/**
 * The dashboard load generator, in a fresh process of its own: the benchmark's main process
 * has just generated a million events, and its garbage collector's pauses would count as
 * the server's latency. `node -r @swc-node/register dashboardLoad.ts <url> <token> <clients>
 * <requests per client> <warm-up requests per client>` prints one JSON line: the cold latencies and the served ones.
 */
import { Pool } from 'undici';

const [urlText, token, clientsText, requestsText, warmupText] = process.argv.slice(2) as [string, string, string, string, string];
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

/** Every client sends its requests one after another, cycling through the terms. */
const load = async (requests: number, record: number[] | null): Promise<number> => {
  const deadline = Date.now() + 60_000;
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

const main = async (): Promise<void> => {
  // Cold: every term once, each computed from the read models for the first time.
  const cold: number[] = [];
  for (const term of TERMS) cold.push(await send(query(term)));
  // Warm-up, not timed, so both processes' JIT has compiled the path (the first few
  // thousand requests of a fresh process run partly interpreted).
  await load(WARMUP_PER_CLIENT, null);
  const served: number[] = [];
  const wallMs = await load(REQUESTS_PER_CLIENT, served);
  await pool.close();
  console.log(JSON.stringify({ cold, served, wallMs }));
};

void main();
