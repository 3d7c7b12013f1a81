/**
 * MongoDB adapter of the read store port: the production read store. It passes the same
 * contract suite as the SQLite and memory adapters (run it with MONGODB_URL set).
 *
 * Layout, in one database:
 * - `projections`: `{ _id: name, version, activeGeneration, lastGeneration }`; the active
 *   generation is swapped by one update of this document.
 * - `generations`: `{ _id: '["<projection>",<n>]', projection, generation, checkpoint,
 *   collections, claim? }`; `collections` is the spec the generation was created with, so any
 *   process can read a generation without having been given the spec.
 * - one collection per (projection, generation, collection): `rm.<projection>.<n>.<collection>`
 *   (see `collectionNameOf`), created with every index of the spec; each index ends in `_id`,
 *   the final tie-breaker of every sort, so an ascending keyset page is one index range scan.
 *
 * Commit guarantees, by mode (chosen from the `hello` reply unless `commitMode` forces one):
 * - `transaction` (replica set or mongos): the document changes and the checkpoint move from
 *   `from` to `to` run in one multi-document transaction (snapshot read, majority write). The
 *   checkpoint update comes first and is conditional on `checkpoint == from`: a second writer
 *   either finds the checkpoint moved or hits a write conflict, which makes the driver retry
 *   its transaction until it finds it moved; either way it gets CheckpointMismatchError and
 *   nothing of its batch is visible. Exactly the SQLite adapter's guarantee.
 * - `idempotent` (standalone server, no transactions): a writer first claims the generation
 *   (conditional on `checkpoint == from` and no live claim; a claim lapses after
 *   `claimLeaseMs`), then writes each document with the batch's position `to` in a hidden
 *   field, applying a change only when the stored document was last written by an older
 *   position, then moves the checkpoint conditionally on still holding its claim. So:
 *   a commit refused with CheckpointMismatchError wrote nothing; two writers racing from one
 *   checkpoint are serialised by the claim (the second waits, then is refused); a crash or an
 *   error part-way leaves some documents of the batch written *before* the checkpoint moves:
 *   readers may see them, and a replay of that batch with the same `to` rewrites none of
 *   them (at-least-once delivery made idempotent per document). Not guaranteed: a replay that
 *   ends at another position (the projector must replay a failed batch with the same `to`, and
 *   derive a document only from its own previous state); a commit with `from == to` (it cannot
 *   be told from its own replay); a writer paused longer than the lease (its claim is taken
 *   over; its final checkpoint move is refused, but documents it wrote after the takeover stay).
 *
 * Query semantics mirror the memory and SQLite adapters for every field holding one JSON type
 * besides null: a filter compares with strict types (a string never equals a number) and, as
 * the other adapters do, never matches inside an array (MongoDB would match an element, so
 * each condition excludes arrays); null and missing sort first ascending, last descending;
 * strings compare by code point (MongoDB's default binary comparison of UTF-8; no collation is
 * ever set). Sorting or paging on a field that mixes types, or holds arrays, is not supported
 * (MongoDB orders arrays by their smallest or largest element). Documents are stored as JSON
 * values, exactly like the other adapters (Dates become strings, undefined fields vanish).
 *
 * Costs to know: excluding arrays makes a count fetch each matching document instead of
 * counting index keys. Indexes ascend and end in `_id: 1`: a sort whose keys all ascend
 * streams from the index. A descending key cannot: read backwards, the index yields `_id`
 * descending too, while the port's tie-breaker stays ascending, so MongoDB sorts in memory
 * (top-k with the limit) every match from the page's start on. Fine for a community's lists;
 * paging deep into a whole large collection in descending order would want an index ending
 * in `_id: -1`, which the port's CollectionSpec cannot ask for yet.
 *
 * Reads look up the active generation, then query its collection: two round trips. A swap
 * between the two can drop the collection under the query, which then finds nothing; so an
 * empty answer (or an error) is re-checked against the active generation and the read retried.
 */
import { createHash, randomUUID } from 'node:crypto';
import type * as Mongo from 'mongodb';
import {
  CheckpointMismatchError,
  type CollectionSpec,
  type Document,
  type DocumentChange,
  type FieldCondition,
  type Filter,
  type FindOptions,
  type ProjectionSpec,
  type ProjectionStatus,
  type ReadStore,
} from './port';
import {
  bufferedCommit,
  checkChangedDocument,
  checkCheckpoints,
  checkFilter,
  checkFindOptions,
  checkGenerationOf,
  checkProjectionSpec,
  distinct,
  sortKeysOf,
  unknownCollection,
  unknownGeneration,
  unknownProjection,
} from './rules';

