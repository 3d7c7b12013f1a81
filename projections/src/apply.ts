/**
 * Applying a batch of events to a projection, as pure functions: first every key the
 * batch touches (so the projector loads all documents in one read per collection), then
 * the documents after the batch.
 */
import type { RecordedEnvelope } from '@collegium/domain';
import { slot, type DocKey, type Projection, type ReadDoc } from './projection';

export const relevantEvents = (projection: Projection, events: readonly RecordedEnvelope[]): RecordedEnvelope[] =>
  events.filter((e) => projection.eventTypes.has(e.type));

/** Every distinct document the events touch, grouped by collection. */
export const keysOfBatch = (projection: Projection, events: readonly RecordedEnvelope[]): Map<string, string[]> => {
  const byCollection = new Map<string, Set<string>>();
  for (const e of events) {
    for (const key of projection.keys(e)) {
      let ids = byCollection.get(key.collection);
      if (!ids) byCollection.set(key.collection, (ids = new Set()));
      ids.add(key.id);
    }
  }
  return new Map([...byCollection].map(([collection, ids]) => [collection, [...ids]]));
};

export interface BatchChange {
  readonly key: DocKey;
  readonly doc: ReadDoc | null;
}

/**
 * Evolves the documents in `working` (slot → document, absent = not stored) through the
 * events in order, and returns the documents that changed. `working` is updated in place
 * so a cache can carry it over to the next batch.
 */
export const evolveBatch = (projection: Projection, events: readonly RecordedEnvelope[], working: Map<string, ReadDoc | null>): BatchChange[] => {
  const dirty = new Map<string, DocKey>();
  for (const e of events) {
    for (const key of projection.keys(e)) {
      const s = slot(key);
      const before = working.get(s) ?? null;
      const after = projection.evolve(before, e, key);
      if (after !== before) {
        working.set(s, after);
        dirty.set(s, key);
      }
    }
  }
  return [...dirty].map(([s, key]) => ({ key, doc: working.get(s) ?? null }));
};

/** Replays `events` from nothing: the read model a full rebuild would produce (for tests). */
export const replay = (projection: Projection, events: readonly RecordedEnvelope[]): Map<string, ReadDoc> => {
  const working = new Map<string, ReadDoc | null>();
  evolveBatch(projection, relevantEvents(projection, events), working);
  return new Map([...working].filter((entry): entry is [string, ReadDoc] => entry[1] !== null));
};
