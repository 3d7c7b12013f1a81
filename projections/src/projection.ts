/**
 * A projection is a pure function of the log: for each event it names the read-model
 * documents the event changes, and computes each new document from the old one. The
 * projector (services/projector) does all I/O: it loads the named documents, applies
 * `evolve` and commits the changes with the checkpoint in one transaction.
 */
import type { RecordedEnvelope } from '@collegium/domain';

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
  readonly keys: (event: RecordedEnvelope) => readonly DocKey[];
  /** The document after the event (null deletes it). Total: never throws on a known event. */
  readonly evolve: (doc: ReadDoc | null, event: RecordedEnvelope, key: DocKey) => ReadDoc | null;
}

export const docKey = (collection: string, id: string): DocKey => ({ collection, id });

/** Key of a document inside a batch's working set. */
export const slot = (key: DocKey): string => `${key.collection}\u0000${key.id}`;