export type MongoCommitMode = 'transaction' | 'idempotent';

export interface MongoReadStoreOptions {
  /** Connection string, e.g. `mongodb://host1,host2/?replicaSet=rs0`. */
  readonly url: string;
  readonly database: string;
  /** `auto` (default) takes `transaction` on a replica set or mongos, `idempotent` on a standalone server. */
  readonly commitMode?: 'auto' | MongoCommitMode;
  /** Idempotent mode: how long a writer's claim on a generation survives it (default 30 s). */
  readonly claimLeaseMs?: number;
  /** Passed to the driver (TLS, pool size, timeouts). */
  readonly clientOptions?: Mongo.MongoClientOptions;
}

// ---------------------------------------------------------------------------------------------
// Pure parts: names, documents, queries, indexes. Exported for the unit tests.
// ---------------------------------------------------------------------------------------------

/** A read-model document as MongoDB holds it: the port's string `_id`, any fields. */
export interface StoredRecord {
  _id: string;
  [field: string]: unknown;
}

/**
 * Idempotent mode's record of the log position that last wrote a document. Documents that
 * carry it are refused, and it is stripped from everything read.
 */
export const POSITION_FIELD = '__collegiumPosition';

/** Short, stable suffix that keeps two names apart once sanitizing made them alike. */
const shortHash = (text: string): string => createHash('sha1').update(text).digest('hex').slice(0, 8);

/** Longest name part kept whole: three parts stay well inside MongoDB's 255-byte namespace limit with a 63-byte database name. */
const MAX_NAME_PART = 48;

/**
 * One part of a collection name: MongoDB forbids `$` and NUL, and gives `.` a meaning, so
 * only [A-Za-z0-9_-] is kept; a part that needed changes (or shortening) gets a hash of the
 * original, so 'a b' and 'a.b' stay apart and no part ever holds the `.` separator.
 */
export const namePart = (name: string): string => {
  const clean = name.replace(/[^A-Za-z0-9_-]/g, '_');
  if (clean === name && name.length <= MAX_NAME_PART) return name;
  return `${clean.slice(0, MAX_NAME_PART - 9)}_${shortHash(name)}`;
};

/** Every collection of a projection, in any generation, starts with this. */
export const collectionPrefixOf = (projection: string): string => `rm.${namePart(projection)}.`;

export const collectionNameOf = (projection: string, generation: number, collection: string): string =>
  `${collectionPrefixOf(projection)}${generation}.${namePart(collection)}`;

/** The generation a collection of `projection` belongs to, or null for a name of anything else. */
export const generationOfCollectionName = (projection: string, name: string): number | null => {
  const prefix = collectionPrefixOf(projection);
  if (!name.startsWith(prefix)) return null;
  const match = /^(\d+)\./.exec(name.slice(prefix.length));
  return match?.[1] === undefined ? null : Number(match[1]);
};

