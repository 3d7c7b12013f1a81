/**
 * Figures for the SQLite read store (not a test: timings depend on the machine).
 *   node -r @swc-node/register infra/readstore/src/testing/bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Document, DocumentChange, ProjectionSpec } from '../port';
import { createSqliteReadStore } from '../sqlite';

const spec: ProjectionSpec = {
  name: 'bench',
  version: 1,
  collections: [{ name: 'sessions', indexes: [['communityId', 'startsAt'], ['status']] }],
};

const session = (i: number, round = 0): Document => ({
  _id: `session-${String(i).padStart(7, '0')}`,
  communityId: `community-${i % 100}`,
  startsAt: `2024-09-${String(1 + (i % 28)).padStart(2, '0')}T${String(i % 24).padStart(2, '0')}:00`,
  status: i % 3 === 0 ? 'held' : 'planned',
  attendees: (i + round) % 17,
  title: `Session ${i} on formative assessment in grade ${i % 12}`,
  members: [`teacher-${i % 50}`, `teacher-${(i + 7) % 50}`],
});

const ms = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e6;
const median = (values: number[]): number => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const main = async (): Promise<void> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-rs-bench-'));
  const store = createSqliteReadStore({ file: path.join(dir, 'read.sqlite') });
  try {
    const { activeGeneration: g } = await store.register(spec);
    const changes = (from: number, count: number, round = 0): DocumentChange[] =>
      Array.from({ length: count }, (_, k) => ({ collection: 'sessions', id: session(from + k)._id, doc: session(from + k, round) }));

    let checkpoint = 0;
    const inserts: number[] = [];
    for (let from = 0; from < 100_000; from += 10_000) {
      const batch = changes(from, 10_000);
      const start = process.hrtime.bigint();
      await store.commit('bench', g, batch, checkpoint, checkpoint + 10_000);
      inserts.push(ms(start));
      checkpoint += 10_000;
    }
    const updates: number[] = [];
    for (let round = 1; round <= 5; round++) {
      const batch = changes(round * 10_000, 10_000, round);
      const start = process.hrtime.bigint();
      await store.commit('bench', g, batch, checkpoint, checkpoint + 10_000);
      updates.push(ms(start));
      checkpoint += 10_000;
    }
    console.log(`commit 10,000 new docs: median ${median(inserts).toFixed(1)} ms (first ${inserts[0]?.toFixed(1)}, into 90k: ${inserts[9]?.toFixed(1)})`);
    console.log(`commit 10,000 updates of existing docs: median ${median(updates).toFixed(1)} ms`);

    const time = async (label: string, run: () => Promise<unknown>, runs = 20): Promise<void> => {
      await run();
      const samples: number[] = [];
      for (let n = 0; n < runs; n++) {
        const start = process.hrtime.bigint();
        await run();
        samples.push(ms(start));
      }
      console.log(`${label}: median ${median(samples).toFixed(3)} ms`);
    };
    await time('find by indexed field, 1,000 of 100,000 docs', () => store.find('bench', 'sessions', { communityId: 'community-42' }));
    await time('find by non-indexed field (json_extract scan), 1,000 of 100,000', () => store.find('bench', 'sessions', { title: { gte: 'Session 4', lte: 'Session 4~' } }), 5);
    await time('find indexed + sort desc + limit 50', () =>
      store.find('bench', 'sessions', { communityId: 'community-42' }, { sort: [{ field: 'startsAt', direction: 'desc' }], limit: 50 }),
    );
    await time('keyset page 50 desc deep in the index', () =>
      store.find('bench', 'sessions', { communityId: 'community-42' }, { sort: [{ field: 'startsAt', direction: 'desc' }], limit: 50, after: { values: ['2024-09-05T10:00'], id: 'session-0050042' } }),
    );
    await time('keyset page 50 over the whole collection, sort by indexed field asc', () =>
      store.find('bench', 'sessions', {}, { sort: [{ field: 'status', direction: 'asc' }], limit: 50, after: { values: ['planned'], id: 'session-0050000' } }),
    );
    await time('count by indexed field (33,334)', () => store.count('bench', 'sessions', { status: 'held' }));
    const next = await store.createGeneration(spec);
    const rebuild: number[] = [];
    let rebuilt = 0;
    for (let from = 0; from < 100_000; from += 10_000) {
      const batch = changes(from, 10_000);
      const start = process.hrtime.bigint();
      await store.commit('bench', next, batch, rebuilt, rebuilt + 10_000);
      rebuild.push(ms(start));
      rebuilt += 10_000;
    }
    const activation = process.hrtime.bigint();
    await store.activate('bench', next, 2);
    console.log(`rebuild generation: commit 10,000 new docs median ${median(rebuild).toFixed(1)} ms; activate (index build over 100k + drop old) ${ms(activation).toFixed(1)} ms`);
    await time('find by indexed field after rebuild, 1,000 of 100,000 docs', () => store.find('bench', 'sessions', { communityId: 'community-42' }));
    await time('get by id (registry lookup + read transaction)', () => store.get('bench', 'sessions', 'session-0042424'), 2000);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
};

void main();
