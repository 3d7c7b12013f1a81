/**
 * Applying a batch of events to a projection, as pure functions: first every key the
 * batch touches (so the projector loads all documents in one read per collection), then
 * the documents after the batch. Each event's keys are computed once and carried along:
 * a rebuild spends a real share of its time in `keys`.
 */
import type { RecordedEnvelope } from '@collegium/domain';
import { slot, type DocKey, type Projection, type ReadDoc } from './projection';

/** An event the projection reads, with the documents it changes and their working-set slots. */
export interface KeyedEvent {
  readonly event: RecordedEnvelope;
  readonly keys: readonly DocKey[];
  readonly slots: readonly string[];
}

/** The events of `events` the projection reads, each with its keys. */
export const keyEvents = (projection: Projection, events: readonly RecordedEnvelope[]): KeyedEvent[] => {
  const keyed: KeyedEvent[] = [];
  for (const event of events) {
    if (!projection.eventTypes.has(event.type)) continue;
    const keys = projection.keys(event);
    keyed.push({ event, keys, slots: keys.map(slot) });
  }
  return keyed;
};

/** Every distinct document the events touch, grouped by collection. */
export const keysOfBatch = (keyed: readonly KeyedEvent[]): Map<string, string[]> => {
  const byCollection = new Map<string, Set<string>>();
  for (const { keys } of keyed) {
    for (const key of keys) {
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
export const evolveBatch = (projection: Projection, keyed: readonly KeyedEvent[], working: Map<string, ReadDoc | null>): BatchChange[] => {
  const dirty = new Map<string, DocKey>();
  for (const { event, keys, slots } of keyed) {
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as DocKey;
      const s = slots[i] as string;
      const before = working.get(s) ?? null;
      const after = projection.evolve(before, event, key);
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
  evolveBatch(projection, keyEvents(projection, events), working);
  return new Map([...working].filter((entry): entry is [string, ReadDoc] => entry[1] !== null));
};
