/**
 * What both adapters check and compute the same way, so the contract suite sees one behaviour.
 */
import { InvalidJobIdError, JOB_ID_PATTERN, type JobRequest } from './port';

export const DEFAULT_ATTEMPTS = 1;
export const DEFAULT_BACKOFF_MS = 1000;
export const DEFAULT_LIST_LIMIT = 100;

/**
 * How long finished jobs are kept, i.e. how long their ids still dedupe a second enqueue.
 * A replay after a crash re-enqueues the events since the subscription's checkpoint (seconds
 * to minutes old), far inside these bounds; only a subscription restarted from an older
 * position than this would enqueue jobs again. Dead letters are kept longer so a person has
 * time to look at them and `retry` them.
 */
export const KEEP_COMPLETED_MS = 7 * 24 * 3600_000;
export const KEEP_FAILED_MS = 30 * 24 * 3600_000;

/** A job with every default applied. */
export interface NormalisedJob {
  readonly id: string;
  readonly name: string;
  readonly data: unknown;
  readonly attempts: number;
  readonly backoffMs: number;
  readonly delayMs: number;
}

const checkCount = (what: string, value: number, min: number): number => {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${what} must be an integer >= ${min}, got ${value}`);
  return value;
};

const checkDuration = (what: string, value: number): number => {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${what} must be a number of milliseconds >= 0, got ${value}`);
  return Math.round(value);
};

/**
 * Checks the whole batch before anything is written: one bad job rejects the call and leaves
 * the queue untouched (the port promises "nothing of the call is enqueued").
 */
export const normaliseJobs = (jobs: readonly JobRequest[]): NormalisedJob[] =>
  jobs.map((job) => {
    if (typeof job.id !== 'string' || !JOB_ID_PATTERN.test(job.id)) throw new InvalidJobIdError(String(job.id));
    if (typeof job.name !== 'string' || job.name.length === 0) throw new TypeError(`Job ${job.id} needs a name`);
    return {
      id: job.id,
      name: job.name,
      data: job.data ?? null,
      attempts: checkCount('attempts', job.attempts ?? DEFAULT_ATTEMPTS, 1),
      backoffMs: checkDuration('backoffMs', job.backoffMs ?? DEFAULT_BACKOFF_MS),
      delayMs: checkDuration('delayMs', job.delayMs ?? 0),
    };
  });

/** The ids a schedule enqueues are `${name}.${slot}`: the name must keep them valid job ids. */
export const checkScheduleName = (name: string, everyMs: number): void => {
  if (typeof name !== 'string' || !JOB_ID_PATTERN.test(`${name}.0`) || `${name}.${Number.MAX_SAFE_INTEGER}`.length > 200) {
    throw new InvalidJobIdError(name);
  }
  checkCount('everyMs', everyMs, 1);
};

/** Delay after failed attempt `attempt` (1-based): backoffMs, 2×, 4×, … */
export const backoffDelayMs = (backoffMs: number, attempt: number): number => backoffMs * 2 ** (attempt - 1);

/** Progress is a percentage; out-of-range values are clamped, non-numbers are a bug in the handler. */
export const checkProgress = (percent: number): number => {
  if (typeof percent !== 'number' || !Number.isFinite(percent)) throw new RangeError(`progress must be a number 0–100, got ${String(percent)}`);
  return Math.min(100, Math.max(0, percent));
};

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export const listLimitOf = (limit: number | undefined): number => checkCount('limit', limit ?? DEFAULT_LIST_LIMIT, 1);