/** MongoDB's rules for database names (the config checks a stricter form). */
export const checkDatabaseName = (database: string): void => {
  if (database.length === 0 || Buffer.byteLength(database) > 63 || /[/\\. "$*<>:|?\0]/.test(database)) {
    throw new Error(`Invalid MongoDB database name ${JSON.stringify(database)}`);
  }
};

/** The hidden field is ours: a filter or sort on it would read the adapter's bookkeeping. */
const checkNotHidden = (field: string): void => {
  if (field === POSITION_FIELD) throw new Error(`Field ${POSITION_FIELD} is reserved by the MongoDB read store`);
};

/**
 * A document as stored: a JSON copy, as the SQLite adapter stores JSON text, so the caller's
 * later mutations change nothing and values JSON cannot hold come back as SQLite gives them;
 * in idempotent mode it also records the position of the batch that wrote it.
 */
export const toStoredDocument = (doc: Document, position: number | null): StoredRecord => {
  if (Object.prototype.hasOwnProperty.call(doc, POSITION_FIELD)) throw new Error(`Document ${doc._id}: field ${POSITION_FIELD} is reserved by the MongoDB read store`);
  const stored = JSON.parse(JSON.stringify(doc)) as StoredRecord;
  if (position !== null) stored[POSITION_FIELD] = position;
  return stored;
};

/** A stored document as the port hands it out: the bookkeeping field removed, `_id` the string id. */
export const fromStoredDocument = (stored: Mongo.Document): Document => {
  const { [POSITION_FIELD]: _position, ...doc } = stored;
  return doc as Document;
};

/** Matches any value but an array: the other adapters never look inside arrays (see the header). */
const NOT_AN_ARRAY = { $not: { $type: 'array' } } as const;

/** One field's condition, or null when it constrains nothing (a range without bounds). */
export const conditionToQuery = (condition: FieldCondition): Mongo.Document | null => {
  if (condition === null || typeof condition !== 'object') return { $eq: condition, ...NOT_AN_ARRAY };
  if ('in' in condition) return { $in: [...condition.in], ...NOT_AN_ARRAY };
  const range: Mongo.Document = {};
  // MongoDB's range operators only admit values of the bound's type, as the memory adapter does.
  if (condition.gte !== undefined) range['$gte'] = condition.gte;
  if (condition.lte !== undefined) range['$lte'] = condition.lte;
  return Object.keys(range).length === 0 ? null : { ...range, ...NOT_AN_ARRAY };
};

export const filterToQuery = (filter: Filter): Mongo.Document => {
  const query: Mongo.Document = {};
  for (const [field, condition] of Object.entries(filter)) {
    const translated = conditionToQuery(condition);
    if (translated !== null) query[field] = translated;
  }
  return query;
};

type SortValue = string | number | boolean | null;

/** One key of the effective sort, with the `after` position's value for it when paging. */
export interface KeysetKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
  readonly value: SortValue;
}

const toSortValue = (value: unknown): SortValue => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new TypeError(`Cannot compare with ${JSON.stringify(value)}: only strings, numbers, booleans and null`);
};

/**
 * The sort a query runs (the requested keys, then `_id` ascending), each field once: a field
 * named again sorts nothing more, and a MongoDB sort document cannot hold a key twice.
 * The `_id` position is always `after.id`, as in the memory adapter.
 */
export const effectiveSortKeys = (options: FindOptions): KeysetKey[] => {
  const seen = new Set<string>();
  const keys: KeysetKey[] = [];
  sortKeysOf(options).forEach(({ field, direction }, i) => {
    if (seen.has(field)) return;
    seen.add(field);
    const raw = field === '_id' ? options.after?.id : options.after?.values[i];
    keys.push({ field, direction, value: toSortValue(raw) });
  });
  return keys;
};

/** Field names are checked identifiers (never integer-like), so the object keeps the keys' order. */
export const sortToMongo = (keys: readonly KeysetKey[]): Record<string, 1 | -1> =>
  Object.fromEntries(keys.map(({ field, direction }) => [field, direction === 'asc' ? 1 : -1]));

const equalTo = ({ field, value }: KeysetKey): Mongo.Document => ({ [field]: value });

/** `key` strictly after its value in the sort order, or null when nothing can be (descending past null, which sorts last). */
const strictlyAfter = ({ field, direction, value }: KeysetKey): Mongo.Document | null => {
  if (direction === 'asc') return value === null ? { [field]: { $ne: null } } : { [field]: { $gt: value } };
  return value === null ? null : { $or: [{ [field]: { $lt: value } }, { [field]: null }] };
};

/**
 * A bound on the first key that every later document satisfies: redundant with the `$or`,
 * but it gives the planner a start for the index scan instead of a walk past earlier pages.
 */
const firstKeyBound = ({ field, direction, value }: KeysetKey): Mongo.Document | null => {
  if (value === null) return null;
  return direction === 'asc' ? { [field]: { $gte: value } } : { [field]: { $not: { $gt: value } } };
};

const allOf = (terms: readonly Mongo.Document[]): Mongo.Document => (terms.length === 1 ? (terms[0] as Mongo.Document) : { $and: [...terms] });

/**
 * Documents strictly after the position in the order of `keys` (the last key is `_id`, never
 * null), as `k1 after v1 OR (k1 = v1 AND k2 after v2) OR ...`: null equals null or missing, as
 * in the sort, and sorts before every value ascending, after every value descending.
 */
