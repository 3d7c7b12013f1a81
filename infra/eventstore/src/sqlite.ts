/**
 * SQLite adapter: the embedded default. Several processes (gateway, projector, worker) may
 * open the same file; WAL lets them read while one of them writes.
 *
 * Why a reader can never meet a position below one it has already seen: SQLite admits one
 * write transaction at a time for the whole database file, across all connections and
 * processes, and `position` (the rowid) is assigned inside that transaction. Appends run as
 * `BEGIN IMMEDIATE`, which takes the write lock before reading the stream's revision, so
 * a later commit always gets higher positions than every earlier commit, and a reader's WAL
 * snapshot always holds a gap-free prefix of the log. (With a database sequence shared by
 * concurrent writers, e.g. PostgreSQL, position 7 could commit after 8 had been read.)
 * AUTOINCREMENT keeps SQLite from ever handing out a position again, even if the highest
 * rows were deleted by hand.
 */
import { isSqliteError, memoUntilChanged, openSqliteFile } from '@collegium/sqlite';
import {
  DuplicateEventIdError,
  type AppendOptions,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ProjectedEvent,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamId,
  type Subscription,
} from './port';
import { canonicalInstant, checkExpectedRevision, checkReadAll, prepareAppend } from './rules';
import { createChangeSignal, startSubscription } from './subscription';

