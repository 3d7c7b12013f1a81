/**
 * Runs projections from the global log into the read store. For each batch of events it
 * loads every document the batch touches in one read per collection, evolves them with
 * the projection's pure functions, and commits the changed documents together with the
 * new checkpoint in one transaction. The commit names the checkpoint it started from, so
 * a crash, a restart or a second projector can never apply a batch twice.
 */
import { evolveBatch, runsOfBatch, slot, type Projection, type ReadDoc } from '@collegium/projections';
import type { EventStore, ProjectedEvent } from '@collegium/eventstore';
import type { DocumentChange, ProjectionSpec, ReadStore } from '@collegium/readstore';

export const specOf = (projection: Projection): ProjectionSpec => ({
  name: projection.name,
  version: projection.version,
  collections: projection.collections,
});

export interface BatchResult {
  readonly events: number;
  readonly changes: number;
  readonly checkpoint: number;
}

/**
 * Applies events to the documents they touch, without writing: documents missing from
 * `cache` are loaded from `generation`, evolved, and the results put in `cache`; the changed
 * ones are collected in `staged` (slot → change) for the commit.
 */
export const stageEvents = async (
  readStore: ReadStore,
  projection: Projection,
  generation: number,
  events: readonly ProjectedEvent[],
  cache: Map<string, ReadDoc | null>,
  staged: Map<string, DocumentChange>,
): Promise<void> => {
  const runs = runsOfBatch(projection, events);
  if (runs.size === 0) return;
  const toRead = new Map<string, string[]>();
  for (const [s, run] of runs) {
    if (cache.has(s)) continue;
    const ids = toRead.get(run.key.collection);
    if (ids) ids.push(run.key.id);
    else toRead.set(run.key.collection, [run.key.id]);
  }
  for (const [collection, ids] of toRead) {
    const loaded = await readStore.getManyIn(projection.name, generation, collection, ids);
    const byId = new Map(loaded.map((doc) => [doc._id, doc as ReadDoc]));
    for (const id of ids) cache.set(slot({ collection, id }), byId.get(id) ?? null);
  }
  // The cache is the working set: documents evolve in place and are staged for the commit.
  for (const c of evolveBatch(projection, runs, cache)) staged.set(c.slot, { collection: c.key.collection, id: c.key.id, doc: c.doc });
};

/**
 * Bounds a document cache: once it holds more than `limit` documents, the ones the current
 * batch did not change are dropped. Those it changed are the likeliest to change again
 * (a community's events come close together), so they stay.
 */
export const trimCache = (cache: Map<string, ReadDoc | null>, staged: ReadonlyMap<string, DocumentChange>, limit: number): void => {
  if (cache.size <= limit) return;
  for (const s of cache.keys()) if (!staged.has(s)) cache.delete(s);
};

/**
 * Writes the staged changes and moves the checkpoint from `from` to `to` in one transaction,
 * then trims the cache to `cacheLimit`. If the commit fails for any reason the cache is dropped: it holds documents the store
 * does not, and the next attempt starts again from the stored checkpoint.
 */
export const commitStaged = async (
  readStore: ReadStore,
  projection: Projection,
  generation: number,
  staged: Map<string, DocumentChange>,
  cache: Map<string, ReadDoc | null>,
  from: number,
  to: number,
  cacheLimit = Number.POSITIVE_INFINITY,
): Promise<number> => {
  const changes = [...staged.values()];
  try {
    await readStore.commit(projection.name, generation, changes, from, to);
    trimCache(cache, staged, cacheLimit);
  } catch (error) {
    cache.clear();
    throw error;
  } finally {
    staged.clear();
  }
  return changes.length;
};

/**
 * Projects one batch (events after `from`, in order) into `generation`. `cache` holds the
 * documents of this generation as this writer last committed them; it is dropped when a
 * commit fails, because another writer then owns the truth (or the store does not hold it).
 */
