/**
 * Runs a SQLite read store's commits on a thread of its own, with its own connection to the
 * file. The caller does the JSON work (the documents are serialized before they are sent)
 * and may stage its next batch while the thread writes: a rebuild's upserts and commits are
 * a fifth of its time, and this machine class has a second core. A commit here is the same
 * transaction as inline: BEGIN IMMEDIATE, the checkpoint guard, the writes, the new
 * checkpoint; so exactly-once holds whichever connection commits.
 */
import { Worker } from 'node:worker_threads';

export type SqlValue = string | number | null;

/**
 * One statement run once per row: the rows' parameters one after another, `width` per row.
 * A flat list crosses to the thread as one array, and the statement's text once, not per row.
 */
export interface StatementRuns {
  readonly sql: string;
  readonly width: number;
  readonly values: readonly SqlValue[];
}

/** One commit: the guard query must return `expected`, then every write runs, all in one transaction. */
export interface WriteBatch {
  readonly guard: { readonly sql: string; readonly params: readonly SqlValue[]; readonly expected: number };
  readonly writes: readonly StatementRuns[];
}

/** A statement's runs from rows of parameters (all of one width). */
export const statementRuns = (sql: string, rows: readonly (readonly SqlValue[])[]): StatementRuns => ({
  sql,
  width: rows[0]?.length ?? 0,
  values: rows.flat(),
});

/** `mismatch`: what the guard found instead (null: no row). */
export type WriteResult = { readonly ok: true } | { readonly mismatch: number | null };

export interface WriterThread {
  commit(batch: WriteBatch): Promise<WriteResult>;
  close(): Promise<void>;
}

// Plain JavaScript, evaluated: the thread needs no TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = ' + workerData.busyTimeoutMs);
db.pragma('synchronous = NORMAL');
db.pragma('wal_autocheckpoint = ' + workerData.autocheckpointPages);
const statements = new Map();
const prepared = (sql) => {
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
};
const commit = db.transaction((batch) => {
  const actual = prepared(batch.guard.sql).pluck().get(...batch.guard.params);
  if (actual !== batch.guard.expected) return { mismatch: actual === undefined ? null : actual };
  for (const { sql, width, values } of batch.writes) {
    const statement = prepared(sql);
    for (let i = 0; i < values.length; i += width) statement.run(values.slice(i, i + width));
  }
  return { ok: true };
});
parentPort.on('message', (message) => {
  if (message.close) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, result: commit.immediate(message.batch) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: { message: error.message, code: error.code, name: error.name } });
  }
});
`;

interface Reply {
  readonly id: number;
  readonly result?: WriteResult;
  readonly error?: { readonly message: string; readonly code?: string; readonly name?: string };
}

const toError = (reply: NonNullable<Reply['error']>): Error => Object.assign(new Error(reply.message), { name: reply.name ?? 'Error', code: reply.code });

export const startWriterThread = (file: string, options: { busyTimeoutMs: number; autocheckpointPages: number }): WriterThread => {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: require.resolve('better-sqlite3'), file, ...options },
    // A small young generation: the batches it receives are a few MB of strings that die at once.
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
  });
  type Waiting = { readonly resolve: (result: WriteResult) => void; readonly reject: (error: Error) => void };
  const pending = new Map<number, Waiting>();
  const outstanding = new Set<Promise<WriteResult>>();
  let next = 0;
  let failure: Error | null = null;
  let running = true;
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      running = false;
      resolve();
    }),
  );
  // Referenced only while a commit is outstanding: an idle writer never keeps a process alive.
  worker.unref();
  const settle = (id: number, outcome: (waiting: Waiting) => void): void => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    if (waiting) outcome(waiting);
  };
  worker.on('message', (reply: Reply) => settle(reply.id, (w) => (reply.error ? w.reject(toError(reply.error)) : w.resolve(reply.result as WriteResult))));
  worker.on('error', (error: Error) => {
    failure = error;
    for (const id of [...pending.keys()]) settle(id, (w) => w.reject(error));
  });
  return {
    commit(batch) {
      if (failure) return Promise.reject(failure);
      const id = next++;
      if (pending.size === 0) worker.ref();
      const committed = new Promise<WriteResult>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, batch });
      });
      outstanding.add(committed);
      const forget = (): void => void outstanding.delete(committed);
      committed.then(forget, forget);
      return committed;
    },
    async close() {
      // Commits already sent finish first; their callers see their outcome as usual.
      await Promise.allSettled([...outstanding]);
      if (running) {
        worker.ref();
        worker.postMessage({ close: true });
      }
      await exited;
    },
  };
};

