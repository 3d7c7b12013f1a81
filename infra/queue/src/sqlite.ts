/**
 * SQLite adapter: the embedded default. Jobs are rows of one table in a WAL file that the
 * gateway, the projector and any number of worker processes may open at once.
 *
 * States as stored: `waiting` (due at `run_at`; reported as `delayed` while `run_at` is still
 * ahead, so no promotion step is needed), `active`, `completed`, `failed` (dead letter).
 *
 * Claiming: a worker takes one due job in an IMMEDIATE transaction (it holds SQLite's single
 * write lock from the first read), marks it `active` with a fresh lease token and a lease
 * expiry. Every later write of that run (progress, lease renewal, outcome) names the token,
 * so a worker that lost its lease can change nothing. Two workers, in one process or two,
 * therefore never run one job at the same time.
 *
 * Leases (visibility timeout): while a handler runs, its worker renews the lease every
 * `leaseMs / 3`. A job whose lease ran out — its process crashed or was killed, or blocked
 * its event loop for longer than `leaseMs` — is taken again by the next worker that polls,
 * without using an attempt (the attempt never ended), up to `maxStalls` times; after that it
 * fails for good with "job stalled more than allowable limit", so a job that kills every
 * process that runs it ends as a dead letter instead of looping. This is BullMQ's stalled-job
 * rule (lockDuration 30 s, maxStalledCount 1), so both adapters recover alike.
 *
 * Polling: an idle worker sleeps until the next due job, the next schedule slot or
 * `pollIntervalMs`, whichever comes first; an enqueue in this process wakes it at once (jobs
 * enqueued by another process wait at most one poll interval).
 *
 * Retention: completed jobs are deleted 7 days after they finished, dead letters after 30
 * (see rules.ts); until then their ids still dedupe a second enqueue.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openSqliteFile } from '@collegium/sqlite';
import type { JobHandler, JobId, JobInfo, JobQueue, JobRequest, JobState, JobWorker, ListOptions, WorkOptions } from './port';
import {
  backoffDelayMs,
  checkProgress,
  checkScheduleName,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  KEEP_COMPLETED_MS,
  KEEP_FAILED_MS,
  listLimitOf,
  messageOf,
  normaliseJobs,
} from './rules';

export interface SqliteJobQueueOptions {
  /** Path of the database file; its directory is created when missing. */
  readonly file: string;
  /** Longest sleep of an idle worker (jobs enqueued by other processes wait at most this). Default 1000. */
  readonly pollIntervalMs?: number;
  /** Visibility timeout of a running job whose worker stopped renewing it. Default 30 000. */
  readonly leaseMs?: number;
  /** Times a job is taken again after its lease ran out before it fails for good. Default 1. */
  readonly maxStalls?: number;
  /** How long a writer waits for another connection's write transaction. Default 5000. */
  readonly busyTimeoutMs?: number;
  /** Errors of the polling loop itself (not of handlers, which are recorded on the job). */
  readonly onError?: (error: unknown) => void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  id            TEXT    PRIMARY KEY,
  name          TEXT    NOT NULL,
  data          TEXT    NOT NULL,  -- JSON
  state         TEXT    NOT NULL,  -- waiting | active | completed | failed
  run_at        INTEGER NOT NULL,  -- epoch ms the job is (or was) due
  attempts      INTEGER NOT NULL,
  backoff_ms    INTEGER NOT NULL,
  attempts_made INTEGER NOT NULL DEFAULT 0,
  stalls        INTEGER NOT NULL DEFAULT 0,
  lease_token   TEXT,
  lease_until   INTEGER,
  progress      REAL    NOT NULL DEFAULT 0,
  result        TEXT,              -- JSON; NULL when the handler returned nothing
  failed_reason TEXT,
  created_at    INTEGER NOT NULL,
  finished_at   INTEGER
);
CREATE INDEX IF NOT EXISTS jobs_due ON jobs (state, run_at);
CREATE INDEX IF NOT EXISTS jobs_finished ON jobs (state, finished_at);
CREATE TABLE IF NOT EXISTS schedules (
  name     TEXT    PRIMARY KEY,
  every_ms INTEGER NOT NULL,
  data     TEXT    NOT NULL
) WITHOUT ROWID;
`;

interface JobRow {
  readonly id: string;
  readonly name: string;
  readonly data: string;
  readonly state: 'waiting' | 'active' | 'completed' | 'failed';
  readonly run_at: number;
  readonly attempts: number;
  readonly backoff_ms: number;
  readonly attempts_made: number;
  readonly progress: number;
  readonly result: string | null;
  readonly failed_reason: string | null;
  readonly created_at: number;
  readonly finished_at: number | null;
}

interface ScheduleRow {
  readonly name: string;
  readonly every_ms: number;
  readonly data: string;
}

/** A job this worker holds the lease of. */
interface Claim {
  readonly row: JobRow;
  readonly token: string;
}

const STALLED_REASON = 'job stalled more than allowable limit';
const PRUNE_EVERY_MS = 60_000;

/**
 * Workers of every queue instance in this process on the same file, so an enqueue through
 * any of them starts idle workers at once. Keyed by absolute path.
 */
const wakers = new Map<string, Set<() => void>>();

const wakeAll = (key: string): void => {
  for (const wake of wakers.get(key) ?? []) wake();
};

const subscribe = (key: string, wake: () => void): (() => void) => {
  const set = wakers.get(key) ?? new Set();
  wakers.set(key, set);
  set.add(wake);
  return () => {
    set.delete(wake);
    // Only our own set: after it emptied once, the key may hold a newer one.
    if (set.size === 0 && wakers.get(key) === set) wakers.delete(key);
  };
};

const reportedState = (row: JobRow, now: number): JobState => (row.state === 'waiting' && row.run_at > now ? 'delayed' : row.state);

const infoOf = (row: JobRow, now: number): JobInfo => ({
  id: row.id,
  name: row.name,
  data: JSON.parse(row.data) as unknown,
  state: reportedState(row, now),
  attemptsMade: row.attempts_made,
  progress: row.progress,
  ...(row.result === null ? {} : { result: JSON.parse(row.result) as unknown }),
  ...(row.failed_reason === null ? {} : { failedReason: row.failed_reason }),
  createdAt: new Date(row.created_at).toISOString(),
  ...(row.finished_at === null ? {} : { finishedAt: new Date(row.finished_at).toISOString() }),
});

/** The prepared statements, named by what they do to a job. */
const statementsOf = (db: Database.Database) => ({
  insert: db.prepare<[string, string, string, number, number, number, number]>(
    `INSERT OR IGNORE INTO jobs (id, name, data, state, run_at, attempts, backoff_ms, created_at)
     VALUES (?, ?, ?, 'waiting', ?, ?, ?, ?)`,
  ),
  get: db.prepare<[string], JobRow>('SELECT * FROM jobs WHERE id = ?'),
  listDue: db.prepare<{ now: number; name: string | null; limit: number }, JobRow>(
    `SELECT * FROM jobs WHERE state = 'waiting' AND run_at <= :now AND (:name IS NULL OR name = :name) ORDER BY run_at DESC, rowid DESC LIMIT :limit`,
  ),
  listDelayed: db.prepare<{ now: number; name: string | null; limit: number }, JobRow>(
    `SELECT * FROM jobs WHERE state = 'waiting' AND run_at > :now AND (:name IS NULL OR name = :name) ORDER BY run_at DESC, rowid DESC LIMIT :limit`,
  ),
  listActive: db.prepare<{ name: string | null; limit: number }, JobRow>(
    `SELECT * FROM jobs WHERE state = 'active' AND (:name IS NULL OR name = :name) ORDER BY run_at DESC, rowid DESC LIMIT :limit`,
  ),
  listFinished: db.prepare<{ state: string; name: string | null; limit: number }, JobRow>(
    `SELECT * FROM jobs WHERE state = :state AND (:name IS NULL OR name = :name) ORDER BY finished_at DESC, rowid DESC LIMIT :limit`,
  ),
  // Read without the write lock first: idle workers of several processes then never queue
  // up behind each other for a transaction that would find nothing.
  anythingToDo: db
    .prepare<{ now: number; names: string }>(
      `SELECT EXISTS (SELECT 1 FROM jobs WHERE state = 'waiting' AND run_at <= :now AND name IN (SELECT value FROM json_each(:names)))
           OR EXISTS (SELECT 1 FROM jobs WHERE state = 'active' AND lease_until <= :now)`,
    )
    .pluck(),
  nextDue: db
    .prepare<{ names: string }, number>(
      `SELECT run_at FROM jobs WHERE state = 'waiting' AND name IN (SELECT value FROM json_each(:names)) ORDER BY run_at LIMIT 1`,
    )
    .pluck(),
  // Right-hand sides of an UPDATE see the old row: `stalls` below is the count before this one.
  recoverStalled: db.prepare<{ now: number; maxStalls: number; reason: string }>(
    `UPDATE jobs SET
       state         = CASE WHEN stalls >= :maxStalls THEN 'failed' ELSE 'waiting' END,
       attempts_made = CASE WHEN stalls >= :maxStalls THEN attempts_made + 1 ELSE attempts_made END,
       failed_reason = CASE WHEN stalls >= :maxStalls THEN :reason ELSE failed_reason END,
       finished_at   = CASE WHEN stalls >= :maxStalls THEN :now ELSE NULL END,
       stalls = stalls + 1, run_at = :now, lease_token = NULL, lease_until = NULL
     WHERE state = 'active' AND lease_until <= :now`,
  ),
  claim: db.prepare<{ now: number; names: string; token: string; leaseUntil: number }, JobRow>(
    `UPDATE jobs SET state = 'active', lease_token = :token, lease_until = :leaseUntil
     WHERE id = (SELECT id FROM jobs WHERE state = 'waiting' AND run_at <= :now AND name IN (SELECT value FROM json_each(:names))
                 ORDER BY run_at, rowid LIMIT 1)
     RETURNING *`,
  ),
  renew: db.prepare<{ id: string; token: string; leaseUntil: number }>(
    `UPDATE jobs SET lease_until = :leaseUntil WHERE id = :id AND lease_token = :token`,
  ),
  progress: db.prepare<{ id: string; token: string; progress: number }>(
    `UPDATE jobs SET progress = :progress WHERE id = :id AND lease_token = :token`,
  ),
  complete: db.prepare<{ id: string; token: string; result: string | null; now: number }>(
    `UPDATE jobs SET state = 'completed', attempts_made = attempts_made + 1, result = :result, failed_reason = NULL,
       finished_at = :now, lease_token = NULL, lease_until = NULL
     WHERE id = :id AND lease_token = :token`,
  ),
  failForGood: db.prepare<{ id: string; token: string; reason: string; now: number }>(
    `UPDATE jobs SET state = 'failed', attempts_made = attempts_made + 1, failed_reason = :reason,
       finished_at = :now, lease_token = NULL, lease_until = NULL
     WHERE id = :id AND lease_token = :token`,
  ),
  failAndRetry: db.prepare<{ id: string; token: string; reason: string; runAt: number }>(
    `UPDATE jobs SET state = 'waiting', attempts_made = attempts_made + 1, failed_reason = :reason,
       run_at = :runAt, lease_token = NULL, lease_until = NULL
     WHERE id = :id AND lease_token = :token`,
  ),
  retry: db.prepare<{ id: string; now: number }>(
    `UPDATE jobs SET state = 'waiting', attempts_made = 0, stalls = 0, progress = 0, result = NULL, failed_reason = NULL,
       run_at = :now, finished_at = NULL
     WHERE id = :id AND state = 'failed'`,
  ),
  upsertSchedule: db.prepare<{ name: string; everyMs: number; data: string }>(
    `INSERT INTO schedules (name, every_ms, data) VALUES (:name, :everyMs, :data)
     ON CONFLICT (name) DO UPDATE SET every_ms = excluded.every_ms, data = excluded.data`,
  ),
  schedules: db.prepare<[], ScheduleRow>('SELECT name, every_ms, data FROM schedules'),
  prune: db.prepare<{ state: string; before: number }>(
    `DELETE FROM jobs WHERE rowid IN (SELECT rowid FROM jobs WHERE state = :state AND finished_at < :before LIMIT 1000)`,
  ),
});

type Statements = ReturnType<typeof statementsOf>;

interface Shared {
  readonly db: Database.Database;
  readonly sql: Statements;
  readonly wakeKey: string;
  readonly pollIntervalMs: number;
  readonly leaseMs: number;
  readonly maxStalls: number;
  readonly onError: (error: unknown) => void;
}

const insertJobs = (shared: Shared, jobs: readonly JobRequest[]): void => {
  const normalised = normaliseJobs(jobs);
  const now = Date.now();
  shared.db.transaction(() => {
    for (const job of normalised) {
      shared.sql.insert.run(job.id, job.name, JSON.stringify(job.data), now + job.delayMs, job.attempts, job.backoffMs, now);
    }
  })();
};

/**
 * Enqueues the current slot of every schedule this worker has a handler for. Ids are
 * `${name}.${slot}` with slot = floor(now / everyMs): every process computes the same id for
 * the same slot, and INSERT OR IGNORE keeps the first. Only workers that can run a schedule's
 * jobs enqueue them, so while none runs, no backlog of slots piles up (BullMQ's scheduler, too,
 * holds only the next job). `enqueued` remembers which slots this worker already inserted, so
 * the steady state writes nothing. Returns when the next slot starts.
 */
const enqueueScheduleSlots = (shared: Shared, handled: ReadonlySet<string>, enqueued: Map<string, string>, now: number): number => {
  let nextSlotAt = Infinity;
  for (const schedule of shared.sql.schedules.all()) {
    if (!handled.has(schedule.name)) continue;
    const slot = Math.floor(now / schedule.every_ms);
    const id = `${schedule.name}.${slot}`;
    nextSlotAt = Math.min(nextSlotAt, (slot + 1) * schedule.every_ms);
    if (enqueued.get(schedule.name) === id) continue;
    shared.sql.insert.run(id, schedule.name, schedule.data, slot * schedule.every_ms, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, now);
    enqueued.set(schedule.name, id);
  }
  return nextSlotAt;
};

/** Takes one due job for `names`, after giving stalled jobs back; undefined when none is due. */
const claimOne = (shared: Shared, names: string): Claim | undefined => {
  const now = Date.now();
  if (shared.sql.anythingToDo.get({ now, names }) === 0) return undefined;
  const token = randomUUID();
  const row = shared.db
    .transaction(() => {
      shared.sql.recoverStalled.run({ now, maxStalls: shared.maxStalls, reason: STALLED_REASON });
      return shared.sql.claim.get({ now, names, token, leaseUntil: now + shared.leaseMs });
    })
    .immediate();
  return row ? { row, token } : undefined;
};

const pruneFinished = (shared: Shared, now: number): void => {
  shared.sql.prune.run({ state: 'completed', before: now - KEEP_COMPLETED_MS });
  shared.sql.prune.run({ state: 'failed', before: now - KEEP_FAILED_MS });
};

type Outcome = { readonly ok: true; readonly resultJson: string | null } | { readonly ok: false; readonly error: unknown };

/** Records the outcome of one attempt; a worker that lost the lease records nothing. */
const settle = (shared: Shared, { row, token }: Claim, outcome: Outcome): void => {
  const now = Date.now();
  if (outcome.ok) {
    shared.sql.complete.run({ id: row.id, token, result: outcome.resultJson, now });
    return;
  }
  const attempt = row.attempts_made + 1;
  const reason = messageOf(outcome.error);
  if (attempt >= row.attempts) shared.sql.failForGood.run({ id: row.id, token, reason, now });
  else shared.sql.failAndRetry.run({ id: row.id, token, reason, runAt: now + backoffDelayMs(row.backoff_ms, attempt) });
};

/** null and undefined alike mean "no result", as in BullMQ, which cannot tell them apart. */
const resultJsonOf = (result: unknown): string | null => (result === undefined || result === null ? null : JSON.stringify(result));

/** Runs one claimed job to its outcome, keeping its lease alive meanwhile. */
const runClaim = async (shared: Shared, claim: Claim, handler: JobHandler): Promise<void> => {
  const { row, token } = claim;
  const renew = setInterval(() => {
    try {
      shared.sql.renew.run({ id: row.id, token, leaseUntil: Date.now() + shared.leaseMs });
    } catch (error) {
      shared.onError(error);
    }
  }, Math.max(1, Math.floor(shared.leaseMs / 3)));
  let outcome: Outcome;
  try {
    const result = await handler({
      id: row.id,
      name: row.name,
      data: JSON.parse(row.data) as unknown,
      attempt: row.attempts_made + 1,
      reportProgress: async (percent) => void shared.sql.progress.run({ id: row.id, token, progress: checkProgress(percent) }),
    });
    // A result JSON cannot hold fails the attempt, like a throw would.
    outcome = { ok: true, resultJson: resultJsonOf(result) };
  } catch (error) {
    outcome = { ok: false, error };
  } finally {
    clearInterval(renew);
  }
  // Outside the try: a database error here is reported (onError), not recorded as a failed
  // attempt of a handler that succeeded; the job stays active until its lease runs out and is
  // then taken again as a stalled job.
  settle(shared, claim, outcome);
};

const startWorker = (shared: Shared, handlers: Readonly<Record<string, JobHandler<any>>>, options: WorkOptions | undefined): JobWorker => {
  const concurrency = options?.concurrency ?? 1;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`);
  const handled = new Set(Object.keys(handlers));
  const names = JSON.stringify([...handled]);
  const running = new Set<Promise<void>>();
  const enqueuedSlots = new Map<string, string>();
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeScheduled = false;
  let lastPruneAt = 0;

  const sleepUntil = (at: number): void => {
    clearTimeout(timer);
    timer = setTimeout(pump, Math.min(shared.pollIntervalMs, Math.max(0, at - Date.now())));
  };

  const startRun = (claim: Claim): void => {
    const handler = handlers[claim.row.name] as JobHandler;
    const run = runClaim(shared, claim, handler)
      .catch(shared.onError)
      .finally(() => {
        running.delete(run);
        pump();
      });
    running.add(run);
  };

  /** Fills free slots with due jobs, then sleeps until something may be due. Synchronous. */
  function pump(): void {
    if (closed) return;
    try {
      const now = Date.now();
      const nextSlotAt = enqueueScheduleSlots(shared, handled, enqueuedSlots, now);
      if (now - lastPruneAt > PRUNE_EVERY_MS) {
        lastPruneAt = now;
        pruneFinished(shared, now);
      }
      while (running.size < concurrency) {
        const claim = claimOne(shared, names);
        if (!claim) break;
        startRun(claim);
      }
      if (running.size >= concurrency) return clearTimeout(timer); // a finishing run pumps again
      sleepUntil(Math.min(nextSlotAt, shared.sql.nextDue.get({ names }) ?? Infinity));
    } catch (error) {
      shared.onError(error);
      sleepUntil(Date.now() + shared.pollIntervalMs);
    }
  }

  // Deferred: an enqueue from inside a handler must not re-enter pump() synchronously.
  const wake = (): void => {
    if (wakeScheduled || closed) return;
    wakeScheduled = true;
    setImmediate(() => {
      wakeScheduled = false;
      pump();
    });
  };
  const unsubscribe = subscribe(shared.wakeKey, wake);
  wake();

  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      unsubscribe();
      await Promise.all(running);
    },
  };
};