export interface SqliteEventStoreOptions {
  /** Path of the database file; its directory is created when missing. */
  readonly file: string;
  /** How often an idle subscription looks for events appended by other processes. */
  readonly pollIntervalMs?: number;
  /** How long a writer waits for another connection's write transaction before failing. */
  readonly busyTimeoutMs?: number;
  /**
   * Page cache in MB (default 64: stream reads of busy aggregates stay in memory). A rebuild
   * reads the log once from start to end, where a cache only costs memory: it passes less.
   */
  readonly cacheMb?: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position       INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id      TEXT    NOT NULL,
  revision       INTEGER NOT NULL,
  event_id       TEXT    NOT NULL,
  type           TEXT    NOT NULL,
  schema_version INTEGER NOT NULL,
  data           TEXT    NOT NULL,
  metadata       TEXT    NOT NULL,
  recorded_at    TEXT    NOT NULL,
  UNIQUE (stream_id, revision),
  UNIQUE (event_id)
);
CREATE TABLE IF NOT EXISTS idempotency (
  key    TEXT PRIMARY KEY,
  result TEXT NOT NULL
) WITHOUT ROWID;
`;

/**
 * Column order of every read: rows come back as arrays (`raw`), which skips building a keyed
 * object per row. Projections read all but the metadata, which comes last in a full read.
 */
const PROJECTED_COLUMNS = 'position, stream_id, revision, event_id, type, schema_version, data, recorded_at';
type ProjectedRow = [position: number, streamId: string, revision: number, eventId: string, type: string, schemaVersion: number, data: string, recordedAt: string];
const COLUMNS = `${PROJECTED_COLUMNS}, metadata`;
type EventRow = [...ProjectedRow, metadata: string];

/** Upper bound for `recorded_at` text when no "as of" instant is given: every canonical instant sorts below it. */
const END_OF_TIME = '9999-12-31T23:59:59.999Z~';

const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  eventId: row[3],
  type: row[4],
  schemaVersion: row[5],
  data: JSON.parse(row[6]) as unknown,
  metadata: JSON.parse(row[8]) as EventMetadata,
  recordedAt: row[7],
  streamId: row[1],
  revision: row[2],
  position: row[0],
});

const toProjectedEvent = (row: ProjectedRow): ProjectedEvent => ({
  eventId: row[3],
  type: row[4],
  schemaVersion: row[5],
  data: JSON.parse(row[6]) as unknown,
  recordedAt: row[7],
  streamId: row[1],
  revision: row[2],
  position: row[0],
});

/**
 * Matched by shape, not `instanceof`: the native addon keeps the SqliteError class of the
 * first module instance that loaded it, so under a module registry per test file (jest)
 * errors may come from another copy of the class.
 */
const isUniqueViolationOn = (error: unknown, column: string): boolean =>
  isSqliteError(error, 'SQLITE_CONSTRAINT_UNIQUE') && error.message.includes(column);

export const createSqliteEventStore = (options: SqliteEventStoreOptions): EventStore => {
  // 64 MB of page cache (the default is 2 MB) keeps the upper index levels of a large log in memory.
  const db = openSqliteFile(options.file, { busyTimeoutMs: options.busyTimeoutMs ?? 5000, cacheMb: options.cacheMb ?? 64, schema: SCHEMA });

  const statements = {
    lastRevision: db.prepare<[string], number | null>('SELECT max(revision) FROM events WHERE stream_id = ?').pluck(),
    insertEvent: db.prepare<[string, number, string, string, number, string, string, string]>(
      'INSERT INTO events (stream_id, revision, event_id, type, schema_version, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    findResult: db.prepare<[string], string>('SELECT result FROM idempotency WHERE key = ?').pluck(),
    insertResult: db.prepare<[string, string]>('INSERT INTO idempotency (key, result) VALUES (?, ?)'),
    readStream: db
      .prepare<[string, number, number, string], EventRow>(
        `SELECT ${COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? AND revision <= ? AND recorded_at <= ? ORDER BY revision`,
      )
      .raw(),
    readAll: db.prepare<[number, number], EventRow>(`SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`).raw(),
    readAllForProjection: db
      .prepare<[number, number], ProjectedRow>(`SELECT ${PROJECTED_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`)
      .raw(),
    headPosition: db.prepare<[], number>('SELECT coalesce(max(position), 0) FROM events').pluck(),
    // One JSON array parameter keeps the statement prepared once whatever the number of ids.
    readByIds: db
      .prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE event_id IN (SELECT value FROM json_each(?)) ORDER BY position`)
      .raw(),
  };

  const findResult = (key: string): AppendResult | null => {
    const json = statements.findResult.get(key);
    return json === undefined ? null : (JSON.parse(json) as AppendResult);
  };

  const insertEvent = (streamId: StreamId, revision: number, event: NewEvent): number => {
    try {
      const data = JSON.stringify(event.data) ?? 'null';
      const info = statements.insertEvent.run(
        streamId,
        revision,
        event.eventId,
        event.type,
        event.schemaVersion,
        data,
        JSON.stringify(event.metadata),
        event.recordedAt,
      );
      return Number(info.lastInsertRowid);
    } catch (error) {
      if (isUniqueViolationOn(error, 'events.event_id')) throw new DuplicateEventIdError(event.eventId);
      throw error;
    }
  };

  // Everything below runs inside one write transaction: a throw rolls it all back.
  const appendInTransaction = db.transaction(
    (streamId: StreamId, events: readonly NewEvent[], expected: ExpectedRevision, key: string | undefined): AppendResult => {
      if (key !== undefined) {
        // Read inside the write lock, so a key recorded a moment ago by another process counts.
        const first = findResult(key);
        if (first) return { ...first, duplicate: true };
      }
      const actual = statements.lastRevision.get(streamId) ?? -1;
      checkExpectedRevision(streamId, expected, actual);
      let revision = actual;
      let firstPosition = 0;
      let lastPosition = 0;
      for (const event of events) {
        lastPosition = insertEvent(streamId, ++revision, event);
        if (firstPosition === 0) firstPosition = lastPosition;
      }
      const result: AppendResult = { streamId, firstRevision: actual + 1, lastRevision: revision, firstPosition, lastPosition, duplicate: false };
      if (key !== undefined) statements.insertResult.run(key, JSON.stringify(result));
      return result;
    },
  );

  // Every gateway request reads the head (response cache keys): remembered until the file changes.
  const head = memoUntilChanged<number>(db);

  const signal = createChangeSignal();
  const subscriptions = new Set<Subscription>();
  let closed = false;

  const ensureOpen = (): void => {
    if (closed) throw new Error('The event store is closed');
  };

  const readAll = async (after: number, limit: number): Promise<RecordedEvent[]> => {
    ensureOpen();
    checkReadAll(after, limit);
    return statements.readAll.all(after, limit).map(toRecordedEvent);
  };

  const readAllForProjection = async (after: number, limit: number): Promise<ProjectedEvent[]> => {
    ensureOpen();
    checkReadAll(after, limit);
    return statements.readAllForProjection.all(after, limit).map(toProjectedEvent);
  };

  return {
    append: async (streamId: StreamId, newEvents: readonly NewEvent[], expected: ExpectedRevision, appendOptions?: AppendOptions) => {
      ensureOpen();
      const events = prepareAppend(streamId, newEvents, expected);
      const result = appendInTransaction.immediate(streamId, events, expected, appendOptions?.idempotencyKey);
      if (!result.duplicate) {
        head.forget();
        signal.notify();
      }
      return result;
    },

    readStream: async (streamId: StreamId, readOptions: ReadStreamOptions = {}) => {
      ensureOpen();
      const until = readOptions.recordedUntil === undefined ? END_OF_TIME : canonicalInstant(readOptions.recordedUntil, 'recordedUntil');
      return statements.readStream
        .all(streamId, readOptions.fromRevision ?? 0, readOptions.toRevision ?? Number.MAX_SAFE_INTEGER, until)
        .map(toRecordedEvent);
    },

    readAll,
    readAllForProjection,

    subscribe: (after, handler, subscribeOptions) => {
      ensureOpen();
      const subscription = startSubscription({ readAll, signal, pollIntervalMs: options.pollIntervalMs ?? 100 }, after, handler, subscribeOptions);
      subscriptions.add(subscription);
      return {
        close: async () => {
          subscriptions.delete(subscription);
          await subscription.close();
        },
      };
    },

    headPosition: async () => {
      ensureOpen();
      return head.read('head', () => statements.headPosition.get() ?? 0);
    },

    readEvents: async (eventIds: readonly string[]) => {
      ensureOpen();
      return eventIds.length === 0 ? [] : statements.readByIds.all(JSON.stringify(eventIds)).map(toRecordedEvent);
    },

    findByIdempotencyKey: async (key: string) => {
      ensureOpen();
      return findResult(key);
    },

    close: async () => {
      if (closed) return;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      subscriptions.clear();
      closed = true;
      db.close();
    },
  };
};
