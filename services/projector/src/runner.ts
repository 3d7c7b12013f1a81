/**
 * The live projector: keeps every projection's active generation caught up with the log,
 * and rebuilds a projection whose code version changed into a fresh generation while
 * the old one keeps answering queries.
 */
import type { Projection } from '@collegium/projections';
import type { EventStore } from '@collegium/eventstore';
import type { DocumentChange, ReadStore } from '@collegium/readstore';
import type { ReadDoc } from '@collegium/projections';
import { StringBloom } from './bloom';
import { catchUp, commitStaged, specOf, stageEvents, trimCache } from './projector';

export interface ProjectorOptions {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly projections: readonly Projection[];
  readonly batchSize?: number;
  /** How long to wait for new events before looking again (appends in this process wake it at once). */
  readonly idleMs?: number;
  readonly onError?: (projection: string, error: unknown) => void;
}

export interface RunningProjector {
  /** Resolves when every projection has applied the log up to `position` (or rejects after `timeoutMs`). */
  waitFor(position: number, timeoutMs: number): Promise<boolean>;
  /** The lowest checkpoint over all projections: every read model reflects the log up to here. */
  position(): number;
  stop(): Promise<void>;
}

export interface RebuildProgress {
  readonly projection: string;
  readonly checkpoint: number;
  readonly head: number;
  readonly events: number;
  readonly elapsedMs: number;
  /** Time a rebuild spent waiting for its previous commit to land (a writer thread's backlog). */
  readonly commitWaitMs?: number;
}

/** Event store page cache for a rebuild: it reads the log once, in order, so a few MB do. */
export const REBUILD_CACHE_MB = 8;

/**
 * Rebuilds `projection` into a new generation up to the log's head, then activates it:
 * queries read the old generation until the swap, and the swap is one transaction.
 */
export const rebuild = async (
  store: EventStore,
  readStore: ReadStore,
  projection: Projection,
  onProgress?: (progress: RebuildProgress) => void,
  batchSize = 5_000,
): Promise<number> => {
  await readStore.register(specOf(projection));
  const generation = await readStore.createGeneration(specOf(projection));
  const started = Date.now();
  let checkpoint = 0;
  // Catch up to the head, then once more for what arrived meanwhile, so the swap lags little.
  for (let pass = 0; pass < 3; pass++) {
    const head = await store.headPosition();
    if (checkpoint >= head && pass > 0) break;
    checkpoint = await catchUp(store, readStore, projection, generation, {
      batchSize,
      until: head,
      onProgress: (cp, events) => onProgress?.({ projection: projection.name, checkpoint: cp, head, events, elapsedMs: Date.now() - started }),
    });
  }
  await readStore.activate(projection.name, generation, projection.version);
  return checkpoint;
};

/** Events per read during a rebuild: small pages die young in the garbage collector (see stageEvents). */
const REBUILD_PAGE = 500;

/**
 * Rebuilds several projections in one pass over the log: each page is read and decoded
 * once and staged into every projection's new generation; every `batchSize` events the
 * staged documents and the checkpoint are committed. All new generations are then activated.
 */
