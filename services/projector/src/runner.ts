/**
 * The live projector: keeps every projection's active generation caught up with the log,
 * and rebuilds a projection whose code version changed into a fresh generation while
 * the old one keeps answering queries.
 */
import type { Projection } from '@collegium/projections';
import type { EventStore } from '@collegium/eventstore';
import type { ReadStore } from '@collegium/readstore';
import type { ReadDoc } from '@collegium/projections';
import { catchUp, projectBatch, specOf } from './projector';

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

/**
 * Rebuilds several projections in one pass over the log: each batch is read and decoded
 * once and applied to every projection's new generation (decoding the log is the larger
 * part of a rebuild's cost). All new generations are then activated.
 */
export const rebuildAll = async (
  store: EventStore,
  readStore: ReadStore,
  projections: readonly Projection[],
  onProgress?: (progress: RebuildProgress) => void,
  batchSize = 5_000,
  // Documents per projection, not bytes: an activity document holds a community's year
  // (tens of KB). Measured over 1M events: 1,500 rebuilds as fast as 4,000 with ~60 MB less.
  cacheLimit = 1_500,
): Promise<number> => {
  const targets = [];
  for (const projection of projections) {
    await readStore.register(specOf(projection));
    targets.push({ projection, generation: await readStore.createGeneration(specOf(projection)), cache: new Map<string, ReadDoc | null>() });
  }
  const started = Date.now();
  let checkpoint = 0;
  let events = 0;
  for (let pass = 0; pass < 3; pass++) {
    const head = await store.headPosition();
    if (checkpoint >= head && pass > 0) break;
    while (checkpoint < head) {
      const batch = (await store.readAll(checkpoint, Math.min(batchSize, head - checkpoint))).filter((e) => e.position <= head);
      if (batch.length === 0) break;
      for (const t of targets) {
        await projectBatch(readStore, t.projection, t.generation, batch, checkpoint, t.cache);
        // Bounded, so a rebuild's memory stays flat however long the log.
        if (t.cache.size > cacheLimit) t.cache.clear();
      }
      checkpoint = (batch[batch.length - 1] as { position: number }).position;
      events += batch.length;
      onProgress?.({ projection: projections.map((p) => p.name).join('+'), checkpoint, head, events, elapsedMs: Date.now() - started });
    }
  }
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
