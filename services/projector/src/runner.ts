/**
 * The live projector: keeps every projection's active generation caught up with the log,
 * and rebuilds a projection whose code version changed into a fresh generation while
 * the old one keeps answering queries.
 */
import type { Projection } from '@collegium/projections';
import type { EventStore } from '@collegium/eventstore';
import type { ReadStore } from '@collegium/readstore';
import { catchUp, specOf } from './projector';

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
    while (!stopped) {
      try {
        const status = await readStore.status(projection.name);
        const generation = status?.activeGeneration ?? (await readStore.register(specOf(projection))).activeGeneration;
        const checkpoint = await catchUp(store, readStore, projection, generation, { batchSize: options.batchSize ?? 2_000 });
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
