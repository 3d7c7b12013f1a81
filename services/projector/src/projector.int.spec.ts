/**
 * The projector over real SQLite stores, on a generated school year of a whole district:
 * projecting incrementally in small batches gives exactly what a full rebuild gives, and
 * what the pure projections compute without any store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECTIONS, replay } from '@collegium/projections';
import { createSqliteEventStore, type EventStore } from '@collegium/eventstore';
import { CheckpointMismatchError, createSqliteReadStore, type ReadStore } from '@collegium/readstore';
import { generateLog } from '../../../projections/src/testing/generator';
import { catchUp, projectBatch, specOf } from './projector';
import { rebuild, rebuildAll, type RebuildProgress } from './rebuild';
import { appendLog } from './testing/seed';
import { dumpReadModels } from './testing/dump';

const DISTRICT = { seed: 7, institutions: 3, communitiesPerInstitution: 3, districtCommunities: 2, schoolYears: ['2025-2026', '2026-2027'] };

describe('projector', () => {
  let dir: string;
  let store: EventStore;
  let incremental: ReadStore;
  let rebuilt: ReadStore;
  let total: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-projector-'));
    store = createSqliteEventStore({ file: path.join(dir, 'events.sqlite') });
    total = await appendLog(store, generateLog(DISTRICT));
    incremental = createSqliteReadStore({ file: path.join(dir, 'incremental.sqlite') });
    rebuilt = createSqliteReadStore({ file: path.join(dir, 'rebuilt.sqlite') });
  });

  afterAll(async () => {
    await Promise.all([store.close(), incremental.close(), rebuilt.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects a generated district incrementally exactly as a full rebuild does', async () => {
    expect(total).toBeGreaterThan(1_500);
    for (const projection of PROJECTIONS) {
      const { activeGeneration } = await incremental.register(specOf(projection));
      // Odd, small batches cut through streams and meetings at arbitrary points.
      const checkpoint = await catchUp(store, incremental, projection, activeGeneration, { batchSize: 97, cacheLimit: 50 });
      expect(checkpoint).toBe(await store.headPosition());
      await rebuild(store, rebuilt, projection, undefined, { windowSize: 10_000 });
    }
    const a = await dumpReadModels(incremental, PROJECTIONS);
    const b = await dumpReadModels(rebuilt, PROJECTIONS);
    expect(Object.keys(a)).toEqual(Object.keys(b));
    for (const key of Object.keys(a)) expect({ key, docs: a[key] }).toEqual({ key, docs: b[key] });
    expect(a['streamViews/communities']?.length).toBe(11);
  });

  it('rebuilds every projection in one pass over the log with the same result', async () => {
    const onePass = createSqliteReadStore({ file: path.join(dir, 'one-pass.sqlite') });
    try {
      const progress: RebuildProgress[] = [];
      const head = await store.headPosition();
      expect(await rebuildAll(store, onePass, PROJECTIONS, (p) => progress.push(p), { windowSize: 250 })).toBe(head);
      expect(progress.length).toBeGreaterThan(3);
      // Checkpoints only move forward, and the last report comes once every commit has landed.
      expect(progress.map((p) => p.checkpoint)).toEqual([...progress.map((p) => p.checkpoint)].sort((x, y) => x - y));
      expect(progress.at(-1)).toMatchObject({ checkpoint: head, events: head });
      expect(progress.at(-1)?.commitWaitMs).toBeGreaterThanOrEqual(0);
      expect(await dumpReadModels(onePass, PROJECTIONS)).toEqual(await dumpReadModels(incremental, PROJECTIONS));
    } finally {
      await onePass.close();
    }
  });

  it.each([
    ['inline', false, Number.MAX_SAFE_INTEGER],
    ['on a writer thread, folding the next window meanwhile', true, Number.MAX_SAFE_INTEGER],
    ['on a writer thread, and a commit after every 20,000 characters of JSON', true, 20_000],
  ])('rebuilds in one pass with commits %s and tiny pages, reading dropped documents back, with the same result', async (_, writerThread, windowBytes) => {
    // Pages of 3 events drop nearly every document between pages, so later pages read them
    // back: from the JSON kept while its commit has not landed, from the store after.
    const file = path.join(dir, `tiny-pages-${String(writerThread)}-${windowBytes}.sqlite`);
    const tiny = createSqliteReadStore({ file, writerThread });
    try {
      const progress: RebuildProgress[] = [];
      const head = await store.headPosition();
      expect(await rebuildAll(store, tiny, PROJECTIONS, (p) => progress.push(p), { windowSize: 250, pageSize: 3, windowBytes })).toBe(head);
      const last = progress.at(-1) as RebuildProgress;
      expect(last.handedBack).toBeGreaterThan(0);
      expect(last.readBack).toBeGreaterThan(0);
      // Before documents first come back, their JSON is not kept: those wait for their commit.
      expect(last.awaitedBack).toBeGreaterThan(0);
      expect(last.commits).toBeGreaterThanOrEqual(Math.ceil(head / 250));
      expect(await dumpReadModels(tiny, PROJECTIONS)).toEqual(await dumpReadModels(incremental, PROJECTIONS));
    } finally {
      await tiny.close();
    }
  });

  it('stores what the pure projections compute from the log', async () => {
    const events = await store.readAll(0, 1_000_000);
    for (const projection of PROJECTIONS) {
      const expected = [...replay(projection, events)].map(([, doc]) => doc).sort((x, y) => (x._id < y._id ? -1 : 1));
      const stored = (await dumpReadModels(rebuilt, [projection])) as Record<string, { _id: string }[]>;
      const all = Object.values(stored).flat().sort((x, y) => (x._id < y._id ? -1 : 1));
      expect(all).toEqual(expected);
    }
  });

  it('refuses to apply a batch twice: the commit names the checkpoint it started from', async () => {
    const projection = PROJECTIONS[1]!;
    const dir2 = mkdtempSync(path.join(os.tmpdir(), 'collegium-projector-twice-'));
    const readStore = createSqliteReadStore({ file: path.join(dir2, 'read.sqlite') });
    try {
      const { activeGeneration } = await readStore.register(specOf(projection));
      const batch = await store.readAll(0, 300);
      await projectBatch(readStore, projection, activeGeneration, batch, 0, new Map());
      const before = await dumpReadModels(readStore, [projection]);
      await expect(projectBatch(readStore, projection, activeGeneration, batch, 0, new Map())).rejects.toBeInstanceOf(CheckpointMismatchError);
      expect(await dumpReadModels(readStore, [projection])).toEqual(before);
      expect(await readStore.checkpoint(projection.name, activeGeneration)).toBe(batch.at(-1)?.position);
    } finally {
      await readStore.close();
      rmSync(dir2, { recursive: true, force: true });
    }
  });

  it('keeps answering from the old generation while a rebuild fills the new one', async () => {
    const projection = PROJECTIONS[0]!;
    const before = await rebuilt.count(projection.name, 'communities', {});
    const generation = await rebuilt.createGeneration(specOf(projection));
    await catchUp(store, rebuilt, projection, generation, { batchSize: 500, until: 200 });
    expect(await rebuilt.count(projection.name, 'communities', {})).toBe(before);
    await catchUp(store, rebuilt, projection, generation, { batchSize: 5_000 });
    await rebuilt.activate(projection.name, generation, projection.version);
    expect((await rebuilt.status(projection.name))?.activeGeneration).toBe(generation);
    expect(await rebuilt.count(projection.name, 'communities', {})).toBe(before);
  });
});
