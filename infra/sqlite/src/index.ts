/**
 * Opening an embedded SQLite file the way every Collegium store needs it: shared by
 * several processes, durable across process crashes, and reporting errors by shape.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { checkpointInBackground, FALLBACK_PAGES } from './checkpointer';

export { flushCheckpoints } from './checkpointer';

export interface OpenOptions {
  readonly busyTimeoutMs: number;
  /** Page cache of this connection in MB. */
  readonly cacheMb: number;
  /** DDL run once at open (idempotent: CREATE … IF NOT EXISTS). */
  readonly schema: string;
  /** Checkpoint the WAL on a background thread (see checkpointer.ts); default true for files. */
  readonly backgroundCheckpoint?: boolean;
}

export const openSqliteFile = (file: string, options: OpenOptions): Database.Database => {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  // The busy timeout goes first: switching to WAL and creating the schema need locks that a
  // process opening the same file at the same moment may hold.
  db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  db.pragma('journal_mode = WAL');
  // In WAL mode NORMAL never corrupts the file; a power cut may lose the last commits, not a process crash.
  db.pragma('synchronous = NORMAL');
  db.pragma(`cache_size = -${options.cacheMb * 1024}`);
  db.exec(options.schema);
  if (file !== ':memory:' && options.backgroundCheckpoint !== false) {
    db.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
    const release = checkpointInBackground(path.resolve(file));
    const close = db.close.bind(db);
    // Closing the connection also stops its checkpoints (better-sqlite3 has no close event).
    db.close = () => {
      release();
      return close();
    };
  }
  return db;
};

/**
 * Matched by shape, not `instanceof`: the native addon keeps the SqliteError class of the
 * first module instance that loaded it, so under a module registry per test file (jest)
 * errors may come from another copy of the class.
 */
export const isSqliteError = (error: unknown, code?: string): error is Error & { code: string } => {
  const e = error as { name?: unknown; code?: unknown } | null;
  return e?.name === 'SqliteError' && (code === undefined || e.code === code);
};

/**
 * Values read from `db`, remembered until the database changes. SQLite's `data_version`
 * tells, without reading a page, whether another connection committed since; this
 * connection's own writes must call `forget` (data_version ignores them). Used for the
 * positions every gateway request reads (read-your-writes, response cache keys).
 */
export const memoUntilChanged = <T>(db: Database.Database) => {
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  let version = -1;
  let known = new Map<string, T>();
  return {
    read(key: string, load: () => T): T {
      const now = dataVersion.get() as number;
      if (now !== version) {
        version = now;
        known = new Map();
      }
      if (known.has(key)) return known.get(key) as T;
      const value = load();
      known.set(key, value);
      return value;
    },
    forget(): void {
      version = -1;
    },
  };
};
