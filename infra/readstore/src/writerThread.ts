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

/** A query that must return `expected` when a transaction begins, or the transaction writes nothing. */
export interface Guard {
  readonly sql: string;
  readonly params: readonly SqlValue[];
  readonly expected: number;
}

/** One commit: the guard query must return `expected`, then every write runs, all in one transaction. */
export interface WriteBatch {
  readonly guard: Guard;
  readonly writes: readonly StatementRuns[];
}

/** A statement's runs from rows of parameters (all of one width). */
export const statementRuns = (sql: string, rows: readonly (readonly SqlValue[])[]): StatementRuns => ({
  sql,
  width: rows[0]?.length ?? 0,
  values: rows.flat(),
});

/** `mismatch`: what the first guard that failed found instead (null: no row), and which guard it was. */
export type WriteResult = { readonly ok: true } | { readonly mismatch: number | null; readonly guard: number };

/**
 * A transaction on the thread, written in parts: the caller hands over writes as it goes and
 * drops them (a rebuild's documents die young), and `end` commits them all with its own
 * final writes, or nothing if a guard failed or a write threw.
 */
export interface WriterTransaction {
  write(writes: readonly StatementRuns[]): void;
  end(writes: readonly StatementRuns[]): Promise<WriteResult>;
  /** Rolls back everything written (a no-op once ended). */
  abort(): void;
}

export interface WriterThread {
  /** Opens a transaction (BEGIN IMMEDIATE) whose guards are checked first; it waits its turn behind any other open one. */
  begin(guards: readonly Guard[]): WriterTransaction;
  commit(batch: WriteBatch): Promise<WriteResult>;
  /** Characters of parts handed to the thread that it has not taken yet (at most MAX_QUEUED_CHARS and one part). */
  queued(): number;
  close(): Promise<void>;
}