export const keysetToQuery = (keys: readonly KeysetKey[]): Mongo.Document => {
  const branches: Mongo.Document[] = [];
  keys.forEach((key, i) => {
    const after = strictlyAfter(key);
    if (after !== null) branches.push(allOf([...keys.slice(0, i).map(equalTo), after]));
  });
  const first = keys[0];
  const bound = first !== undefined && keys.length > 1 ? firstKeyBound(first) : null;
  const or = branches.length === 1 ? (branches[0] as Mongo.Document) : { $or: branches };
  return bound === null ? or : { $and: [bound, or] };
};

export interface MongoFind {
  readonly query: Mongo.Document;
  readonly sort: Record<string, 1 | -1>;
  readonly limit?: number;
}

export const findToMongo = (filter: Filter, options: FindOptions): MongoFind => {
  const keys = effectiveSortKeys(options);
  const conditions = filterToQuery(filter);
  const query = options.after
    ? allOf([...(Object.keys(conditions).length > 0 ? [conditions] : []), keysetToQuery(keys)])
    : conditions;
  return { query, sort: sortToMongo(keys), ...(options.limit !== undefined ? { limit: options.limit } : {}) };
};

export interface MongoIndexSpec {
  readonly name: string;
  readonly key: Record<string, 1>;
}

/**
 * The indexes of a collection: each ends in `_id` so a sort's final tie-breaker is in the index;
 * an index that is `_id` alone is MongoDB's own, and two specs with the same keys are one index
 * (MongoDB refuses a second index on the same keys under another name).
 */
export const indexSpecsOf = (collection: CollectionSpec): MongoIndexSpec[] => {
  const seen = new Set<string>();
  const specs: MongoIndexSpec[] = [];
  collection.indexes.forEach((fields, i) => {
    const keys = fields[fields.length - 1] === '_id' ? [...fields] : [...fields, '_id'];
    const signature = keys.join(',');
    if (keys.length === 1 || seen.has(signature)) return;
    seen.add(signature);
    specs.push({ name: `ix${i}`, key: Object.fromEntries(keys.map((field) => [field, 1 as const])) });
  });
  return specs;
};

/** The last change of each document in a batch: the one that wins, so each document is written once. */
export const latestChanges = (changes: readonly DocumentChange[]): DocumentChange[] => {
  const latest = new Map<string, DocumentChange>();
  for (const change of changes) {
    const key = JSON.stringify([change.collection, change.id]);
    latest.delete(key);
    latest.set(key, change);
  }
  return [...latest.values()];
};

/**
 * The write for one change. Idempotent mode (`position` set) applies it only over a document
 * last written by an older position: an update pipeline that keeps `$$ROOT` otherwise, so a
 * skipped upsert is no duplicate-key error, and `$literal` so no stored string is read as a
 * field path.
 */
export const writeModelOf = (change: DocumentChange, position: number | null): Mongo.AnyBulkWriteOperation<StoredRecord> => {
  if (position === null) {
    return change.doc === null
      ? { deleteOne: { filter: { _id: change.id } } }
      : { replaceOne: { filter: { _id: change.id }, replacement: toStoredDocument(change.doc, null), upsert: true } };
  }
  if (change.doc === null) return { deleteOne: { filter: { _id: change.id, [POSITION_FIELD]: { $not: { $gte: position } } } } };
  const newer = { $lt: [{ $ifNull: [`$${POSITION_FIELD}`, -1] }, position] };
  return {
    updateOne: {
      filter: { _id: change.id },
      update: [{ $replaceWith: { $cond: { if: newer, then: { $literal: toStoredDocument(change.doc, position) }, else: '$$ROOT' } } }],
      upsert: true,
    },
  };
};

/** Transactions need a replica set member (which names its set) or a mongos (which says `isdbgrid`). */
export const commitModeOf = (hello: Mongo.Document): MongoCommitMode =>
  typeof hello['setName'] === 'string' || hello['msg'] === 'isdbgrid' ? 'transaction' : 'idempotent';

// ---------------------------------------------------------------------------------------------
// The store.
// ---------------------------------------------------------------------------------------------

interface ProjectionRecord {
  _id: string;
  version: number;
  activeGeneration: number;
  /** The highest generation number ever handed out: numbers are never reused. */
  lastGeneration: number;
}

interface Claim {
  token: string;
  to: number;
  expiresAt: Date;
}

interface GenerationRecord {
  _id: string;
  projection: string;
  generation: number;
  checkpoint: number;
  collections: CollectionSpec[];
  claim?: Claim | null;
}

