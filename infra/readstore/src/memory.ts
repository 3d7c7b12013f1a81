/**
 * In-memory adapter: the reference semantics, for unit tests of projections. Every method
 * runs to completion without awaiting, so within one process each call is as atomic as a
 * transaction. Documents are kept as JSON text, as the SQLite adapter stores them, so a
 * caller mutating a document after `commit` or after a read changes nothing stored, and
 * values JSON cannot hold (undefined, functions, Dates) come back as they would from SQLite.
 */
import {
  CheckpointMismatchError,
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
  type SortKey,
} from './rules';

/** A stored document: the text handed back (parsed afresh per read) and one parsed copy to filter on. */
interface Stored {
  readonly json: string;
  readonly doc: Document;
}

interface Generation {
  checkpoint: number;
  readonly collections: Map<string, Map<string, Stored>>;
}

interface Projection {
  version: number;
  active: number;
  readonly generations: Map<number, Generation>;
}

/**
 * MongoDB's order across types (null and missing first, then numbers, strings, objects,
 * booleans); the SQLite adapter agrees for every field that holds one type besides null.
 */
const typeRank = (value: unknown): number => {
  if (value === null || value === undefined) return 0;
  switch (typeof value) {
    case 'number':
      return 1;
    case 'string':
      return 2;
    case 'boolean':
      return 4;
    default:
      return 3;
  }
};

/**
 * Strings compare by Unicode code point, which is how MongoDB and SQLite compare UTF-8 bytes.
 * JavaScript's `<` compares UTF-16 units instead, and the two orders disagree only between a
 * surrogate (0xD800–0xDFFF, part of a character above 0xFFFF) and a unit from 0xE000 up.
 */
export const compareStrings = (a: string, b: string): number => {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
};

const codePointRank = (unit: number): number => (unit >= 0xe000 ? unit - 0x800 : unit >= 0xd800 ? unit + 0x2000 : unit);

export const compareValues = (a: unknown, b: unknown): number => {
  const rank = typeRank(a) - typeRank(b);
  if (rank !== 0) return rank;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
};

/** A range bound only admits values of its own type, as in MongoDB. */
const withinBound = (value: unknown, bound: string | number | undefined, sign: 1 | -1): boolean =>
  bound === undefined || (typeof value === typeof bound && sign * compareValues(value, bound) >= 0);

const matchesCondition = (value: unknown, condition: FieldCondition): boolean => {
  if (condition === null) return value === null || value === undefined;
  if (typeof condition !== 'object') return value === condition;
  if ('in' in condition) return condition.in.some((candidate) => candidate === value);
  return withinBound(value, condition.gte, 1) && withinBound(value, condition.lte, -1);
};

const matchesFilter = (doc: Document, conditions: readonly [string, FieldCondition][]): boolean =>
  conditions.every(([field, condition]) => matchesCondition(doc[field], condition));

const compareBySortKeys = (keys: readonly SortKey[]) => (a: Document, b: Document): number => {
  for (const { field, direction } of keys) {
    const order = compareValues(a[field], b[field]);
    if (order !== 0) return direction === 'asc' ? order : -order;
  }
  return 0;
};

/** A stand-in document holding the `after` position's values, to compare with the same function as the sort. */
const positionOf = (keys: readonly SortKey[], after: NonNullable<FindOptions['after']>): Document => {
  const position: Record<string, unknown> = {};
  keys.forEach(({ field }, i) => (position[field] = after.values[i]));
  return { ...position, _id: after.id };
};

const store = (doc: Document): Stored => {
  const json = JSON.stringify(doc);
  return { json, doc: JSON.parse(json) as Document };
};

const emptyGeneration = (spec: ProjectionSpec): Generation => ({
  checkpoint: 0,
  collections: new Map(spec.collections.map((collection) => [collection.name, new Map<string, Stored>()])),
});