// Plain JavaScript, evaluated: the thread needs no TypeScript loader. The thread runs one
// transaction at a time, in the order the messages arrive (the caller queues the others):
// begin (guards), any number of writes, then end (final writes, a reply) or abort.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
// [characters taken from the queue]: the caller reads it to bound what it has queued.
const taken = new Int32Array(workerData.taken);
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
const run = (writes) => {
  for (const { sql, width, values } of writes) {
    const statement = prepared(sql);
    for (let i = 0; i < values.length; i += width) statement.run(values.slice(i, i + width));
  }
};
const errorOf = (error) => ({ message: error.message, code: error.code, name: error.name });
const rollback = () => {
  if (db.inTransaction) db.exec('ROLLBACK');
};
// What the open transaction will answer at its end: null while it is good.
let outcome = null;
const begin = (guards) => {
  db.exec('BEGIN IMMEDIATE');
  outcome = null;
  guards.forEach((guard, index) => {
    if (outcome) return;
    const actual = prepared(guard.sql).pluck().get(...guard.params);
    if (actual !== guard.expected) outcome = { result: { mismatch: actual === undefined ? null : actual, guard: index } };
  });
  if (outcome) rollback();
};
const attempt = (step) => {
  if (outcome) return;
  try {
    step();
  } catch (error) {
    rollback();
    outcome = { error: errorOf(error) };
  }
};
parentPort.on('message', (message) => {
  if (message.close) {
    rollback();
    db.close();
    parentPort.close();
    return;
  }
  if (message.begin) attempt(() => begin(message.begin));
  if (message.write) {
    attempt(() => run(message.write));
    Atomics.add(taken, 0, message.size);
    Atomics.notify(taken, 0);
  }
  if (message.abort) rollback();
  if (message.end) {
    attempt(() => {
      run(message.end);
      db.exec('COMMIT');
    });
    parentPort.postMessage({ id: message.id, ...(outcome ?? { result: { ok: true } }) });
    outcome = null;
  }
});
`;

interface Reply {
  readonly id: number;
  readonly result?: WriteResult;
  readonly error?: { readonly message: string; readonly code?: string; readonly name?: string };
}

const toError = (reply: NonNullable<Reply['error']>): Error => Object.assign(new Error(reply.message), { name: reply.name ?? 'Error', code: reply.code });

/** Characters of parts a caller may have queued for the thread before `write` waits for it. */
export const MAX_QUEUED_CHARS = 4_000_000;
/** A thread that takes nothing for this long is not waited for any more (it died, or hangs). */
const STALL_MS = 5_000;

/** Characters a part carries: what its message costs to queue, near enough. */
const sizeOf = (writes: readonly StatementRuns[]): number => {
  let size = 0;
  for (const { values } of writes) for (const value of values) size += typeof value === 'string' ? value.length : 8;
  return size;
};

export const startWriterThread = (file: string, options: { busyTimeoutMs: number; autocheckpointPages: number }): WriterThread => {
  // What the caller has queued and what the thread has taken, in characters (both wrap
  // around together). A caller faster than the thread would otherwise pile copies of its
  // parts up in the port: measured +18 MB on a district's interleaved log.
  const taken = new Int32Array(new SharedArrayBuffer(4));
  let queued = 0;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver: require.resolve('better-sqlite3'), file, taken: taken.buffer, ...options },
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
  const request = (message: object): Promise<WriteResult> => {
    if (failure) return Promise.reject(failure);
    const id = next++;
    if (pending.size === 0) worker.ref();
    const replied = new Promise<WriteResult>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...message });
    });
    outstanding.add(replied);
    const forget = (): void => void outstanding.delete(replied);
    replied.then(forget, forget);
    return replied;
  };
  // One transaction at a time on the thread: one begun while another is open holds its
  // messages until that one has ended, and the thread then takes them in order.
  interface Turn {
    readonly held: (() => void)[];
    ended: boolean;
  }
  let open: Turn | null = null;
  const waiting: Turn[] = [];
  const post = (turn: Turn, send: () => void): void => {
    if (open === turn) send();
    else turn.held.push(send);
  };
  const passOn = (): void => {
    while (open?.ended) {
      open = waiting.shift() ?? null;
      for (const send of open?.held.splice(0) ?? []) send();
    }
  };
  /**
   * Waits, on the caller's thread, until the thread has taken all but MAX_QUEUED_CHARS. It
   * blocks the caller's event loop, which is what a rebuild wants: its core goes to the
   * writer it waits for. Only rebuilds use a writer thread.
   */
  const waitForRoom = (): void => {
    let stalledSince = performance.now();
    let seen = Atomics.load(taken, 0);
    while (((queued - seen) | 0) > MAX_QUEUED_CHARS && performance.now() - stalledSince < STALL_MS) {
      Atomics.wait(taken, 0, seen, 100);
      const now = Atomics.load(taken, 0);
      if (now !== seen) stalledSince = performance.now();
      seen = now;
    }
  };
  const postWrite = (writes: readonly StatementRuns[]): void => {
    const size = sizeOf(writes);
    waitForRoom();
    queued = (queued + size) | 0;
    worker.postMessage({ write: writes, size });
  };
  const begin = (guards: readonly Guard[]): WriterTransaction => {
    const turn: Turn = { held: [], ended: false };
    if (open === null) open = turn;
    else waiting.push(turn);
    post(turn, () => worker.postMessage({ begin: guards }));
    const last = (send: () => void): void => {
      if (turn.ended) throw new Error('This writer transaction has ended');
      turn.ended = true;
      post(turn, send);
      passOn();
    };
    return {
      write(writes) {
        if (turn.ended) throw new Error('This writer transaction has ended');
        post(turn, () => postWrite(writes));
      },
      end(writes) {
        return new Promise<WriteResult>((resolve, reject) => last(() => request({ end: writes }).then(resolve, reject)));
      },
      abort() {
        if (!turn.ended) last(() => worker.postMessage({ abort: true }));
      },
    };
  };
  return {
    begin,
    queued: () => (queued - Atomics.load(taken, 0)) | 0,
    commit(batch) {
      return begin([batch.guard]).end(batch.writes);
    },
    async close() {
      // Commits already sent finish first; their callers see their outcome as usual.
      await Promise.allSettled([...outstanding]);
      if (running) {
        worker.ref();
        worker.postMessage({ close: true });
      }
      // Transactions still waiting for their turn (behind one never ended) fail.
      failure ??= new Error('The read store writer thread is closed');
      for (const turn of waiting.splice(0)) for (const send of turn.held.splice(0)) send();
      await exited;
    },
  };
};

