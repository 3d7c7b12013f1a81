/**
 * The job queue port. Jobs are always started from events (ARCHITECTURE): a subscription
 * with its own checkpoint enqueues them with ids derived from the event id, so replaying
 * the log after a crash enqueues nothing twice. Two adapters pass the one contract suite:
 * a durable SQLite table run in-process (embedded default) and BullMQ on Redis.
 */

/** Job ids are `[A-Za-z0-9._-]{1,200}`: BullMQ forbids `:` and plain integers in custom ids. */
export type JobId = string;

export interface JobRequest<D = unknown> {
  /**
   * Unique per job. A second enqueue with an id the queue still knows (waiting, delayed,
   * active, completed or failed) adds nothing: that is how a replay stays harmless.
   */
  readonly id: JobId;
  readonly name: string;
  /** JSON-serialisable. */
  readonly data: D;
  /** Attempts before the job fails for good and joins the dead-letter list (default 1). */
  readonly attempts?: number;
  /** Delay before the second attempt; each further one doubles (exponential backoff). Default 1000. */
  readonly backoffMs?: number;
  /** Delay before the first attempt. */
  readonly delayMs?: number;
}

/** `failed` means failed for good: every attempt was used; it is the dead-letter list. */
export type JobState = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed';

export interface JobInfo<D = unknown> {
  readonly id: JobId;
  readonly name: string;
  readonly data: D;
  readonly state: JobState;
  /** Attempts that ended (failed or completed). */
  readonly attemptsMade: number;
  /** 0–100, as last reported by the handler. */
  readonly progress: number;
  /** The handler's return value of a completed job. */
  readonly result?: unknown;
  /** The last attempt's error message. */
  readonly failedReason?: string;
  /** ISO instants. */
  readonly createdAt: string;
  readonly finishedAt?: string;
}

export interface JobContext<D = unknown> {
  readonly id: JobId;
  readonly name: string;
  readonly data: D;
  /** 1 for the first attempt. */
  readonly attempt: number;
  reportProgress(percent: number): Promise<void>;
}

/** Returns the job's result; throwing fails this attempt (retried while attempts remain). */
export type JobHandler<D = unknown> = (job: JobContext<D>) => Promise<unknown>;

export interface WorkOptions {
  /** Jobs run at once by this worker (default 1). */
  readonly concurrency?: number;
}

export interface JobWorker {
  /** Stops taking jobs; resolves when the running ones have finished. */
  close(): Promise<void>;
}

export interface ListOptions {
  readonly name?: string;
  /** Default 100. */
  readonly limit?: number;
}

export interface JobQueue {
  /** Adds jobs; ids the queue already knows are skipped (see JobRequest.id). */
  enqueue(jobs: readonly JobRequest[]): Promise<void>;
  /**
   * Runs jobs by name with the given handlers. Several workers (in this process or in
   * others sharing the queue) may run at once; each job runs on one of them at a time.
   */
  work(handlers: Readonly<Record<string, JobHandler<any>>>, options?: WorkOptions): JobWorker;
  /**
   * Enqueues `name` every `everyMs` with `data` (a repeatable job). Calling it again for the
   * same name replaces the schedule, so every worker process may declare it at start.
   */
  repeat(name: string, everyMs: number, data?: unknown): Promise<void>;
  get(id: JobId): Promise<JobInfo | null>;
  /** Jobs in a state, newest first; `list('failed')` is the dead-letter list. */
  list(state: JobState, options?: ListOptions): Promise<JobInfo[]>;
  /** Moves a failed job back to waiting with fresh attempts (redelivery on request); false if it is not failed. */
  retry(id: JobId): Promise<boolean>;
  close(): Promise<void>;
}

export const JOB_ID_PATTERN = /^[A-Za-z0-9._-]{1,200}$/;

/** Thrown by `enqueue` for an id outside JOB_ID_PATTERN; nothing of the call is enqueued. */
export class InvalidJobIdError extends Error {
  override readonly name = 'InvalidJobIdError';
  constructor(readonly id: string) {
    super(`Job id ${JSON.stringify(id)} must match ${String(JOB_ID_PATTERN)}`);
  }
}