export const rebuildAll = async (
  store: EventStore,
  readStore: ReadStore,
  projections: readonly Projection[],
  onProgress?: (progress: RebuildProgress) => void,
  batchSize = 5_000,
  // Documents per projection, not bytes: an activity document holds a community's year
  // (tens of KB). The cache keeps what the last window changed (see trimCache), so a small
  // limit reloads nothing in a log whose communities' events come close together; measured
  // over 300k events, 250 instead of 1,500 holds ~30 MB less and is no slower.
  cacheLimit = 250,
): Promise<number> => {
  interface Target {
    readonly projection: Projection;
    readonly generation: number;
    readonly cache: Map<string, ReadDoc | null>;
    staged: Map<string, DocumentChange>;
    /** What the cache evicted: nothing else can be in this fresh generation (see StringBloom). */
    readonly evicted: StringBloom;
  }
  const targets: Target[] = [];
  for (const projection of projections) {
    await readStore.register(specOf(projection));
    const generation = await readStore.createGeneration(specOf(projection));
    targets.push({ projection, generation, cache: new Map(), staged: new Map(), evicted: new StringBloom() });
  }
  const started = Date.now();
  let committed = 0;
  let checkpoint = 0;
  let events = 0;
  // One commit may be in flight while the next window is staged: a read store with a writer
  // thread runs it on the other core (an inline one has finished when commit returns). The
  // cache is trimmed only once the previous commit landed, so a document it drops is in the
  // store when the next window reads it back.
  let inflight: Promise<Error | null> = Promise.resolve(null);
  let commitWaitMs = 0;
  const names = projections.map((p) => p.name).join('+');
  const report = (head: number): void =>
    onProgress?.({ projection: names, checkpoint, head, events, elapsedMs: Date.now() - started, commitWaitMs });
  const settled = async (): Promise<void> => {
    const waitStarted = performance.now();
    const failed = await inflight;
    commitWaitMs += performance.now() - waitStarted;
    if (failed) throw failed;
  };
  const commitAll = async (): Promise<void> => {
    await settled();
    const commits = targets.map((t) => {
      // Bounded, so a rebuild's memory stays flat however long the log.
      trimCache(t.cache, t.staged, cacheLimit, (s) => t.evicted.add(s));
      const staged = t.staged;
      t.staged = new Map();
      return commitStaged(readStore, t.projection, t.generation, staged, t.cache, committed, checkpoint);
    });
    committed = checkpoint;
    inflight = Promise.all(commits).then(
      () => null,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
  };
  for (let pass = 0; pass < 3; pass++) {
    const head = await store.headPosition();
    if (checkpoint >= head && pass > 0) break;
    while (checkpoint < head) {
      const page = (await store.readAllForProjection(checkpoint, Math.min(REBUILD_PAGE, head - checkpoint))).filter((e) => e.position <= head);
      if (page.length === 0) break;
      for (const t of targets) await stageEvents(readStore, t.projection, t.generation, page, t.cache, t.staged, (s) => !t.evicted.mightContain(s));
      checkpoint = (page[page.length - 1] as { position: number }).position;
      events += page.length;
      if (events % batchSize < page.length || checkpoint >= head) {
        await commitAll();
        report(head);
      }
    }
  }
  if (committed < checkpoint) await commitAll();
  await settled();
  // Once more when the last commit has landed, so the waits reported include its own.
  report(checkpoint);
  for (const t of targets) await readStore.activate(t.projection.name, t.generation, t.projection.version);
  return checkpoint;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const startProjector = async (options: ProjectorOptions): Promise<RunningProjector> => {
  const { store, readStore, projections } = options;
  const idleMs = options.idleMs ?? 50;
  const checkpoints = new Map<string, number>();
  let stopped = false;
  const sleepers = new Set<() => void>();
  const wakeAll = (): void => sleepers.forEach((wake) => wake());

  // Projections whose code version differs from the stored one are rebuilt first.
  for (const projection of projections) {
    const status = await readStore.register(specOf(projection));
    if (status.version !== projection.version) await rebuild(store, readStore, projection);
  }

  const runOne = async (projection: Projection): Promise<void> => {
    // The documents this projector committed, for the generation they belong to.
    let cached = { generation: -1, cache: new Map<string, ReadDoc | null>() };
    while (!stopped) {
      try {
        const status = await readStore.status(projection.name);
        const generation = status?.activeGeneration ?? (await readStore.register(specOf(projection))).activeGeneration;
        if (cached.generation !== generation) cached = { generation, cache: new Map() };
        const checkpoint = await catchUp(store, readStore, projection, generation, { batchSize: options.batchSize ?? 2_000, cache: cached.cache, cacheLimit: 20_000 });
        checkpoints.set(projection.name, checkpoint);
      } catch (error) {
        // Another writer moved the checkpoint or a rebuild swapped generations: reload and go on.
        options.onError?.(projection.name, error);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          sleepers.delete(done);
          resolve();
        };
        sleepers.add(done);
        setTimeout(done, idleMs);
      });
    }
  };

  // One subscription only to learn about appends quickly; the catch-up reads do the work.
  const head = await store.headPosition();
  const signal = store.subscribe(head, async () => wakeAll());
  const loops = projections.map((p) => runOne(p));

  const position = (): number => Math.min(...projections.map((p) => checkpoints.get(p.name) ?? 0));
  return {
    position,
    async waitFor(target, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (position() < target) {
        if (Date.now() > deadline) return false;
        wakeAll();
        await sleep(5);
      }
      return true;
    },
    async stop() {
      stopped = true;
      wakeAll();
      await signal.close();
      await Promise.all(loops);
    },
  };
};
