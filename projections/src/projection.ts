/**
 * A projection is a pure function of the log: for each event it names the read-model
 * documents the event changes, and computes each new document from the old one. The
 * projector (services/projector) does all I/O: it loads the named documents, applies
 * `evolve` and commits the changes with the checkpoint in one transaction.
 */
import type { ProjectedEnvelope } from '@collegium/domain';

/** A read-model document; `_id` is unique within its collection. */
export interface ReadDoc {
  readonly _id: string;
  readonly [field: string]: unknown;
}

export interface DocKey {
  readonly collection: string;
  readonly id: string;
}

export interface CollectionDef {
  readonly name: string;
  /** Top-level fields queries filter or sort on; each inner list is one index. */
  readonly indexes: readonly (readonly string[])[];
}

export interface Projection {
  readonly name: string;
  /** Bump when `evolve` changes meaning: the projector then rebuilds the projection. */
  readonly version: number;
  readonly collections: readonly CollectionDef[];
  /** Event types the projection reads; every other event only advances its checkpoint. */
  readonly eventTypes: ReadonlySet<string>;
  /** The documents the event changes. */
  readonly keys: (event: ProjectedEnvelope) => readonly DocKey[];
  /** The document after the event (null deletes it). Total: never throws on a known event. */
  readonly evolve: (doc: ReadDoc | null, event: ProjectedEnvelope, key: DocKey) => ReadDoc | null;
  /**
   * The document after a run of its events, in log order: equal to `evolve` applied event by
   * event, and as pure (the given document is never changed). Optional; a projection whose
   * documents grow with every event (a year of activities) folds a run into one private copy
   * instead of copying the document once per event — the generated log's runs are 5 to 50
   * events per document in a page. Whoever derives a projection with another `evolve` must
   * drop or replace this too (`draftFolds` builds both from one step).
   */
  readonly evolveRun?: (doc: ReadDoc | null, events: readonly ProjectedEnvelope[], key: DocKey) => ReadDoc | null;
}

/**
 * A projection's two folds from one step that changes a private draft in place: `own` makes
 * the draft (a copy of every part `step` may change, or a new document) and `step` applies
 * one event to it. One definition serves both folds, so they cannot disagree; the draft
 * never escapes before the fold returns it, so both stay pure.
 */
export const draftFolds = <D extends ReadDoc>(
  own: (doc: D | null, first: ProjectedEnvelope, key: DocKey) => D,
  step: (draft: D, event: ProjectedEnvelope, key: DocKey) => void,
): Pick<Projection, 'evolve' | 'evolveRun'> => ({
  evolve: (doc, event, key) => {
    const draft = own(doc as D | null, event, key);
    step(draft, event, key);
    return draft;
  },
  evolveRun: (doc, events, key) => {
    const first = events[0];
    if (!first) return doc;
    const draft = own(doc as D | null, first, key);
    for (const event of events) step(draft, event, key);
    return draft;
  },
});

export const docKey = (collection: string, id: string): DocKey => ({ collection, id });

/** Key of a document inside a batch's working set. */
export const slot = (key: DocKey): string => `${key.collection}\u0000${key.id}`;
