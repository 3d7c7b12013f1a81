/**
 * SQLite adapter: the embedded default. The gateway, the projector and the worker may open
 * the same file; WAL lets them read while one of them writes.
 *
 * Layout: two registry tables (`projections`, `generations`) and one physical table per
 * (projection, generation, collection), `rm_<projection>_<generation>_<collection>`, holding
 * `_id`, the document as JSON text, and one column per indexed field, written on upsert from
 * the document's value with the types `json_extract` would give (TEXT for strings, numbers,
 * 1/0 for booleans, NULL for null or missing), so indexed and non-indexed fields (queried
 * through `json_extract`) behave alike. Explicit columns rather than generated ones: an
 * update would otherwise parse the old and the new JSON text once more inside SQLite, which
 * measured ~1.6x slower for updates. The columns have no declared type, so no affinity
 * converts '7' into 7: a string never equals a number, as in MongoDB. Strings compare
 * bytewise (BINARY collation on UTF-8), i.e. by code point, like MongoDB's default; NULL sorts
 * first ascending, last descending, like null/missing in MongoDB.
 *
 * Every index ends with `_id`, the final tie-breaker of every sort, so a keyset page is one
 * index range scan.
 *
 * Secondary indexes of a generation made by `createGeneration` are built by `activate`, not
 * up front: while rebuilding, nothing queries that generation but the projector (by `_id`),
 * and one sorted index build after the load is ~3x cheaper than keeping the indexes up to
 * date through a million random inserts. With a writer thread it is the other way round:
 * index upkeep then runs on the thread's core, which a rebuild leaves mostly idle (1.2 of
 * 8 s over 300k events), while a build at the end is time the rebuild waits for (0.7 s).
 *
 * Each read runs in one (deferred) read transaction: the registry lookup of the active
 * generation and the query see the same WAL snapshot, so a swap committed by another process
 * in between can never send the query to a table that was just dropped.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import path from 'node:path';
import { isSqliteError, memoUntilChanged, openSqliteFile } from '@collegium/sqlite';
import { startWriterThread, type Guard, type SqlValue as WriterSqlValue, type StatementRuns, type WriteResult, type WriterThread } from './writerThread';
import {
  CheckpointMismatchError,
  type CollectionSpec,
  type CommitTarget,
  type Document,
  type DocumentChange,
  type FieldCondition,
  type Filter,
  type FindOptions,
  type ProjectionSpec,
  type ProjectionStatus,
  type ReadStore,
  type StreamedCommit,
} from './port';
import {
  bufferedCommit,
  type TargetChanges,
  checkChangedDocument,
  checkCheckpoints,
  checkCommitTargets,
  checkFilter,
  checkFindOptions,
  checkGenerationOf,
  checkProjectionSpec,
  distinct,
  indexedFieldsOf,
  keepLastChanges,
  sortKeysOf,
  targetOf,
  unknownCollection,
  unknownGeneration,
  unknownProjection,
  type SortKey,
} from './rules';

export interface SqliteReadStoreOptions {
  /** Path of the database file; its directory is created when missing. */
  readonly file: string;
  /** How long a writer waits for another connection's write transaction before failing. */
  readonly busyTimeoutMs?: number;
  /**
   * Commit on a thread of its own (see writerThread.ts), so the caller can stage its next
   * batch meanwhile: for a rebuild. A live projector commits small batches and waits for
   * each, where the round trip to the thread would only add latency.
   */
  readonly writerThread?: boolean;
  /** Page cache of the connection that reads, in MB (default 16: it holds the dashboards' indexes). */
  readonly cacheMb?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS projections (
  name              TEXT    PRIMARY KEY,
  version           INTEGER NOT NULL,
  active_generation INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS generations (
  projection  TEXT    NOT NULL,
  generation  INTEGER NOT NULL,
  checkpoint  INTEGER NOT NULL,
  -- The collections and indexes this generation was created with (JSON): any process can
  -- read a generation without having been given the spec.
  collections TEXT    NOT NULL,
  PRIMARY KEY (projection, generation)
) WITHOUT ROWID;
`;

/** What SQLite can bind: booleans become 1/0, the way json_extract returns them. */
type SqlValue = WriterSqlValue;

const toSql = (value: unknown): SqlValue => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' || typeof value === 'number') return value;
  throw new TypeError(`Cannot compare with ${JSON.stringify(value)}: only strings, numbers, booleans and null`);
};

/** Short, stable suffix that keeps two names apart once sanitizing made them alike. */
const shortHash = (text: string): string => createHash('sha1').update(text).digest('hex').slice(0, 8);

/**
 * SQL names allow only [A-Za-z0-9_]; a name that needed changes gets a hash of the original,
 * so 'a-b' and 'a.b' stay apart. Names alike but for case would still meet (SQLite names
 * ignore case): `CREATE TABLE` then fails loudly instead of two collections sharing a table.
 */
const sqlName = (name: string): string => {
  const clean = name.replace(/[^A-Za-z0-9_]/g, '_');
  return clean === name ? name : `${clean}_${shortHash(name)}`;
};

export const tableNameOf = (projection: string, generation: number, collection: string): string =>
  `rm_${sqlName(projection)}_${generation}_${sqlName(collection)}`;

const quote = (identifier: string): string => `"${identifier}"`;

/** JSON path of a top-level field; field names are checked identifiers (rules.ts), so quoting is safe. */
const jsonPath = (field: string): string => `'$."${field}"'`;

/** Generated columns are numbered: SQLite column names ignore case, document fields do not. */
const columnsOf = (collection: CollectionSpec): Map<string, string> => {
  const columns = new Map<string, string>([['_id', '_id']]);
  indexedFieldsOf(collection)
    .filter((field) => field !== '_id')
    .forEach((field, i) => columns.set(field, `f${i}_${field}`));
  return columns;
};

const createTableSql = (table: string, collection: CollectionSpec): string => {
  const indexed = [...columnsOf(collection).values()].filter((column) => column !== '_id').map((column) => `, ${quote(column)}`);
  return `CREATE TABLE ${quote(table)} (_id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL${indexed.join('')})`;
};

/** IF NOT EXISTS: `activate` may run again after a crash between building and swapping. */
const createIndexesSql = (table: string, collection: CollectionSpec): string[] => {
  const columns = columnsOf(collection);
  return collection.indexes.map((fields, i) => {
    const names = fields.map((field) => quote(columns.get(field) ?? field));
    if (fields[fields.length - 1] !== '_id') names.push('_id');
    return `CREATE INDEX IF NOT EXISTS ${quote(`${table}_ix${i}`)} ON ${quote(table)} (${names.join(', ')})`;
  });
};

/** A document's value as its index column holds it: what json_extract returns for the field. */
const indexValue = (value: unknown): SqlValue => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
};

/** A query under construction: SQL text (the statement cache key) and its parameters. */
interface Sql {
  text: string;
  readonly params: SqlValue[];
}

interface SortTerm {
  readonly expr: string;
  readonly direction: 'asc' | 'desc';
}

const conditionSql = (expr: string, condition: FieldCondition, params: SqlValue[]): string[] => {
  if (condition === null) return [`${expr} IS NULL`];
  if (typeof condition !== 'object') {
    params.push(toSql(condition));
    return [`${expr} = ?`];
  }
  if ('in' in condition) {
    // One statement for any number of values: the set travels as one JSON parameter.
    params.push(JSON.stringify(condition.in));
    return [`${expr} IN (SELECT value FROM json_each(?))`];
  }
  const terms: string[] = [];
  if (condition.gte !== undefined) {
    params.push(condition.gte);
    terms.push(`${expr} >= ?`);
  }
  if (condition.lte !== undefined) {
    params.push(condition.lte);
    terms.push(`${expr} <= ?`);
  }
  return terms;
};

/**
 * Rows strictly after `values` in the order of `terms` (the last term is `_id`, never null).
 * Written as `k1 > v1 OR (k1 = v1 AND (k2 > v2 OR ...))`, with NULL placed as SQLite sorts it:
 * before every value ascending, after every value descending. When every key ascends and no
 * value is null, a row-value comparison says the same in a form the planner turns into one
 * index range.
 */
const keysetSql = (terms: readonly SortTerm[], values: readonly SqlValue[], params: SqlValue[]): string => {
  if (terms.every((term) => term.direction === 'asc') && values.every((value) => value !== null)) {
    params.push(...values);
    return `(${terms.map((term) => term.expr).join(', ')}) > (${values.map(() => '?').join(', ')})`;
  }
  const build = (i: number): string => {
    const term = terms[i] as SortTerm;
    const value = values[i] ?? null;
    const equal = value === null ? `${term.expr} IS NULL` : `${term.expr} = ?`;
    const strictlyAfter = strictlyAfterSql(term, value);
    const afterParams: SqlValue[] = value === null || strictlyAfter === null ? [] : [value];
    if (i === terms.length - 1) {
      params.push(...afterParams);
      return strictlyAfter ?? '0';
    }
    params.push(...afterParams);
    if (value !== null) params.push(value);
    const rest = build(i + 1);
    return strictlyAfter === null ? `(${equal} AND ${rest})` : `(${strictlyAfter} OR (${equal} AND ${rest}))`;
  };
  const first = terms[0] as SortTerm;
  const firstValue = values[0] ?? null;
  // A redundant bound on the first key lets the planner start the index scan at the page
  // instead of walking past every earlier row.
  if (first.direction === 'asc' && firstValue !== null) {
    params.push(firstValue);
    return `${first.expr} >= ? AND ${build(0)}`;
  }
  return build(0);
};

/** `term` strictly after `value`, or null when nothing can be (descending past NULL). */
const strictlyAfterSql = (term: SortTerm, value: SqlValue): string | null => {
  if (term.direction === 'asc') return value === null ? `${term.expr} IS NOT NULL` : `${term.expr} > ?`;
  return value === null ? null : `(${term.expr} < ? OR ${term.expr} IS NULL)`;
};

/** One physical table: its columns and its prepared statements, built once and reused. */
class Table {
  private readonly queries = new Map<string, Database.Statement<SqlValue[], unknown>>();
  private readonly upsertStatement: Database.Statement<SqlValue[]>;
  private readonly indexedFields: readonly string[];
  readonly remove: Database.Statement<[string]>;
  readonly getOne: Database.Statement<[string], string>;
  readonly getSome: Database.Statement<[string], [string, string]>;

  constructor(
    private readonly db: Database.Database,
    readonly name: string,
    private readonly columns: ReadonlyMap<string, string>,
  ) {
    const table = quote(name);
    const indexed = [...columns].filter(([field]) => field !== '_id');
    this.indexedFields = indexed.map(([field]) => field);
    const written = ['doc', ...indexed.map(([, column]) => quote(column))];
    this.upsertStatement = db.prepare<SqlValue[]>(
      `INSERT INTO ${table} (_id, ${written.join(', ')}) VALUES (?, ${written.map(() => '?').join(', ')}) ` +
        `ON CONFLICT (_id) DO UPDATE SET ${written.map((column) => `${column} = excluded.${column}`).join(', ')}`,
    );
    this.remove = db.prepare(`DELETE FROM ${table} WHERE _id = ?`);
    this.getOne = db.prepare<[string], string>(`SELECT doc FROM ${table} WHERE _id = ?`).pluck();
    this.getSome = db.prepare<[string], [string, string]>(`SELECT _id, doc FROM ${table} WHERE _id IN (SELECT value FROM json_each(?))`).raw();
  }

  upsert(doc: Document, json?: string): void {
    this.upsertStatement.run(...this.upsertParams(doc, [], json));
  }

  /** The statement and parameters of an upsert, for a commit run by the writer thread. */
  get upsertSql(): string {
    return this.upsertStatement.source;
  }

  /** The upsert's parameters, appended to `into` (a writer thread's flat list) or a new list. */
  upsertParams(doc: Document, into: SqlValue[] = [], json = JSON.stringify(doc)): SqlValue[] {
    into.push(doc._id, json);
    for (const field of this.indexedFields) into.push(indexValue(doc[field]));
    return into;
  }

  /** Parameters per upsert: `_id`, the document, its indexed columns. */
  get upsertWidth(): number {
    return 2 + this.indexedFields.length;
  }

  /** The indexed column of a field, or json_extract for the others (correct, but a full scan). */
  private expr(field: string): string {
    const column = this.columns.get(field);
    return column === undefined ? `json_extract(doc, ${jsonPath(field)})` : quote(column);
  }

  /** Statements are cached by their SQL text, which encodes the query's shape (not its values). */
  statement<Row>(sql: Sql): Database.Statement<SqlValue[], Row> {
    let statement = this.queries.get(sql.text);
    if (!statement) {
      // Bounded: callers build shapes from a fixed set of queries, but a bug must not leak memory.
      if (this.queries.size >= 500) this.queries.clear();
      statement = this.db.prepare<SqlValue[], unknown>(sql.text).pluck();
      this.queries.set(sql.text, statement);
    }
    return statement as Database.Statement<SqlValue[], Row>;
  }

  whereSql(filter: Filter, params: SqlValue[]): string[] {
    return Object.entries(filter).flatMap(([field, condition]) => conditionSql(this.expr(field), condition, params));
  }

  findSql(filter: Filter, options: FindOptions): Sql {
    const params: SqlValue[] = [];
    const where = this.whereSql(filter, params);
    const keys: SortKey[] = sortKeysOf(options);
    const terms = keys.map((key) => ({ expr: this.expr(key.field), direction: key.direction }));
    if (options.after) where.push(keysetSql(terms, [...options.after.values.map(toSql), options.after.id], params));
    let text = `SELECT doc FROM ${quote(this.name)}`;
    if (where.length > 0) text += ` WHERE ${where.join(' AND ')}`;
    text += ` ORDER BY ${terms.map((term) => `${term.expr} ${term.direction.toUpperCase()}`).join(', ')}`;
    if (options.limit !== undefined) {
      text += ' LIMIT ?';
      params.push(options.limit);
    }
    return { text, params };
  }

  countSql(filter: Filter): Sql {
    const params: SqlValue[] = [];
    const where = this.whereSql(filter, params);
    return { text: `SELECT count(*) FROM ${quote(this.name)}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`, params };
  }
}

const parseDocument = (json: string): Document => JSON.parse(json) as Document;

export const createSqliteReadStore = (options: SqliteReadStoreOptions): ReadStore => {
  // 16 MB of page cache holds the dashboards' indexes; more only grew a rebuild's memory (measured: 64 MB cost ~100 MB RSS).
  const db = openSqliteFile(options.file, { busyTimeoutMs: options.busyTimeoutMs ?? 5000, cacheMb: options.cacheMb ?? 16, schema: SCHEMA });

  const statements = {
    projection: db.prepare<[string], { version: number; active_generation: number }>(
      'SELECT version, active_generation FROM projections WHERE name = ?',
    ),
    activeGeneration: db.prepare<[string], number>('SELECT active_generation FROM projections WHERE name = ?').pluck(),
    insertProjection: db.prepare<[string, number, number]>('INSERT INTO projections (name, version, active_generation) VALUES (?, ?, ?)'),
    activate: db.prepare<[number, number, string]>('UPDATE projections SET active_generation = ?, version = ? WHERE name = ?'),
    checkpoint: db.prepare<[string, number], number>('SELECT checkpoint FROM generations WHERE projection = ? AND generation = ?').pluck(),
    collections: db.prepare<[string, number], string>('SELECT collections FROM generations WHERE projection = ? AND generation = ?').pluck(),
    lastGeneration: db.prepare<[string], number | null>('SELECT max(generation) FROM generations WHERE projection = ?').pluck(),
    olderGenerations: db
      .prepare<[string, number], [number, string]>('SELECT generation, collections FROM generations WHERE projection = ? AND generation < ?')
      .raw(),
    insertGeneration: db.prepare<[string, number, string]>('INSERT INTO generations (projection, generation, checkpoint, collections) VALUES (?, ?, 0, ?)'),
    setCheckpoint: db.prepare<[number, string, number]>('UPDATE generations SET checkpoint = ? WHERE projection = ? AND generation = ?'),
    deleteGeneration: db.prepare<[string, number]>('DELETE FROM generations WHERE projection = ? AND generation = ?'),
  };

  /**
   * Tables by projection, generation and collection. A generation's layout never changes once
   * created and its number is never reused, so an entry stays valid until the generation is
   * dropped (here, or by another process: then the next read of a newer active generation
   * forgets it).
   */
  const tables = new Map<string, Map<number, Map<string, Table>>>();

  const forgetGenerations = (projection: string, drop: (generation: number) => boolean): void => {
    const generations = tables.get(projection);
    for (const generation of generations?.keys() ?? []) if (drop(generation)) generations?.delete(generation);
  };

  const loadTables = (projection: string, generation: number): Map<string, Table> => {
    const json = statements.collections.get(projection, generation);
    if (json === undefined) throw unknownGeneration(projection, generation);
    const collections = JSON.parse(json) as CollectionSpec[];
    return new Map(
      collections.map((collection) => [collection.name, new Table(db, tableNameOf(projection, generation, collection.name), columnsOf(collection))]),
    );
  };

  const tablesOf = (projection: string, generation: number): Map<string, Table> => {
    let generations = tables.get(projection);
    if (!generations) tables.set(projection, (generations = new Map()));
    let loaded = generations.get(generation);
    if (!loaded) generations.set(generation, (loaded = loadTables(projection, generation)));
    return loaded;
  };

  const tableOf = (projection: string, generation: number, collection: string): Table => {
    const table = tablesOf(projection, generation).get(collection);
    if (!table) throw unknownCollection(projection, collection);
    return table;
  };

  /** The active generation's table; loading a newly active generation forgets the older ones. */
  const activeTableOf = (projection: string, generation: number, collection: string): Table => {
    if (!tables.get(projection)?.has(generation)) forgetGenerations(projection, (each) => each < generation);
    return tableOf(projection, generation, collection);
  };

  const createTables = (projection: string, generation: number, spec: ProjectionSpec): void => {
    statements.insertGeneration.run(projection, generation, JSON.stringify(spec.collections));
    for (const collection of spec.collections) {
      const table = tableNameOf(projection, generation, collection.name);
      try {
        db.exec(createTableSql(table, collection));
      } catch (error) {
        if (isSqliteError(error) && /already exists/.test(error.message)) {
          throw new Error(`Projection ${projection}: collection ${collection.name} maps to table ${table}, which another collection uses`);
        }
        throw error;
      }
    }
  };

  const statusOf = (name: string): ProjectionStatus | null => {
    const row = statements.projection.get(name);
    if (!row) return null;
    return { name, version: row.version, activeGeneration: row.active_generation, checkpoint: statements.checkpoint.get(name, row.active_generation) ?? 0 };
  };

  const createIndexes = (projection: string, generation: number): void => {
    const json = statements.collections.get(projection, generation);
    if (json === undefined) throw unknownGeneration(projection, generation);
    for (const collection of JSON.parse(json) as CollectionSpec[]) {
      for (const sql of createIndexesSql(tableNameOf(projection, generation, collection.name), collection)) db.exec(sql);
    }
  };

  const createIndexesInTransaction = db.transaction(createIndexes);

  // Write transactions run as BEGIN IMMEDIATE: they take the write lock before reading the
  // registry, so two processes cannot both see the same checkpoint and both write.
  const registerInTransaction = db.transaction((spec: ProjectionSpec): ProjectionStatus => {
    const existing = statusOf(spec.name);
    if (existing) return existing;
    statements.insertProjection.run(spec.name, spec.version, 1);
    createTables(spec.name, 1, spec);
    // The first generation is queried while it fills up, so it is indexed from the start.
    createIndexes(spec.name, 1);
    return { name: spec.name, version: spec.version, activeGeneration: 1, checkpoint: 0 };
  });

  const createGenerationInTransaction = db.transaction((spec: ProjectionSpec): number => {
    if (!statements.projection.get(spec.name)) throw unknownProjection(spec.name);
    const generation = (statements.lastGeneration.get(spec.name) ?? 0) + 1;
    createTables(spec.name, generation, spec);
    // Indexed while it fills when commits run on the writer thread (see the header).
    if (options.writerThread) createIndexes(spec.name, generation);
    return generation;
  });

  /**
   * Every target's changes and new checkpoint in one transaction: all checkpoints are checked
   * before anything is written, and a throw rolls back every target.
   */
  const commitAllInTransaction = db.transaction((parts: readonly TargetChanges[], from: number, to: number): void => {
    for (const { target } of parts) {
      const actual = statements.checkpoint.get(target.projection, target.generation);
      if (actual === undefined) throw unknownGeneration(target.projection, target.generation);
      if (actual !== from) throw new CheckpointMismatchError(target.projection, target.generation, from, actual);
    }
    for (const { target, changes } of parts) {
      for (const change of changes) {
        const table = tableOf(target.projection, target.generation, change.collection);
        if (change.doc === null) {
          table.remove.run(change.id);
        } else {
          checkChangedDocument(change.collection, change.id, change.doc);
          table.upsert(change.doc, change.json);
        }
      }
      statements.setCheckpoint.run(to, target.projection, target.generation);
    }
  });

  const writer = options.writerThread
    ? startWriterThread(path.resolve(options.file), {
        busyTimeoutMs: options.busyTimeoutMs ?? 5000,
        autocheckpointPages: db.pragma('wal_autocheckpoint', { simple: true }) as number,
      })
    : null;

  /**
   * Changes as the writer thread's statements: grouped by statement, so the rows of one
   * table's upsert (or delete) cross to the thread as one list. Each document comes once,
   * with its last change, so the order between rows does not matter.
   */
  const writesOf = (projection: string, generation: number, changes: readonly DocumentChange[]): StatementRuns[] => {
    const last = keepLastChanges(new Map(), changes);
    const bySql = new Map<string, { sql: string; width: number; values: SqlValue[] }>();
    const rowsOf = (sql: string, width: number): SqlValue[] => {
      let rows = bySql.get(sql);
      if (!rows) bySql.set(sql, (rows = { sql, width, values: [] }));
      return rows.values;
    };
    for (const change of last.values()) {
      const table = tableOf(projection, generation, change.collection);
      if (change.doc === null) {
        rowsOf(table.remove.source, 1).push(change.id);
        continue;
      }
      checkChangedDocument(change.collection, change.id, change.doc);
      table.upsertParams(change.doc, rowsOf(table.upsertSql, table.upsertWidth), change.json);
    }
    return [...bySql.values()];
  };

  const guardOf = (target: CommitTarget, from: number): Guard => ({ sql: statements.checkpoint.source, params: [target.projection, target.generation], expected: from });
  const checkpointWrites = (targets: readonly CommitTarget[], to: number): StatementRuns => ({
    sql: statements.setCheckpoint.source,
    width: 3,
    values: targets.flatMap((target) => [to, target.projection, target.generation]),
  });

  /** The writer thread's answer as this port's errors: the target whose checkpoint moved, or whose generation is gone. */
  const checkResult = (result: WriteResult, targets: readonly CommitTarget[], from: number): void => {
    if (!('mismatch' in result)) return;
    const target = targets[result.guard] as CommitTarget;
    if (result.mismatch === null) throw unknownGeneration(target.projection, target.generation);
    throw new CheckpointMismatchError(target.projection, target.generation, from, result.mismatch);
  };

  /** The same transaction as `commitAllInTransaction`, as statements for the writer thread. */
  const commitOnWriter = async (
    thread: WriterThread,
    projection: string,
    generation: number,
    changes: readonly DocumentChange[],
    from: number,
    to: number,
  ): Promise<void> => {
    const target = { projection, generation };
    const writes = [...writesOf(projection, generation, changes), checkpointWrites([target], to)];
    checkResult(await thread.commit({ guard: guardOf(target, from), writes }), [target], from);
  };

  /**
   * A streamed commit as one transaction on the writer thread, open from the first part to
   * the last: each part is serialized when it is written, and the thread writes it at once,
   * so neither side holds documents until the end. Commits run one at a time on the thread,
   * in the order they were opened.
   */
  const openOnWriter = (thread: WriterThread, targets: readonly CommitTarget[], from: number): StreamedCommit => {
    const byName = checkCommitTargets(targets, from);
    const transaction = thread.begin(targets.map((target) => guardOf(target, from)));
    return {
      write(projection, changes) {
        // Built whole before anything crosses: a refused part leaves the commit as it was.
        const target = targetOf(byName, projection);
        transaction.write(writesOf(target.projection, target.generation, changes));
      },
      async commit(to) {
        try {
          for (const target of targets) checkCheckpoints(target.projection, from, to);
        } catch (error) {
          // Ended, as a buffered commit is: the thread must not keep the write lock for it.
          transaction.abort();
          throw error;
        }
        statuses.forget();
        checkResult(await transaction.end([checkpointWrites(targets, to)]), targets, from);
      },
      abort: () => transaction.abort(),
    };
  };

  /** Returns the dropped generations, to forget their tables once the transaction committed. */
  const activateInTransaction = db.transaction((projection: string, generation: number, version: number): number[] => {
    if (statements.checkpoint.get(projection, generation) === undefined) throw unknownGeneration(projection, generation);
    statements.activate.run(generation, version, projection);
    const older = statements.olderGenerations.all(projection, generation);
    for (const [number, json] of older) {
      for (const collection of JSON.parse(json) as CollectionSpec[]) {
        db.exec(`DROP TABLE IF EXISTS ${quote(tableNameOf(projection, number, collection.name))}`);
      }
      statements.deleteGeneration.run(projection, number);
    }
    return older.map(([number]) => number);
  });

  /**
   * Runs a read against the active generation inside one read transaction (see the header).
   * The registry lookup costs one primary-key probe, so a swap by another process is seen at
   * once without any cache invalidation protocol.
   */
  const readActive = <T>(projection: string, collection: string, whenUnregistered: T, read: (table: Table) => T): T => {
    ensureOpen();
    return readTransaction(() => {
      const generation = statements.activeGeneration.get(projection);
      // A gateway may start answering before the projector registered the projection.
      if (generation === undefined) return whenUnregistered;
      return read(activeTableOf(projection, generation, collection));
    });
  };
  const readTransactionOnce = db.transaction((read: () => unknown): unknown => read());
  const readTransaction = <T>(read: () => T): T => readTransactionOnce(read) as T;

  const readMany = (table: Table, ids: readonly string[]): Document[] => {
    const wanted = distinct(ids);
    if (wanted.length === 0) return [];
    const found = new Map(table.getSome.all(JSON.stringify(wanted)));
    return wanted.flatMap((id) => {
      const json = found.get(id);
      return json === undefined ? [] : [parseDocument(json)];
    });
  };

  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new Error('The read store is closed');
  };

  // Every gateway request reads the projections' positions: remembered until the file changes.
  const statuses = memoUntilChanged<ProjectionStatus | null>(db);

  const readStore: ReadStore = {
    register: async (spec: ProjectionSpec) => {
      ensureOpen();
      checkProjectionSpec(spec);
      statuses.forget();
      return registerInTransaction.immediate(spec);
    },

    status: async (projection: string) => {
      ensureOpen();
      return statuses.read(projection, () => readTransaction(() => statusOf(projection)));
    },

    createGeneration: async (spec: ProjectionSpec) => {
      ensureOpen();
      checkProjectionSpec(spec);
      statuses.forget();
      return createGenerationInTransaction.immediate(spec);
    },

    checkpoint: async (projection: string, generation: number) => {
      ensureOpen();
      checkGenerationOf(projection, generation);
      const checkpoint = statements.checkpoint.get(projection, generation);
      if (checkpoint === undefined) throw unknownGeneration(projection, generation);
      return checkpoint;
    },

    commit: async (projection: string, generation: number, changes: readonly DocumentChange[], from: number, to: number) => {
      ensureOpen();
      checkGenerationOf(projection, generation);
      checkCheckpoints(projection, from, to);
      statuses.forget();
      if (writer) await commitOnWriter(writer, projection, generation, changes, from, to);
      else commitAllInTransaction.immediate([{ target: { projection, generation }, changes }], from, to);
    },

    openCommit: (targets: readonly CommitTarget[], from: number) => {
      ensureOpen();
      if (writer) return openOnWriter(writer, targets, from);
      return bufferedCommit(readStore, targets, from, async (parts, partsFrom, to) => {
        ensureOpen();
        statuses.forget();
        commitAllInTransaction.immediate(parts, partsFrom, to);
      });
    },

    activate: async (projection: string, generation: number, version: number) => {
      ensureOpen();
      checkGenerationOf(projection, generation);
      // Indexes first, in a transaction of their own: building them over a large rebuild takes
      // a while, and the swap that follows should hold the write lock only for an instant.
      createIndexesInTransaction.immediate(projection, generation);
      statuses.forget();
      const dropped = new Set(activateInTransaction.immediate(projection, generation, version));
      forgetGenerations(projection, (each) => dropped.has(each));
    },

    get: async (projection: string, collection: string, id: string) =>
      readActive(projection, collection, null, (table) => {
        const json = table.getOne.get(id);
        return json === undefined ? null : parseDocument(json);
      }),

    getMany: async (projection: string, collection: string, ids: readonly string[]) =>
      readActive(projection, collection, [], (table) => readMany(table, ids)),

    getManyIn: async (projection: string, generation: number, collection: string, ids: readonly string[]) => {
      ensureOpen();
      checkGenerationOf(projection, generation);
      return readTransaction(() => {
        // Checked first: the tables of a generation another process dropped may still be cached here.
        if (statements.checkpoint.get(projection, generation) === undefined) throw unknownGeneration(projection, generation);
        return readMany(tableOf(projection, generation, collection), ids);
      });
    },

    find: async (projection: string, collection: string, filter: Filter, findOptions: FindOptions = {}) => {
      checkFilter(filter);
      checkFindOptions(findOptions);
      return readActive(projection, collection, [], (table) => {
        const sql = table.findSql(filter, findOptions);
        return table.statement<string>(sql).all(...sql.params).map(parseDocument);
      });
    },

    count: async (projection: string, collection: string, filter: Filter) => {
      checkFilter(filter);
      return readActive(projection, collection, 0, (table) => {
        const sql = table.countSql(filter);
        return table.statement<number>(sql).get(...sql.params) ?? 0;
      });
    },

    close: async () => {
      if (closed) return;
      closed = true;
      await writer?.close();
      tables.clear();
      db.close();
    },
  };
  return readStore;
};