export const projectBatch = async (
  readStore: ReadStore,
  projection: Projection,
  generation: number,
  events: readonly ProjectedEvent[],
  from: number,
  cache: Map<string, ReadDoc | null>,
  cacheLimit = Number.POSITIVE_INFINITY,
): Promise<BatchResult> => {
  const last = events[events.length - 1];
  if (!last) return { events: 0, changes: 0, checkpoint: from };
  const staged = new Map<string, DocumentChange>();
  await stageEvents(readStore, projection, generation, events, cache, staged);
  const changes = await commitStaged(readStore, projection, generation, staged, cache, from, last.position, cacheLimit);
  return { events: events.length, changes, checkpoint: last.position };
};

export interface CatchUpOptions {
  readonly batchSize?: number;
  /** Stop at this position (events appended after it wait for the next call). */
  readonly until?: number;
  readonly onProgress?: (checkpoint: number, eventsSoFar: number) => void;
  /** Documents kept between batches; bounded so a long catch-up's memory stays flat. */
  readonly cacheLimit?: number;
  /**
   * Documents of this generation as this writer last committed them, kept across calls: the
   * live projector passes one per projection, so a busy stream's document is read from the
   * store once, not once per batch. Cleared whenever a commit finds the checkpoint moved.
   */
  readonly cache?: Map<string, ReadDoc | null>;
}

/** Applies every event after the generation's checkpoint (up to `until`), batch by batch. */
export const catchUp = async (
  store: EventStore,
  readStore: ReadStore,
  projection: Projection,
  generation: number,
  options: CatchUpOptions = {},
): Promise<number> => {
  const batchSize = options.batchSize ?? 2_000;
  const cacheLimit = options.cacheLimit ?? 50_000;
  const cache = options.cache ?? new Map<string, ReadDoc | null>();
  let checkpoint = await readStore.checkpoint(projection.name, generation);
  let total = 0;
  for (;;) {
    const limit = options.until === undefined ? batchSize : Math.min(batchSize, options.until - checkpoint);
    if (limit <= 0) break;
    const events = await store.readAllForProjection(checkpoint, limit);
    const inRange = options.until === undefined ? events : events.filter((e) => e.position <= (options.until as number));
    if (inRange.length === 0) break;
    const result = await projectBatch(readStore, projection, generation, inRange, checkpoint, cache, cacheLimit);
    checkpoint = result.checkpoint;
    total += result.events;
    options.onProgress?.(checkpoint, total);
  }
  return checkpoint;
};

/** One projection the live projector keeps caught up: its active generation and its document cache. */
export interface Lane {
  readonly projection: Projection;
  readonly generation: number;
  /** Documents of `generation` as this writer last committed them (see CatchUpOptions.cache). */
  readonly cache: Map<string, ReadDoc | null>;
}

export interface CatchUpTogetherOptions {
  readonly batchSize?: number;
  readonly cacheLimit?: number;
  /** A lane whose batch could not be projected; it keeps its checkpoint, and the others go on. */
  readonly onLaneError?: (projection: string, error: unknown) => void;
  readonly onProgress?: (checkpoint: number, projections: readonly string[]) => void;
}

/**
 * The lanes at the lowest checkpoint among `checkpoints` (leaving out `failed`), and how far
 * they may go in one batch: up to the next lane's checkpoint, where that lane joins them.
 */
export const nextGroup = (checkpoints: readonly number[], failed: ReadonlySet<number>): { lanes: number[]; from: number; until: number } | null => {
  let from = Number.POSITIVE_INFINITY;
  checkpoints.forEach((checkpoint, lane) => {
    if (!failed.has(lane)) from = Math.min(from, checkpoint);
  });
  if (from === Number.POSITIVE_INFINITY) return null;
  let until = Number.POSITIVE_INFINITY;
  const lanes: number[] = [];
  checkpoints.forEach((checkpoint, lane) => {
    if (failed.has(lane)) return;
    if (checkpoint === from) lanes.push(lane);
    else until = Math.min(until, checkpoint);
  });
  return { lanes, from, until };
};