export const createMemoryReadStore = (): ReadStore => {
  const projections = new Map<string, Projection>();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new Error('The read store is closed');
  };

  const projectionOf = (name: string): Projection => {
    const projection = projections.get(name);
    if (!projection) throw unknownProjection(name);
    return projection;
  };

  const generationOf = (name: string, generation: number): Generation => {
    checkGenerationOf(name, generation);
    const found = projectionOf(name).generations.get(generation);
    if (!found) throw unknownGeneration(name, generation);
    return found;
  };

  const collectionIn = (generation: Generation, projection: string, collection: string): Map<string, Stored> => {
    const docs = generation.collections.get(collection);
    if (!docs) throw unknownCollection(projection, collection);
    return docs;
  };

  /** The active generation's documents, or null while the projection is not registered (a gateway may start first). */
  const activeCollection = (projection: string, collection: string): Map<string, Stored> | null => {
    ensureOpen();
    const found = projections.get(projection);
    if (!found) return null;
    return collectionIn(generationOf(projection, found.active), projection, collection);
  };

  const statusOf = (name: string, projection: Projection): ProjectionStatus => ({
    name,
    version: projection.version,
    activeGeneration: projection.active,
    checkpoint: generationOf(name, projection.active).checkpoint,
  });

  const readMany = (docs: Map<string, Stored> | null, ids: readonly string[]): Document[] => {
    if (!docs) return [];
    const found: Document[] = [];
    for (const id of distinct(ids)) {
      const stored = docs.get(id);
      if (stored) found.push(JSON.parse(stored.json) as Document);
    }
    return found;
  };

  const matching = (docs: Map<string, Stored> | null, filter: Filter): Stored[] => {
    checkFilter(filter);
    if (!docs) return [];
    const conditions = Object.entries(filter);
    return [...docs.values()].filter((stored) => matchesFilter(stored.doc, conditions));
  };

  const readStore: ReadStore = {
    register: async (spec: ProjectionSpec) => {
      ensureOpen();
      checkProjectionSpec(spec);
      const existing = projections.get(spec.name);
      if (existing) return statusOf(spec.name, existing);
      const created: Projection = { version: spec.version, active: 1, generations: new Map([[1, emptyGeneration(spec)]]) };
      projections.set(spec.name, created);
      return statusOf(spec.name, created);
    },

    status: async (projection: string) => {
      ensureOpen();
      const found = projections.get(projection);
      return found ? statusOf(projection, found) : null;
    },

    createGeneration: async (spec: ProjectionSpec) => {
      ensureOpen();
      checkProjectionSpec(spec);
      const projection = projectionOf(spec.name);
      const generation = Math.max(...projection.generations.keys()) + 1;
      projection.generations.set(generation, emptyGeneration(spec));
      return generation;
    },

    checkpoint: async (projection: string, generation: number) => {
      ensureOpen();
      return generationOf(projection, generation).checkpoint;
    },

    commit: async (projection: string, generation: number, changes: readonly DocumentChange[], from: number, to: number) => {
      ensureOpen();
      checkCheckpoints(projection, from, to);
      const target = generationOf(projection, generation);
      if (target.checkpoint !== from) throw new CheckpointMismatchError(projection, generation, from, target.checkpoint);
      // Everything that can fail is checked before the first write, so a rejected batch leaves no trace.
      const writes = changes.map((change) => {
        checkChangedDocument(change.collection, change.id, change.doc);
        return { docs: collectionIn(target, projection, change.collection), id: change.id, stored: change.doc && store(change.doc) };
      });
      for (const { docs, id, stored } of writes) {
        if (stored) docs.set(id, stored);
        else docs.delete(id);
      }
      target.checkpoint = to;
    },

    openCommit: (targets, from) => bufferedCommit(readStore, targets, from),

    activate: async (projection: string, generation: number, version: number) => {
      ensureOpen();
      generationOf(projection, generation);
      const found = projectionOf(projection);
      found.active = generation;
      found.version = version;
      for (const older of [...found.generations.keys()].filter((each) => each < generation)) found.generations.delete(older);
    },

    get: async (projection: string, collection: string, id: string) => {
      const stored = activeCollection(projection, collection)?.get(id);
      return stored ? (JSON.parse(stored.json) as Document) : null;
    },

    getMany: async (projection: string, collection: string, ids: readonly string[]) => readMany(activeCollection(projection, collection), ids),

    getManyIn: async (projection: string, generation: number, collection: string, ids: readonly string[]) => {
      ensureOpen();
      return readMany(collectionIn(generationOf(projection, generation), projection, collection), ids);
    },

    find: async (projection: string, collection: string, filter: Filter, options: FindOptions = {}) => {
      checkFindOptions(options);
      const keys = sortKeysOf(options);
      const compare = compareBySortKeys(keys);
      let docs = matching(activeCollection(projection, collection), filter).sort((a, b) => compare(a.doc, b.doc));
      if (options.after) {
        const position = positionOf(keys, options.after);
        docs = docs.filter((stored) => compare(stored.doc, position) > 0);
      }
      if (options.limit !== undefined) docs = docs.slice(0, options.limit);
      return docs.map((stored) => JSON.parse(stored.json) as Document);
    },

    count: async (projection: string, collection: string, filter: Filter) => matching(activeCollection(projection, collection), filter).length,

    close: async () => {
      closed = true;
      projections.clear();
    },
  };
  return readStore;
};
