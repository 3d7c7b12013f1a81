/**
 * Applying a batch of events to a projection, as pure functions: first every document the
 * batch touches with its events (so the projector loads all documents in one read per
 * collection), then the documents after the batch.
 */
import type { ProjectedEnvelope } from '@collegium/domain';
import { slot, type DocKey, type Projection, type ReadDoc } from './projection';

export interface BatchChange {
  readonly key: DocKey;
  readonly slot: string;
  readonly doc: ReadDoc | null;
}

/** A document's events in a batch, in log order. */
export interface Run {
  readonly key: DocKey;
  readonly events: ProjectedEnvelope[];
}

/**
 * The batch's events the projection reads, grouped by the document they change, each group
 * in log order. A document's fold reads only its own events, so folding document by
 * document gives what folding the batch in log order would. Each event's keys are computed
 * once here: a rebuild spends a real share of its time in `keys`.
 */
export const runsOfBatch = (projection: Projection, events: readonly ProjectedEnvelope[]): Map<string, Run> => {
  const runs = new Map<string, Run>();
  // Consecutive events mostly change the same document (a meeting's votes): comparing with
  // the last key is cheaper than building and hashing its slot again.
  let last: Run | null = null;
  for (const event of events) {
    if (!projection.eventTypes.has(event.type)) continue;
    for (const key of projection.keys(event)) {
      if (last && last.key.id === key.id && last.key.collection === key.collection) {
        last.events.push(event);
        continue;
      }
      const s = slot(key);
      last = runs.get(s) ?? null;
      if (last) last.events.push(event);
      else runs.set(s, (last = { key, events: [event] }));
    }
  }
  return runs;
};

/** The document after `events` (its own, in log order), by the projection's run fold when it has one. */
export const foldDocument = (projection: Projection, doc: ReadDoc | null, events: readonly ProjectedEnvelope[], key: DocKey): ReadDoc | null => {
  if (projection.evolveRun) return projection.evolveRun(doc, events, key);
  let current = doc;
  for (const event of events) current = projection.evolve(current, event, key);
  return current;
};

/**
 * Evolves the documents in `working` (slot → document, absent = not stored) through their
 * runs, and returns the documents that changed. `working` is updated in place so a cache
 * can carry it over to the next batch.
 */
export const evolveBatch = (projection: Projection, runs: ReadonlyMap<string, Run>, working: Map<string, ReadDoc | null>): BatchChange[] => {
  const changed: BatchChange[] = [];
  for (const [s, run] of runs) {
    const before = working.get(s) ?? null;
    const after = foldDocument(projection, before, run.events, run.key);
    if (after === before) continue;
    working.set(s, after);
    changed.push({ key: run.key, slot: s, doc: after });
  }
  return changed;
};

/** Replays `events` from nothing: the read model a full rebuild would produce (for tests). */
export const replay = (projection: Projection, events: readonly ProjectedEnvelope[]): Map<string, ReadDoc> => {
  const working = new Map<string, ReadDoc | null>();
  evolveBatch(projection, runsOfBatch(projection, events), working);
  return new Map([...working].filter((entry): entry is [string, ReadDoc] => entry[1] !== null));
};
