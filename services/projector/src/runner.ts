/**
 * The live projector: keeps every projection's active generation caught up with the log,
 * and rebuilds a projection whose code version changed into a fresh generation while
 * the old one keeps answering queries.
 */
import type { Projection } from '@collegium/projections';
import type { EventStore } from '@collegium/eventstore';
import type { ReadStore } from '@collegium/readstore';
import type { ReadDoc } from '@collegium/projections';
import { CheckpointMismatchError } from '@collegium/readstore';
import { catchUpTogether, specOf, type Lane } from './projector';
import { rebuild } from './rebuild';

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

  // One loop for every projection: one read of the log and one commit per batch for all of
  // them (see catchUpTogether). Each projection keeps the documents it committed, for the
  // generation they belong to.
  const caches = new Map<string, { generation: number; cache: Map<string, ReadDoc | null> }>();
  const laneOf = async (projection: Projection): Promise<Lane> => {
    const status = await readStore.status(projection.name);
    const generation = status?.activeGeneration ?? (await readStore.register(specOf(projection))).activeGeneration;
    let cached = caches.get(projection.name);
    if (cached?.generation !== generation) caches.set(projection.name, (cached = { generation, cache: new Map() }));
    return { projection, generation, cache: cached.cache };
  };
  const run = async (): Promise<void> => {
    while (!stopped) {
      try {
        const lanes: Lane[] = [];
        for (const projection of projections) lanes.push(await laneOf(projection));
        const reached = await catchUpTogether(store, readStore, lanes, {
          batchSize: options.batchSize ?? 2_000,
          cacheLimit: 20_000,
          onLaneError: (name, error) => options.onError?.(name, error),
          onProgress: (checkpoint, names) => names.forEach((name) => checkpoints.set(name, checkpoint)),
        });
        lanes.forEach((lane, index) => checkpoints.set(lane.projection.name, reached[index] as number));
      } catch (error) {
        // Another writer moved a checkpoint or a rebuild swapped generations: reload and go on.
        options.onError?.(error instanceof CheckpointMismatchError ? error.projection : 'projector', error);
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
  const loop = run();

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
      await loop;
    },
  };
};