/** Where one port collection of one generation lives. */
interface Target {
  readonly collection: Mongo.Collection<StoredRecord>;
}

const generationKey = (projection: string, generation: number): string => JSON.stringify([projection, generation]);

/** Enough retries to ride out a swap or two during a read; more would hide a real fault. */
const READ_ATTEMPTS = 3;
const CLAIM_POLL_MS = 10;
/** MongoDB's code for "collection already exists": `register` may race another process. */
const NAMESPACE_EXISTS = 48;

const TRANSACTION_OPTIONS: Mongo.TransactionOptions = {
  readConcern: { level: 'snapshot' },
  // A checkpoint acknowledged by one member only could be rolled back after a failover.
  writeConcern: { w: 'majority' },
  readPreference: 'primary',
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const isServerError = (error: unknown, code: number): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;

/**
 * The driver takes about a third of a second to load; services running on SQLite import this package too,
 * so it is loaded when a MongoDB store is created, not when the module is.
 */
const loadDriver = (): typeof Mongo => require('mongodb') as typeof Mongo;

export const createMongoReadStore = (options: MongoReadStoreOptions): ReadStore => {
  checkDatabaseName(options.database);
  const claimLeaseMs = options.claimLeaseMs ?? 30_000;
  if (!Number.isSafeInteger(claimLeaseMs) || claimLeaseMs <= 0) throw new Error(`claimLeaseMs must be a positive integer, got ${claimLeaseMs}`);
  const { MongoClient } = loadDriver();
  // The driver connects on the first operation, so creating a store does no I/O.
  const client = new MongoClient(options.url, options.clientOptions);
  const db = client.db(options.database);
  const projections = db.collection<ProjectionRecord>('projections');
  const generations = db.collection<GenerationRecord>('generations');

  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new Error('The read store is closed');
  };

  let metadataReady: Promise<void> | undefined;
  /** Once per store: the index that finds a projection's generations (drops, cleanup). */
  const ensureMetadata = (): Promise<void> =>
    (metadataReady ??= generations
      .createIndex({ projection: 1, generation: 1 }, { name: 'byProjection' })
      .then(() => undefined)
      .catch((error: unknown) => {
        metadataReady = undefined;
        throw error;
      }));

  let mode: Promise<MongoCommitMode> | undefined;
  const commitMode = (): Promise<MongoCommitMode> => {
    const forced = options.commitMode ?? 'auto';
    if (forced !== 'auto') return Promise.resolve(forced);
    return (mode ??= db
      .admin()
      .command({ hello: 1 })
      .then(commitModeOf)
      .catch((error: unknown) => {
        mode = undefined;
        throw error;
      }));
  };

  /** Collection specs by generation key: a generation's layout never changes and its number is never reused. */
  const specs = new Map<string, ReadonlyMap<string, CollectionSpec>>();

  const specOf = async (projection: string, generation: number): Promise<ReadonlyMap<string, CollectionSpec>> => {
    const key = generationKey(projection, generation);
    const cached = specs.get(key);
    if (cached) return cached;
    const record = await generations.findOne({ _id: key }, { projection: { collections: 1 } });
    if (!record) throw unknownGeneration(projection, generation);
    const loaded = new Map(record.collections.map((collection) => [collection.name, collection]));
    specs.set(key, loaded);
    return loaded;
  };

  const targetOf = async (projection: string, generation: number, collection: string): Promise<Target> => {
    if (!(await specOf(projection, generation)).has(collection)) throw unknownCollection(projection, collection);
    return { collection: db.collection<StoredRecord>(collectionNameOf(projection, generation, collection)) };
  };

  const generationExists = async (projection: string, generation: number): Promise<boolean> =>
    (await generations.countDocuments({ _id: generationKey(projection, generation) }, { limit: 1 })) > 0;

  const activeGenerationOf = async (projection: string): Promise<number | null> =>
    (await projections.findOne({ _id: projection }, { projection: { activeGeneration: 1 } }))?.activeGeneration ?? null;

  const statusOf = async (name: string): Promise<ProjectionStatus | null> => {
    for (let attempt = 1; attempt <= READ_ATTEMPTS; attempt++) {
      const projection = await projections.findOne({ _id: name });
      if (!projection) return null;
      const generation = await generations.findOne({ _id: generationKey(name, projection.activeGeneration) }, { projection: { checkpoint: 1 } });
      // Missing: an activation swapped generations between the two reads; read both again.
      if (generation) return { name, version: projection.version, activeGeneration: projection.activeGeneration, checkpoint: generation.checkpoint };
    }
    throw new Error(`Projection ${name}: its active generation kept changing while its status was read`);
  };

  /**
   * Runs a read against the active generation. Not one snapshot (see the header): an empty
   * answer or an error is retried when the active generation changed meanwhile.
   */
  const readActive = async <T>(
    projection: string,
    collection: string,
    whenUnregistered: T,
    isEmpty: (result: T) => boolean,
    read: (target: Target) => Promise<T>,
  ): Promise<T> => {
    ensureOpen();
    for (let attempt = 1; ; attempt++) {
      const generation = await activeGenerationOf(projection);
      // A gateway may start answering before the projector registered the projection.
      if (generation === null) return whenUnregistered;
      const swapped = async (): Promise<boolean> => attempt < READ_ATTEMPTS && (await activeGenerationOf(projection)) !== generation;
      let result: T;
      try {
        result = await read(await targetOf(projection, generation, collection));
      } catch (error) {
        if (await swapped()) continue;
        throw error;
      }
      if (isEmpty(result) && (await swapped())) continue;
      return result;
    }
  };

  const readMany = async (target: Target, ids: readonly string[]): Promise<Document[]> => {
    const wanted = distinct(ids);
    if (wanted.length === 0) return [];
    const found = await target.collection.find({ _id: { $in: wanted } }).toArray();
    const byId = new Map(found.map((stored) => [String(stored._id), fromStoredDocument(stored)]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  };

  const createCollectionIfMissing = async (name: string): Promise<void> => {
    try {
      await db.createCollection(name);
    } catch (error) {
      if (!isServerError(error, NAMESPACE_EXISTS)) throw error;
    }
  };

  /**
   * Creates a generation's collections and indexes, then its record: a generation is visible
   * only once complete. Every step is idempotent, so two processes registering one projection
   * at once both succeed.
   */
  const prepareGeneration = async (spec: ProjectionSpec, generation: number): Promise<void> => {
    const names = spec.collections.map((collection) => collectionNameOf(spec.name, generation, collection.name));
    if (new Set(names).size !== names.length) throw new Error(`Projection ${spec.name}: two collections map to one MongoDB collection name`);
    for (const collection of spec.collections) {
      const name = collectionNameOf(spec.name, generation, collection.name);
      await createCollectionIfMissing(name);
      const indexes = indexSpecsOf(collection);
      if (indexes.length > 0) await db.collection(name).createIndexes(indexes.map(({ name: indexName, key }) => ({ name: indexName, key })));
    }
    const collections = spec.collections.map(({ name, indexes }) => ({ name, indexes: indexes.map((fields) => [...fields]) }));
    await generations.updateOne(
      { _id: generationKey(spec.name, generation) },
      { $setOnInsert: { projection: spec.name, generation, checkpoint: 0, collections } },
      { upsert: true },
    );
  };

  /** Drops every collection and record of the projection's generations below `generation`, by name, so collections a crashed `createGeneration` left behind go too. */
  const dropGenerationsBelow = async (projection: string, generation: number): Promise<void> => {
    const prefix = collectionPrefixOf(projection);
    const listed = await db.listCollections({ name: { $regex: `^${prefix.replace(/[.\\^$*+?()[\]{}|-]/g, '\\$&')}` } }, { nameOnly: true }).toArray();
    for (const { name } of listed) {
      const owner = generationOfCollectionName(projection, name);
      if (owner !== null && owner < generation) await db.dropCollection(name);
    }
    await generations.deleteMany({ projection, generation: { $lt: generation } });
    for (const key of specs.keys()) {
      const [name, number] = JSON.parse(key) as [string, number];
      if (name === projection && number < generation) specs.delete(key);
    }
  };

  /** Why a conditional checkpoint move matched nothing: the generation is gone, or another writer moved it. */
  const checkpointRefusal = async (projection: string, generation: number, from: number, session?: Mongo.ClientSession): Promise<Error> => {
    const record = await generations.findOne({ _id: generationKey(projection, generation) }, session ? { session } : {});
    return record ? new CheckpointMismatchError(projection, generation, from, record.checkpoint) : unknownGeneration(projection, generation);
  };

  /** The batch grouped by target collection, every change checked before anything is written. */
  const prepareWrites = async (
    projection: string,
    generation: number,
    changes: readonly DocumentChange[],
    position: number | null,
  ): Promise<{ readonly target: Target; readonly models: Mongo.AnyBulkWriteOperation<StoredRecord>[] }[]> => {
    const groups = new Map<string, { readonly target: Target; readonly models: Mongo.AnyBulkWriteOperation<StoredRecord>[] }>();
    for (const change of latestChanges(changes)) {
      checkChangedDocument(change.collection, change.id, change.doc);
      let group = groups.get(change.collection);
      if (!group) groups.set(change.collection, (group = { target: await targetOf(projection, generation, change.collection), models: [] }));
      group.models.push(writeModelOf(change, position));
    }
    return [...groups.values()];
  };

  const commitInTransaction = async (projection: string, generation: number, changes: readonly DocumentChange[], from: number, to: number): Promise<void> => {
    const writes = await prepareWrites(projection, generation, changes, null);
    const session = client.startSession();
    try {
      await session.withTransaction(async () => {
        // The checkpoint first: it write-locks the generation record, so a racing writer
        // conflicts at once instead of after writing its documents.
        const moved = await generations.updateOne({ _id: generationKey(projection, generation), checkpoint: from }, { $set: { checkpoint: to } }, { session });
        if (moved.matchedCount === 0) throw await checkpointRefusal(projection, generation, from, session);
        for (const { target, models } of writes) await target.collection.bulkWrite(models, { session, ordered: true });
      }, TRANSACTION_OPTIONS);
    } finally {
      await session.endSession();
    }
  };

  /**
   * Idempotent mode's exclusive right to move the checkpoint from `from`. While another
   * writer's claim is live this waits, as SQLite's busy timeout waits for the write lock, and
   * then finds the checkpoint moved (refused) or the claim lapsed (taken over). Server time
   * (`$$NOW`) dates claims, so the processes' clocks need not agree.
   */
  const claimGeneration = async (projection: string, generation: number, from: number, to: number, token: string): Promise<void> => {
    const key = generationKey(projection, generation);
    for (;;) {
      ensureOpen();
      const claimed = await generations.updateOne(
        { _id: key, checkpoint: from, $or: [{ claim: null }, { $expr: { $lt: ['$claim.expiresAt', '$$NOW'] } }] },
        [{ $set: { claim: { token: { $literal: token }, to: { $literal: to }, expiresAt: { $add: ['$$NOW', claimLeaseMs] } } } }],
      );
      if (claimed.matchedCount === 1) return;
      const record = await generations.findOne({ _id: key });
      if (!record) throw unknownGeneration(projection, generation);
      if (record.checkpoint !== from) throw new CheckpointMismatchError(projection, generation, from, record.checkpoint);
      await sleep(CLAIM_POLL_MS);
    }
  };

  const commitByPosition = async (projection: string, generation: number, changes: readonly DocumentChange[], from: number, to: number): Promise<void> => {
    const writes = await prepareWrites(projection, generation, changes, to);
    const key = generationKey(projection, generation);
    const token = randomUUID();
    await claimGeneration(projection, generation, from, to, token);
    try {
      for (const { target, models } of writes) await target.collection.bulkWrite(models, { ordered: true });
    } catch (error) {
      // Released so the replay need not wait for the lease; it rewrites nothing already written.
      await generations.updateOne({ _id: key, 'claim.token': token }, { $unset: { claim: '' } }).catch(() => undefined);
      throw error;
    }
    const moved = await generations.updateOne({ _id: key, checkpoint: from, 'claim.token': token }, { $set: { checkpoint: to }, $unset: { claim: '' } });
    if (moved.matchedCount === 0) throw await checkpointRefusal(projection, generation, from);
  };

  const readStore: ReadStore = {
    register: async (spec: ProjectionSpec) => {
      ensureOpen();
      checkProjectionSpec(spec);
      await ensureMetadata();
      const existing = await statusOf(spec.name);
      if (existing) return existing;
      // The first generation is complete before the projection points at it: a crash in
      // between leaves nothing a reader could trip on, and the next register finishes the job.
      await prepareGeneration(spec, 1);
      await projections.updateOne(
        { _id: spec.name },
        { $setOnInsert: { version: spec.version, activeGeneration: 1, lastGeneration: 1 } },
        { upsert: true },
      );
      const status = await statusOf(spec.name);
      if (!status) throw new Error(`Projection ${spec.name}: registered but not found`);
      return status;
    },

    status: async (projection: string) => {
      ensureOpen();
      return statusOf(projection);
    },

    createGeneration: async (spec: ProjectionSpec) => {
      ensureOpen();
      checkProjectionSpec(spec);
      await ensureMetadata();
      // An atomic increment hands out each number once, even to processes rebuilding at once.
      const counted = await projections.findOneAndUpdate({ _id: spec.name }, { $inc: { lastGeneration: 1 } }, { returnDocument: 'after' });
      if (!counted) throw unknownProjection(spec.name);
      await prepareGeneration(spec, counted.lastGeneration);
      return counted.lastGeneration;
    },

    checkpoint: async (projection: string, generation: number) => {
      ensureOpen();
      checkGenerationOf(projection, generation);
      const record = await generations.findOne({ _id: generationKey(projection, generation) }, { projection: { checkpoint: 1 } });
      if (!record) throw unknownGeneration(projection, generation);
      return record.checkpoint;
    },

    commit: async (projection: string, generation: number, changes: readonly DocumentChange[], from: number, to: number) => {
      ensureOpen();
      checkGenerationOf(projection, generation);
      checkCheckpoints(projection, from, to);
      if ((await commitMode()) === 'transaction') await commitInTransaction(projection, generation, changes, from, to);
      else await commitByPosition(projection, generation, changes, from, to);
    },

    openCommit: (targets, from) => bufferedCommit(readStore, targets, from),

    activate: async (projection: string, generation: number, version: number) => {
      ensureOpen();
      checkGenerationOf(projection, generation);
      await ensureMetadata();
      if (!(await generationExists(projection, generation))) throw unknownGeneration(projection, generation);
      const swapped = await projections.updateOne({ _id: projection }, { $set: { activeGeneration: generation, version } });
      if (swapped.matchedCount === 0) throw unknownProjection(projection);
      // After the swap: readers caught on an old generation retry (see readActive).
      await dropGenerationsBelow(projection, generation);
    },

    get: async (projection: string, collection: string, id: string) =>
      readActive<Document | null>(projection, collection, null, (found) => found === null, async (target) => {
        const stored = await target.collection.findOne({ _id: id });
        return stored ? fromStoredDocument(stored) : null;
      }),

    getMany: async (projection: string, collection: string, ids: readonly string[]) =>
      readActive<Document[]>(projection, collection, [], (found) => found.length === 0, (target) => readMany(target, ids)),

    getManyIn: async (projection: string, generation: number, collection: string, ids: readonly string[]) => {
      ensureOpen();
      checkGenerationOf(projection, generation);
      const target = await targetOf(projection, generation, collection);
      // Checked every time: another process may have dropped a generation whose spec is cached here.
      const [exists, found] = await Promise.all([generationExists(projection, generation), readMany(target, ids)]);
      if (!exists) throw unknownGeneration(projection, generation);
      return found;
    },

    find: async (projection: string, collection: string, filter: Filter, findOptions: FindOptions = {}) => {
      checkFilter(filter);
      checkFindOptions(findOptions);
      Object.keys(filter).forEach(checkNotHidden);
      findOptions.sort?.forEach(({ field }) => checkNotHidden(field));
      const { query, sort, limit } = findToMongo(filter, findOptions);
      return readActive<Document[]>(projection, collection, [], (found) => found.length === 0, async (target) => {
        // MongoDB reads a limit of 0 as "no limit".
        if (limit === 0) return [];
        // allowDiskUse: a large sort on a field without an index must not fail at 100 MB.
        const cursor = target.collection.find(query, { sort, allowDiskUse: true, ...(limit !== undefined ? { limit } : {}) });
        return (await cursor.toArray()).map(fromStoredDocument);
      });
    },

    count: async (projection: string, collection: string, filter: Filter) => {
      checkFilter(filter);
      Object.keys(filter).forEach(checkNotHidden);
      const query = filterToQuery(filter);
      return readActive(projection, collection, 0, (count) => count === 0, (target) => target.collection.countDocuments(query));
    },

    close: async () => {
      if (closed) return;
      closed = true;
      specs.clear();
      await client.close();
    },
  };
  return readStore;
};
