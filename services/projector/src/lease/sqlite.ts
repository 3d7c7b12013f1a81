/**
 * SQLite lease: a `leases` table in a file of the data folder, shared by every process that
 * opens it. Each operation is a compare-and-set inside BEGIN IMMEDIATE, which takes the write
 * lock before reading, so two processes can never both see the lease free and both take it.
 * Expiry is a timestamp (epoch ms) compared with the caller's clock: the processes sharing a
 * file share a machine, hence a clock.
 */
import type Database from 'better-sqlite3';
import { openSqliteFile } from '@collegium/sqlite';
import { checkLeaseOptions, type LeaseHandle, type LeaseOptions } from './port';

export interface SqliteLeaseOptions extends LeaseOptions {
  readonly file: string;
  /** How long an operation waits for another connection's write lock. */
  readonly busyTimeoutMs?: number;
  /** The clock; tests may move it. */
  readonly now?: () => number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS leases (
  name       TEXT    PRIMARY KEY,
  owner      TEXT    NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

interface Row {
  readonly owner: string;
  readonly expires_at: number;
}

const prepare = (db: Database.Database) => ({
  get: db.prepare<[string], Row>('SELECT owner, expires_at FROM leases WHERE name = ?'),
  put: db.prepare<[string, string, number]>(
    'INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at',
  ),
  remove: db.prepare<[string, string]>('DELETE FROM leases WHERE name = ? AND owner = ?'),
});

export const createSqliteLease = (options: SqliteLeaseOptions): LeaseHandle => {
  checkLeaseOptions(options);
  const { name, owner, ttlMs } = options;
  const now = options.now ?? Date.now;
  // A lease operation is tiny; the timeout only covers another process's long write (none use this file but leases).
  const db = openSqliteFile(options.file, { busyTimeoutMs: options.busyTimeoutMs ?? 2_000, cacheMb: 1, schema: SCHEMA });
  const sql = prepare(db);

  /** The row while unexpired; the clock is read inside the transaction, after the lock was granted. */
  const live = (): Row | undefined => {
    const row = sql.get.get(name);
    return row && row.expires_at > now() ? row : undefined;
  };

  const acquireInTransaction = db.transaction((): boolean => {
    const current = live();
    if (current && current.owner !== owner) return false;
    sql.put.run(name, owner, now() + ttlMs);
    return true;
  });

  // An expired lease is lost even if nobody took it yet: the owner must acquire again, as with Redis where the key is gone.
  const renewInTransaction = db.transaction((): boolean => {
    if (live()?.owner !== owner) return false;
    sql.put.run(name, owner, now() + ttlMs);
    return true;
  });

  const releaseInTransaction = db.transaction((): void => {
    sql.remove.run(name, owner);
  });

  let closed = false;
  const ensureOpen = (): void => {
    if (closed) throw new Error(`Lease ${name}: the SQLite lease is closed`);
  };

  return {
    name,
    owner,
    ttlMs,
    acquire: async () => {
      ensureOpen();
      return acquireInTransaction.immediate();
    },
    renew: async () => {
      ensureOpen();
      return renewInTransaction.immediate();
    },
    release: async () => {
      ensureOpen();
      releaseInTransaction.immediate();
    },
    holder: async () => {
      ensureOpen();
      return live()?.owner ?? null;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      db.close();
    },
  };
};
