/**
 * The projector over real SQLite stores, on a generated school year of a whole district:
 * projecting incrementally in small batches gives exactly what a full rebuild gives, and
 * what the pure projections compute without any store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECTIONS, replay, type Projection } from '@collegium/projections';
import { createSqliteEventStore, type EventStore } from '@collegium/eventstore';
import { CheckpointMismatchError, createSqliteReadStore, type ReadStore } from '@collegium/readstore';
import { generateLog } from '../../../projections/src/testing/generator';
import { catchUp, catchUpTogether, projectBatch, specOf, type Lane } from './projector';
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

  describe('all projections together, as the live projector runs them', () => {
    let scratch: string;
    beforeEach(() => {
      scratch = mkdtempSync(path.join(os.tmpdir(), 'collegium-together-'));
    });
    afterEach(() => rmSync(scratch, { recursive: true, force: true }));

    const lanesOf = async (readStore: ReadStore, projections: readonly Projection[]): Promise<Lane[]> =>
      Promise.all(projections.map(async (projection) => ({ projection, generation: (await readStore.register(specOf(projection))).activeGeneration, cache: new Map() })));

    it('reads each batch once and commits it for every projection at once, joining a lane that is behind', async () => {
      const readStore = createSqliteReadStore({ file: path.join(scratch, 'read.sqlite') });
      try {
        const lanes = await lanesOf(readStore, PROJECTIONS);
        // One projection starts ahead of the others, as after a rebuild activated at a later position.
        const ahead = lanes[2] as Lane;
        await catchUp(store, readStore, ahead.projection, ahead.generation, { batchSize: 500, until: 700 });
        const reads = jest.spyOn(store, 'readAllForProjection');
        const commits: { checkpoint: number; projections: readonly string[] }[] = [];
        const head = await store.headPosition();
        const reached = await catchUpTogether(store, readStore, lanes, { batchSize: 300, onProgress: (checkpoint, projections) => commits.push({ checkpoint, projections }) });
        const logReads = reads.mock.calls.length;
        reads.mockRestore();
        expect(reached).toEqual(lanes.map(() => head));
        // The lanes behind catch up to the one ahead (three batches of 300, the last stopping at 700), then all go together.
        const names = PROJECTIONS.map((p) => p.name);
        const behind = names.filter((name) => name !== ahead.projection.name);
        expect(commits.slice(0, 3)).toEqual([
          { checkpoint: 300, projections: behind },
          { checkpoint: 600, projections: behind },
          { checkpoint: 700, projections: behind },
        ]);
        expect(commits.slice(3).every((c) => c.projections.length === names.length)).toBe(true);
        // One read per batch, and the last one finding nothing more.
        expect(logReads).toBe(commits.length + 1);
        expect(await dumpReadModels(readStore, PROJECTIONS)).toEqual(await dumpReadModels(incremental, PROJECTIONS));
      } finally {
        await readStore.close();
      }
    });

    it('leaves a projection that throws where it was, and keeps the others going', async () => {
      const readStore = createSqliteReadStore({ file: path.join(scratch, 'read.sqlite') });
      try {
        const [first, ...others] = PROJECTIONS as [Projection, ...Projection[]];
        let broken = true;
        const faulty: Projection = {
          ...first,
          evolveRun: undefined,
          evolve: (doc, event, key) => {
            if (broken && event.position > 400) throw new Error('a bug in the projection');
            return first.evolve(doc, event, key);
          },
        };
        const lanes = await lanesOf(readStore, [faulty, ...others]);
        const failures: string[] = [];
        const head = await store.headPosition();
        const reached = await catchUpTogether(store, readStore, lanes, { batchSize: 250, onLaneError: (name) => failures.push(name) });
        expect(failures).toEqual([first.name]);
        expect(reached[0]).toBeLessThan(head);
        expect(reached[0]).toBeGreaterThanOrEqual(250);
        expect(reached.slice(1)).toEqual(others.map(() => head));
        expect(await readStore.checkpoint(first.name, (lanes[0] as Lane).generation)).toBe(reached[0]);
        // Mended, it catches up from where it stopped, joins the others, and all equal a clean projection.
        broken = false;
        expect(await catchUpTogether(store, readStore, lanes, { batchSize: 250 })).toEqual(lanes.map(() => head));
        expect(await dumpReadModels(readStore, PROJECTIONS)).toEqual(await dumpReadModels(incremental, PROJECTIONS));
      } finally {
        await readStore.close();
      }
    });

    it('commits all projections of a batch in one transaction: one refused leaves every one untouched', async () => {
      const readStore = createSqliteReadStore({ file: path.join(scratch, 'read.sqlite') });
      try {
        const lanes = await lanesOf(readStore, PROJECTIONS);
        await catchUpTogether(store, readStore, lanes, { batchSize: 250 });
        const before = await dumpReadModels(readStore, PROJECTIONS);
        const checkpoints = await Promise.all(lanes.map((lane) => readStore.checkpoint(lane.projection.name, lane.generation)));
        const from = checkpoints[0] as number;
        const commit = readStore.openCommit(
          lanes.map((lane) => ({ projection: lane.projection.name, generation: lane.generation })),
          from,
        );
        commit.write(PROJECTIONS[0]!.name, [{ collection: PROJECTIONS[0]!.collections[0]!.name, id: 'x', doc: { _id: 'x' } }]);
        // A document under another _id: refused inside the transaction, after the first projection's write.
        commit.write(PROJECTIONS[1]!.name, [{ collection: PROJECTIONS[1]!.collections[0]!.name, id: 'y', doc: { _id: 'not-y' } }]);
        await expect(commit.commit(from + 1)).rejects.toThrow(/not-y/);
        expect(await dumpReadModels(readStore, PROJECTIONS)).toEqual(before);
        expect(await Promise.all(lanes.map((lane) => readStore.checkpoint(lane.projection.name, lane.generation)))).toEqual(checkpoints);
      } finally {
        await readStore.close();
      }
    });
  });
});