/** A lane's changes for the batch being committed. */
interface Staged {
  readonly lane: Lane;
  readonly changes: Map<string, DocumentChange>;
}

/**
 * Folds the batch into each lane's documents. A lane whose events throw is reported, its
 * cache (which may hold documents half evolved by this batch) dropped, and it is left out.
 */
const stageLanes = async (
  readStore: ReadStore,
  lanes: readonly Lane[],
  events: readonly ProjectedEvent[],
  onLaneError: (lane: Lane, error: unknown) => void,
): Promise<Staged[]> => {
  const staged: Staged[] = [];
  for (const lane of lanes) {
    const changes = new Map<string, DocumentChange>();
    try {
      await stageEvents(readStore, lane.projection, lane.generation, events, lane.cache, changes);
      staged.push({ lane, changes });
    } catch (error) {
      lane.cache.clear();
      onLaneError(lane, error);
    }
  }
  return staged;
};

/** Commits every staged lane's changes and checkpoint together; a refused commit drops their caches. */
const commitLanes = async (readStore: ReadStore, staged: readonly Staged[], from: number, to: number, cacheLimit: number): Promise<void> => {
  const commit = readStore.openCommit(
    staged.map(({ lane }) => ({ projection: lane.projection.name, generation: lane.generation })),
    from,
  );
  try {
    for (const { lane, changes } of staged) commit.write(lane.projection.name, [...changes.values()]);
    await commit.commit(to);
  } catch (error) {
    commit.abort();
    for (const { lane } of staged) lane.cache.clear();
    throw error;
  }
  for (const { lane, changes } of staged) trimCache(lane.cache, changes, cacheLimit);
};

/**
 * Keeps several projections caught up with one read of the log per batch and one commit for
 * all of them: the live projector's path, where a single appended event would otherwise cost
 * each projection its own read and its own transaction. Lanes at different checkpoints (one
 * just rebuilt, say) go separately until the ones behind reach the others. A lane whose
 * events throw is reported and left where it was, so one faulty projection never holds the
 * other read models back; the commit itself is all or nothing (a moved checkpoint refuses
 * it, and the caller reloads the generations). Returns each lane's checkpoint.
 */
export const catchUpTogether = async (
  store: EventStore,
  readStore: ReadStore,
  lanes: readonly Lane[],
  options: CatchUpTogetherOptions = {},
): Promise<number[]> => {
  const batchSize = options.batchSize ?? 2_000;
  const cacheLimit = options.cacheLimit ?? 50_000;
  const checkpoints: number[] = [];
  for (const lane of lanes) checkpoints.push(await readStore.checkpoint(lane.projection.name, lane.generation));
  const failed = new Set<number>();
  for (;;) {
    const group = nextGroup(checkpoints, failed);
    if (!group) break;
    const limit = Number.isFinite(group.until) ? Math.min(batchSize, Math.max(1, group.until - group.from)) : batchSize;
    const events = (await store.readAllForProjection(group.from, limit)).filter((e) => e.position <= group.until);
    const last = events[events.length - 1];
    if (!last) {
      // Nothing more for these lanes: the ones ahead of them (if any) take their turn.
      for (const index of group.lanes) failed.add(index);
      continue;
    }
    const staged = await stageLanes(readStore, group.lanes.map((index) => lanes[index] as Lane), events, (lane, error) => {
      failed.add(lanes.indexOf(lane));
      options.onLaneError?.(lane.projection.name, error);
    });
    if (staged.length === 0) continue;
    await commitLanes(readStore, staged, group.from, last.position, cacheLimit);
    for (const { lane } of staged) checkpoints[lanes.indexOf(lane)] = last.position;
    options.onProgress?.(last.position, staged.map(({ lane }) => lane.projection.name));
  }
  return checkpoints;
};
