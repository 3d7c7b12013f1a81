/**
 * The read store port: a document store shaped like MongoDB, so the MongoDB adapter is
 * thin, and the embedded SQLite adapter is the default. Every adapter passes the one
 * contract suite in `contract.ts`.
 *
 * Projections write only through `commit`, which applies a batch of document changes
 * and advances the projection's checkpoint in one transaction: a crash at any instant
 * leaves either both or neither, so no event is lost or counted twice.
 *
 * Rebuilds write into a fresh generation of a projection's collections while queries
 * keep reading the active one; `activate` swaps generations atomically.
 */

/** A stored document; `_id` is unique within its collection. */
export interface Document {
  readonly _id: string;
  readonly [field: string]: unknown;
}

export interface CollectionSpec {
  readonly name: string;
  /** Top-level fields queries filter or sort on; each inner list is one (compound) index. */
  readonly indexes: readonly (readonly string[])[];
}

export interface ProjectionSpec {
  readonly name: string;
  /** A changed version makes the projector rebuild the projection into a new generation. */
  readonly version: number;
  readonly collections: readonly CollectionSpec[];
}

/** Equality on top-level fields; `{ in: [...] }` for a set; `{ gte, lte }` for a range. */
export type FieldCondition =
  | string
  | number
  | boolean
  | null
  | { readonly in: readonly (string | number | boolean)[] }
  | { readonly gte?: string | number; readonly lte?: string | number };
export type Filter = Readonly<Record<string, FieldCondition>>;

export interface FindOptions {
  /** Sort keys in order; `_id` ascending is always the final tie-breaker. */
  readonly sort?: readonly { readonly field: string; readonly direction: 'asc' | 'desc' }[];
  readonly limit?: number;
  /** Keyset pagination: continue after the document with these sort values and id. */
  readonly after?: { readonly values: readonly unknown[]; readonly id: string };
}

export interface DocumentChange {
  readonly collection: string;
  readonly id: string;
  /** The whole new document, or null to delete it. */
  readonly doc: Document | null;
  /** `doc` as JSON text, when the caller has it already: a store that keeps JSON text need not serialize it again. */
  readonly json?: string;
}

/** A projection's generation that a streamed commit writes to. */
export interface CommitTarget {
  readonly projection: string;
  readonly generation: number;
}

/**
 * A commit handed over in parts: the writer passes each part's changes as soon as they are
 * final and drops them, so it holds no document longer than it works on it (a rebuild then
 * leaves the garbage collector little to copy). Nothing is visible before `commit`; then
 * each target's changes land with its new checkpoint in one transaction, or not at all (the
 * SQLite store lands all targets in one). A document written twice keeps its last version.
 */
export interface StreamedCommit {
  write(projection: string, changes: readonly DocumentChange[]): void;
  /**
   * Moves every target's checkpoint from the commit's `from` to `to` with its changes.
   * Throws CheckpointMismatchError (and changes nothing) when a target's checkpoint moved.
   */
  commit(to: number): Promise<void>;
  /** Drops what was written; the commit can no longer be used. */
  abort(): void;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  /** The generation queries read. */
  readonly activeGeneration: number;
  /** Position of the last event applied to the active generation. */
  readonly checkpoint: number;
}

/** Thrown by `commit` when the stored checkpoint is not the one the writer expected. */
export class CheckpointMismatchError extends Error {
  override readonly name = 'CheckpointMismatchError';
  constructor(
    readonly projection: string,
    readonly generation: number,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`Projection ${projection} generation ${generation}: expected checkpoint ${expected}, found ${actual}`);
  }
}

export interface ReadStore {
  /**
   * Registers a projection (creating its first generation when it is new) and returns its
   * status. A registered projection with another version keeps serving its active
   * generation until a rebuild activates a new one.
   */
  register(spec: ProjectionSpec): Promise<ProjectionStatus>;
  status(projection: string): Promise<ProjectionStatus | null>;

  /** Starts an empty generation for a rebuild (collections and indexes created), returns its number. */
  createGeneration(spec: ProjectionSpec): Promise<number>;
  /** The checkpoint of a generation (0 when nothing was applied). */
  checkpoint(projection: string, generation: number): Promise<number>;
  /**
   * Applies `changes` to the generation and moves its checkpoint from `from` to `to`, in
   * one transaction. Throws CheckpointMismatchError (and changes nothing) when the stored
   * checkpoint is not `from`: a second writer, or a replay of a committed batch.
   */
  commit(projection: string, generation: number, changes: readonly DocumentChange[], from: number, to: number): Promise<void>;
  /**
   * Opens a streamed commit over generations whose checkpoints will stand at `from` when it
   * commits. It may be opened and written to while an earlier one is still open or landing
   * (an adapter may hold its parts back until then).
   */
  openCommit(targets: readonly CommitTarget[], from: number): StreamedCommit;
  /** Makes `generation` the one queries read (recording `version`), and drops older generations. */
  activate(projection: string, generation: number, version: number): Promise<void>;

  /** Reads from the active generation of the projection that owns `collection`. */
  get(projection: string, collection: string, id: string): Promise<Document | null>;
  getMany(projection: string, collection: string, ids: readonly string[]): Promise<Document[]>;
  find(projection: string, collection: string, filter: Filter, options?: FindOptions): Promise<Document[]>;
  count(projection: string, collection: string, filter: Filter): Promise<number>;
  /** Reads from a given generation (the projector loads documents of the generation it writes). */
  getManyIn(projection: string, generation: number, collection: string, ids: readonly string[]): Promise<Document[]>;

  close(): Promise<void>;
}
