/**
 * Read-your-writes over HTTP, as an integrating school system does it: a mutation, then a
 * query with `consistentWith` set to the position the mutation returned, which waits until
 * the projections have applied it. The server runs as `npm start` runs it (projector
 * in-process), on a fresh data directory; one client sends the pairs one after another.
 *
 * Each pair creates a community (a new stream: one event, which every projection applies)
 * and reads its roster back; the roster must list the founding member, or the run fails.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'undici';
import { signToken } from '../../services/gateway/src/auth';
import { startServerProcess } from '../../services/gateway/src/testing/process';
import { percentile } from './stats';

export interface ReadYourWritesResult {
  /** Mutation round trips, ms. */
  readonly writes: number[];
  /** Round trips of the query that waited for the mutation's position, ms. */
  readonly reads: number[];
  readonly wallMs: number;
}

const CREATE = `mutation($i: CreateCommunityInput!) { createCommunity(input: $i) { communityId position } }`;
const ROSTER = `query($c: String!, $p: String) { roster(communityId: $c, consistentWith: $p) { memberId } }`;

const communityInput = (n: number) => ({
  name: `Read-your-writes community ${n}`,
  kind: 'DISTRICT_COMMUNITY',
  schoolYear: '2025-2026',
  subjects: ['management'],
  foundingMembers: [{ memberId: `ryw-head-${n}`, fullName: 'Head', subject: 'management', category: 'HIGHEST', yearsInSpecialty: 9, headOfInstitution: true }],
  order: { number: String(n), date: '2025-08-20' },
});

/** `warmup` untimed pairs, then `pairs` timed ones, one after another. */
export const measureReadYourWrites = async (dir: string, secret: string, warmup: number, pairs: number): Promise<ReadYourWritesResult> => {
  mkdirSync(dir, { recursive: true });
  const server = await startServerProcess({
    COLLEGIUM_DATA_DIR: dir,
    COLLEGIUM_AUTH_SECRET: secret,
    COLLEGIUM_LOG_LEVEL: 'error',
    COLLEGIUM_RUN_WORKER: 'false',
    COLLEGIUM_SIMULATED_CLOCK: 'true',
  });
  const url = new URL(server.url);
  const pool = new Pool(url.origin, { connections: 1 });
  const token = await signToken(secret, { actor: { id: 'ryw-head', role: 'departmentHead' }, tenant: { districtId: 'district-ryw' } });
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-collegium-simulated-time': '2025-08-21T09:00:00Z' };
  const send = async <T>(query: string, variables: Record<string, unknown>): Promise<{ ms: number; data: T }> => {
    const started = performance.now();
    const res = await pool.request({ path: url.pathname, method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    const body = (await res.body.json()) as { data?: T; errors?: unknown[] };
    if (res.statusCode !== 200 || body.errors || !body.data) throw new Error(`read-your-writes: ${JSON.stringify(body)}`);
    return { ms: performance.now() - started, data: body.data };
  };
  const writes: number[] = [];
  const reads: number[] = [];
  let wallMs = 0;
  try {
    let started = performance.now();
    for (let n = 0; n < warmup + pairs; n++) {
      if (n === warmup) started = performance.now();
      const written = await send<{ createCommunity: { communityId: string; position: string } }>(CREATE, { i: communityInput(n) });
      const { communityId, position } = written.data.createCommunity;
      const read = await send<{ roster: { memberId: string }[] }>(ROSTER, { c: communityId, p: position });
      const members = read.data.roster.map((m) => m.memberId);
      if (!members.includes(`ryw-head-${n}`)) throw new Error(`read-your-writes: the roster of ${communityId} misses its founding member`);
      if (n >= warmup) {
        writes.push(written.ms);
        reads.push(read.ms);
      }
    }
    wallMs = performance.now() - started;
  } finally {
    await pool.close();
    await server.stop();
  }
  return { writes, reads, wallMs };
};

export const readYourWritesRows = (result: ReadYourWritesResult) => [
  {
    metric: 'read-your-writes, 1 client: mutation p50 / p99',
    value: `${percentile(result.writes, 50).toFixed(1)} / ${percentile(result.writes, 99).toFixed(1)} ms`,
    target: '—',
    met: null,
  },
  {
    metric: 'read-your-writes: query with consistentWith p50 / p99',
    value: `${percentile(result.reads, 50).toFixed(1)} / ${percentile(result.reads, 99).toFixed(1)} ms`,
    target: '—',
    met: null,
  },
  {
    metric: 'read-your-writes: pairs per second',
    value: `${Math.round(result.writes.length / (result.wallMs / 1000))}`,
    target: '—',
    met: null,
  },
];

/** `node -r @swc-node/register scripts/bench/readYourWrites.ts <dir> [pairs]`: this section alone. */
if (require.main === module) {
  const [dir, pairsText] = process.argv.slice(2) as [string, string | undefined];
  void measureReadYourWrites(path.resolve(dir), 'bench-secret-bench-secret-bench-secret-012345', 50, Number(pairsText ?? 500)).then((result) => {
    console.log(JSON.stringify(readYourWritesRows(result)));
  });
}
