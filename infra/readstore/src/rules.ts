/**
 * Checks and conventions every adapter shares, so they reject the same mistakes with the
 * same messages and order results the same way.
 */
import { CheckpointMismatchError, type CollectionSpec, type CommitTarget, type DocumentChange, type Filter, type FindOptions, type ProjectionSpec, type ReadStore, type StreamedCommit } from './port';

export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/**
 * Top-level field names only: they become SQL column names and JSON paths in the SQLite
 * adapter, and MongoDB gives `.` and a leading `$` their own meaning.
 */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const checkFieldName = (field: string): void => {
  if (!FIELD_NAME.test(field)) throw new Error(`Invalid field name ${JSON.stringify(field)}: use letters, digits and _`);
};

const checkName = (kind: string, name: string): void => {
  if (name.length === 0) throw new Error(`A ${kind} needs a name`);
};

export const checkProjectionSpec = (spec: ProjectionSpec): void => {
  checkName('projection', spec.name);
  if (!Number.isSafeInteger(spec.version)) throw new Error(`Projection ${spec.name}: version must be an integer`);
  const names = new Set<string>();
  for (const collection of spec.collections) {
    checkName('collection', collection.name);
    if (names.has(collection.name)) throw new Error(`Projection ${spec.name}: collection ${collection.name} is declared twice`);
    names.add(collection.name);
    for (const index of collection.indexes) {
      if (index.length === 0) throw new Error(`Collection ${collection.name}: an index needs at least one field`);
      index.forEach(checkFieldName);
    }
  }
};

export const checkGenerationOf = (projection: string, generation: number): void => {
  if (!Number.isSafeInteger(generation) || generation < 1) throw new Error(`Projection ${projection}: invalid generation ${generation}`);
};

export const checkCheckpoints = (projection: string, from: number, to: number): void => {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || to < from) {
    throw new Error(`Projection ${projection}: a commit moves the checkpoint forward (from ${from} to ${to})`);
  }
};

export const checkFilter = (filter: Filter): void => {
  for (const field of Object.keys(filter)) checkFieldName(field);
};

export const checkFindOptions = (options: FindOptions): void => {
  for (const key of options.sort ?? []) checkFieldName(key.field);
  if (options.limit !== undefined && (!Number.isSafeInteger(options.limit) || options.limit < 0)) {
    throw new Error(`limit must be a non-negative integer, got ${options.limit}`);
  }
  if (options.after && options.after.values.length !== (options.sort?.length ?? 0)) {
    throw new Error('after.values needs one value per sort key');
  }
};

/** The sort a query really runs: the requested keys, then `_id` ascending so every order is total. */
export const sortKeysOf = (options: FindOptions): SortKey[] => [...(options.sort ?? []), { field: '_id', direction: 'asc' }];

/** Fields a collection keeps indexed, each once, in the order the spec first names them. */
export const indexedFieldsOf = (collection: CollectionSpec): string[] => [...new Set(collection.indexes.flat())];

export const unknownProjection = (projection: string): Error => new Error(`Projection ${projection} is not registered`);

export const unknownGeneration = (projection: string, generation: number): Error =>
  new Error(`Projection ${projection} has no generation ${generation}`);

export const unknownCollection = (projection: string, collection: string): Error =>
  new Error(`Projection ${projection} has no collection ${collection}`);

export const checkChangedDocument = (collection: string, id: string, doc: { readonly _id: string } | null): void => {
  if (doc !== null && doc._id !== id) throw new Error(`Collection ${collection}: change for ${id} carries a document with _id ${doc._id}`);
};

/** Ids once each, in the order first asked for: `getMany` answers like MongoDB's `$in`, without duplicates. */
export const distinct = (ids: readonly string[]): string[] => [...new Set(ids)];

/** Records each change in `documents` under its document, so a document changed twice keeps its last change (in its first place). */
export const keepLastChanges = (documents: Map<string, DocumentChange>, changes: readonly DocumentChange[]): Map<string, DocumentChange> => {
  for (const change of changes) documents.set(`${change.collection}\u0000${change.id}`, change);
  return documents;
};

/** Checks a streamed commit's targets; returns the target each projection name stands for. */
export const checkCommitTargets = (targets: readonly CommitTarget[], from: number): ReadonlyMap<string, CommitTarget> => {
  if (targets.length === 0) throw new Error('A streamed commit needs at least one target');
  const byName = new Map<string, CommitTarget>();
  for (const target of targets) {
    checkGenerationOf(target.projection, target.generation);
    checkCheckpoints(target.projection, from, from);
    if (byName.has(target.projection)) throw new Error(`Projection ${target.projection} is a streamed commit's target twice`);
    byName.set(target.projection, target);
  }
  return byName;
};

/** The target `projection` names in a streamed commit, or an error naming the mistake. */
export const targetOf = (byName: ReadonlyMap<string, CommitTarget>, projection: string): CommitTarget => {
  const target = byName.get(projection);
  if (!target) throw new Error(`Projection ${projection} is not a target of this streamed commit`);
  return target;
};

/** One target's changes in a buffered commit, ready to land. */
export interface TargetChanges {
  readonly target: CommitTarget;
  readonly changes: readonly DocumentChange[];
}

/**
 * A streamed commit that keeps the changes until `commit` and then lands them. By default it
 * makes one `commit` per target, for stores whose commit is one round trip already (memory,
 * MongoDB): every target's checkpoint is checked first, so a checkpoint moved before the
 * commit leaves all targets untouched; only a writer racing in between the targets' commits
 * could see some land and the rest refused (each target's own changes and checkpoint still
 * land together). A store that can land them all in one transaction passes `landAll`.
 */
export const bufferedCommit = (
  store: Pick<ReadStore, 'commit' | 'checkpoint'>,
  targets: readonly CommitTarget[],
  from: number,
  landAll?: (parts: readonly TargetChanges[], from: number, to: number) => Promise<void>,
): StreamedCommit => {
  const byName = checkCommitTargets(targets, from);
  // Per projection, the last change of each document, in the order documents were first written.
  const written = new Map<string, Map<string, DocumentChange>>(targets.map((t) => [t.projection, new Map()]));
  let state: 'open' | 'ended' = 'open';
  const ensureOpen = (): void => {
    if (state !== 'open') throw new Error('This streamed commit has ended');
  };
  const changesOf = (target: CommitTarget): DocumentChange[] => [...(written.get(target.projection)?.values() ?? [])];
  return {
    write(projection, changes) {
      ensureOpen();
      targetOf(byName, projection);
      keepLastChanges(written.get(projection) as Map<string, DocumentChange>, changes);
    },
    async commit(to) {
      ensureOpen();
      state = 'ended';
      for (const target of targets) checkCheckpoints(target.projection, from, to);
      if (landAll) return landAll(targets.map((target) => ({ target, changes: changesOf(target) })), from, to);
      for (const target of targets) {
        const actual = await store.checkpoint(target.projection, target.generation);
        if (actual !== from) throw new CheckpointMismatchError(target.projection, target.generation, from, actual);
      }
      for (const target of targets) await store.commit(target.projection, target.generation, changesOf(target), from, to);
    },
    abort() {
      state = 'ended';
      written.clear();
    },
  };
};
