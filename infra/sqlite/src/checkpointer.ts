/**
 * Checkpoints WAL files on a background thread. SQLite's automatic checkpoint runs inside
 * the commit that crosses the threshold: that commit copies ~4 MB back into the database
 * and waits for two fsyncs, so one append or projection step in every few hundred stalls
 * for milliseconds. Here one worker thread per process, with its own connection per file,
 * runs PASSIVE checkpoints (which never block writers or readers) every INTERVAL_MS, and
 * the writers' own automatic checkpoint only steps in if the WAL outgrows FALLBACK_PAGES:
 * under a sustained write load a passive checkpointer never quite catches up with the
 * newest frames, so the log would otherwise grow without bound. By then most frames are
 * already copied and the writer's checkpoint is short. Measured on the Emmett workload
 * (20,000 commands, each an append and a projection commit): ~25 % more commands/s.
 */
import { Worker } from 'node:worker_threads';

/** Pages a WAL may hold before a writer checkpoints it itself: only if this thread falls behind. */
export const FALLBACK_PAGES = 4_096;
const INTERVAL_MS = 100;

// Plain JavaScript, evaluated: the thread needs no TypeScript loader (jest, swc, tsc output alike).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const files = new Map();
// A writer starts the WAL over only once every frame in it is copied back; under a steady
// write load one pass always finds new frames, so a round repeats while the last pass caught up
// with less than the whole log (the repeats copy only what arrived during the previous pass).
const checkpointOne = (db) => {
  for (let pass = 0; pass < 3; pass++) {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result.busy !== 0 || result.log <= 0 || result.checkpointed >= result.log) return;
  }
};
const checkpointAll = () => {
  for (const db of files.values()) {
    try { checkpointOne(db); } catch { /* busy or gone: the next round retries */ }
  }
};
parentPort.on('message', (message) => {
  if (message.add && !files.has(message.add)) {
    try {
      const db = new Database(message.add, { fileMustExist: true });
      db.pragma('busy_timeout = 0');
      files.set(message.add, db);
    } catch { /* removed meanwhile: its writers' own checkpoints cover it */ }
  }
  if (message.remove) {
    files.get(message.remove)?.close();
    files.delete(message.remove);
  }
  if (message.flush) {
    checkpointAll();
    parentPort.postMessage({ flushed: message.flush });
  }
});
setInterval(checkpointAll, workerData.intervalMs);
`;

interface Checkpointer {
  readonly worker: Worker;
  readonly users: Map<string, number>;
}

let current: Checkpointer | null = null;

const start = (): Checkpointer => {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver: require.resolve('better-sqlite3'), intervalMs: INTERVAL_MS } });
  // The thread never keeps a process alive; a process that exits leaves a WAL the next open recovers.
  worker.unref();
  // Should the thread die, the writers' own automatic checkpoints (FALLBACK_PAGES) take over.
  worker.on('error', () => {
    if (current?.worker === worker) current = null;
  });
  return { worker, users: new Map() };
};

/** Checkpoints `file` in the background until the returned release is called (once per open connection). */
export const checkpointInBackground = (file: string): (() => void) => {
  current ??= start();
  const checkpointer = current;
  const users = checkpointer.users.get(file) ?? 0;
  checkpointer.users.set(file, users + 1);
  if (users === 0) checkpointer.worker.postMessage({ add: file });
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (checkpointer.users.get(file) ?? 1) - 1;
    if (left > 0) {
      checkpointer.users.set(file, left);
      return;
    }
    checkpointer.users.delete(file);
    checkpointer.worker.postMessage({ remove: file });
    if (checkpointer.users.size === 0 && current === checkpointer) {
      current = null;
      void checkpointer.worker.terminate();
    }
  };
};

/** Resolves after the thread has run one checkpoint round over every file (for tests). */
export const flushCheckpoints = async (): Promise<void> => {
  const checkpointer = current;
  if (!checkpointer) return;
  const token = Math.random();
  await new Promise<void>((resolve) => {
    const onMessage = (message: { flushed?: number }): void => {
      if (message.flushed !== token) return;
      checkpointer.worker.off('message', onMessage);
      resolve();
    };
    checkpointer.worker.on('message', onMessage);
    checkpointer.worker.postMessage({ flush: token });
  });
};