const listRows = (sql: Statements, state: JobState, name: string | null, limit: number, now: number): JobRow[] => {
  switch (state) {
    case 'waiting':
      return sql.listDue.all({ now, name, limit });
    case 'delayed':
      return sql.listDelayed.all({ now, name, limit });
    case 'active':
      return sql.listActive.all({ name, limit });
    case 'completed':
    case 'failed':
      return sql.listFinished.all({ state, name, limit });
    default: {
      const never: never = state;
      throw new RangeError(`unknown job state ${String(never)}`);
    }
  }
};

export const createSqliteJobQueue = (options: SqliteJobQueueOptions): JobQueue => {
  const db = openSqliteFile(options.file, { busyTimeoutMs: options.busyTimeoutMs ?? 5000, cacheMb: 8, schema: SCHEMA });
  const shared: Shared = {
    db,
    sql: statementsOf(db),
    wakeKey: options.file === ':memory:' ? `:memory:${randomUUID()}` : path.resolve(options.file),
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    leaseMs: options.leaseMs ?? 30_000,
    maxStalls: options.maxStalls ?? 1,
    onError: options.onError ?? ((error) => console.error('[queue:sqlite]', error)),
  };
  const workers = new Set<JobWorker>();
  let closed = false;

  return {
    enqueue: async (jobs) => {
      insertJobs(shared, jobs);
      wakeAll(shared.wakeKey);
    },
    work: (handlers, workOptions) => {
      if (closed) throw new Error('the job queue is closed');
      const worker = startWorker(shared, handlers, workOptions);
      workers.add(worker);
      return {
        close: async () => {
          workers.delete(worker);
          await worker.close();
        },
      };
    },
    repeat: async (name, everyMs, data) => {
      checkScheduleName(name, everyMs);
      shared.sql.upsertSchedule.run({ name, everyMs, data: JSON.stringify(data ?? null) });
      wakeAll(shared.wakeKey);
    },
    get: async (id: JobId) => {
      const row = shared.sql.get.get(id);
      return row ? infoOf(row, Date.now()) : null;
    },
    list: async (state: JobState, listOptions?: ListOptions) => {
      const now = Date.now();
      return listRows(shared.sql, state, listOptions?.name ?? null, listLimitOf(listOptions?.limit), now).map((row) => infoOf(row, now));
    },
    retry: async (id: JobId) => {
      const retried = shared.sql.retry.run({ id, now: Date.now() }).changes === 1;
      if (retried) wakeAll(shared.wakeKey);
      return retried;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...workers].map((worker) => worker.close()));
      workers.clear();
      db.close();
    },
  };
};
