/**
 * BullMQ adapter (Redis): the production queue when several machines run workers.
 *
 * One BullMQ queue holds every job name; `work()` starts one BullMQ Worker with its own Redis
 * connection. Every connection is an ioredis client with `maxRetriesPerRequest: null`, as
 * BullMQ requires: while Redis is away commands wait for the reconnection instead of failing,
 * so a Redis restart delays jobs and loses none (given Redis's own persistence: run it with
 * the append-only file on).
 *
 * How the port maps onto BullMQ:
 * - ids: `jobId` is the port's id. BullMQ refuses ids that read as integers (`"12"`, `"-7"`),
 *   which the port allows, so those are stored as `~12` (`~` is outside the port's id
 *   alphabet, so no other id can collide with it) and reported back without the `~`.
 * - dedupe: BullMQ adds nothing for a jobId whose job hash still exists, whatever its state.
 *   Finished jobs are kept (removeOnComplete / removeOnFail) for 7 days (dead letters 30) and
 *   at most the newest 100 000 of each: an id is remembered for at least that long, unless
 *   more than 100 000 jobs finished since. A replay only re-enqueues the events since the
 *   subscription's checkpoint, far inside both bounds.
 * - names: a BullMQ worker takes jobs of every name in its queue; a job this worker has no
 *   handler for is put back as delayed for `handOverDelayMs` without using an attempt, so a
 *   worker that has the handler picks it up (as the SQLite adapter, which only claims the names
 *   it handles, would do at once).
 * - states: BullMQ's `prioritized` and `waiting-children` (not produced by this adapter) read as
 *   `waiting`. A delayed job whose time has come stays `delayed` until a worker promotes it.
 * - Redis restarts: when a connection drops after Redis ran a command but before the reply
 *   arrived, ioredis sends the command again. For "finish this job and fetch the next" the
 *   second run fails ("Missing lock", reported to onError; the first run did finish the job)
 *   and the fetched next job sits `active` with nobody running it until its lock runs out and
 *   the stalled check gives it back: up to leaseMs + stalledIntervalMs (a minute by default).
 *   Nothing is lost; it is only late. A job is run twice only if Redis stays away longer
 *   than its lease: the lock then expires while its handler runs, the finish is refused, and
 *   the stalled check hands the job out again. Handlers tolerate that (a breach is recorded
 *   once per key; a webhook delivery carries its id in `x-collegium-delivery` for receivers
 *   to drop a repeat), and the default lease (30 s) is far longer than a Redis restart.
 * - repeat: a job scheduler (`upsertJobScheduler`, id = name, `every`); its jobs have
 *   BullMQ's own ids (`repeat:<name>:<millis>`), which `get` and `list` report unchanged.
 */
import { DelayedError, Queue, Worker, type Job, type JobType, type KeepJobs } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobHandler, JobId, JobInfo, JobQueue, JobRequest, JobState, JobWorker, ListOptions, WorkOptions } from './port';
import { checkProgress, checkScheduleName, DEFAULT_ATTEMPTS, KEEP_COMPLETED_MS, KEEP_FAILED_MS, listLimitOf, normaliseJobs } from './rules';

export interface BullMqJobQueueOptions {
  /** Redis URL, e.g. `redis://127.0.0.1:6379`. */
  readonly connection: string;
  /** Default `collegium-jobs`. */
  readonly queueName?: string;
  /** Prefix of every Redis key of the queue. Default `collegium`. */
  readonly prefix?: string;
  /** How long a job is put aside when it reached a worker without a handler for its name. Default 1000. */
  readonly handOverDelayMs?: number;
  /**
   * Lock of a running job (BullMQ's lockDuration), renewed while its handler runs. A job whose
   * lock ran out is found by the next stalled check and taken again. Default 30 000.
   */
  readonly leaseMs?: number;
  /** How often a worker looks for stalled jobs (BullMQ's stalledInterval). Default 30 000. */
  readonly stalledIntervalMs?: number;
  /** Times a stalled job is taken again before it fails for good (maxStalledCount). Default 1. */
  readonly maxStalls?: number;
  /** Connection and worker errors (job failures are recorded on the job, not reported here). */
  readonly onError?: (error: unknown) => void;
}

/** The most finished jobs BullMQ keeps per state; the bound that keeps Redis's memory finite. */
export const KEEP_FINISHED_COUNT = 100_000;
const KEEP_COMPLETED: KeepJobs = { age: KEEP_COMPLETED_MS / 1000, count: KEEP_FINISHED_COUNT };
const KEEP_FAILED: KeepJobs = { age: KEEP_FAILED_MS / 1000, count: KEEP_FINISHED_COUNT };

/** Page size when `list` filters by name, which BullMQ cannot do itself. */
const LIST_PAGE = 500;

const readsAsInteger = (id: string): boolean => `${parseInt(id, 10)}` === id;
const toBullId = (id: JobId): string => (readsAsInteger(id) ? `~${id}` : id);
const fromBullId = (id: string): JobId => (id.startsWith('~') ? id.slice(1) : id);

const BULL_TYPES: Record<JobState, JobType[]> = {
  waiting: ['waiting', 'prioritized'],
  delayed: ['delayed'],
  active: ['active'],
  completed: ['completed'],
  failed: ['failed'],
};

const portStateOf = (state: string): JobState | null => {
  switch (state) {
    case 'completed':
    case 'failed':
    case 'active':
    case 'delayed':
      return state;
    case 'waiting':
    case 'prioritized':
    case 'waiting-children':
      return 'waiting';
    default:
      return null; // 'unknown': removed meanwhile
  }
};

const infoOf = (job: Job, state: JobState): JobInfo => ({
  id: fromBullId(job.id ?? ''),
  name: job.name,
  data: job.data as unknown,
  state,
  attemptsMade: job.attemptsMade,
  progress: typeof job.progress === 'number' ? job.progress : 0,
  // BullMQ stores `undefined` as null: a handler returning either has no result.
  ...(state === 'completed' && job.returnvalue !== null && job.returnvalue !== undefined ? { result: job.returnvalue as unknown } : {}),
  ...(state !== 'completed' && job.failedReason ? { failedReason: job.failedReason } : {}),
  createdAt: new Date(job.timestamp).toISOString(),
  ...((state === 'completed' || state === 'failed') && job.finishedOn ? { finishedAt: new Date(job.finishedOn).toISOString() } : {}),
});

const jobsOf = (jobs: readonly JobRequest[]) =>
  normaliseJobs(jobs).map((job) => ({
    name: job.name,
    data: job.data,
    opts: {
      jobId: toBullId(job.id),
      attempts: job.attempts,
      backoff: { type: 'exponential', delay: job.backoffMs },
      delay: job.delayMs,
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    },
  }));

export const createBullMqJobQueue = (options: BullMqJobQueueOptions): JobQueue => {
  const queueName = options.queueName ?? 'collegium-jobs';
  const prefix = options.prefix ?? 'collegium';
  const handOverDelayMs = options.handOverDelayMs ?? 1000;
  const onError = options.onError ?? ((error: unknown) => console.error('[queue:bullmq]', error));

  const connect = (): Redis => {
    const redis = new Redis(options.connection, { maxRetriesPerRequest: null });
    // Without a listener ioredis prints every failed reconnection attempt itself.
    redis.on('error', onError);
    return redis;
  };

  const connection = connect();
  const queue = new Queue(queueName, { connection, prefix });
  queue.on('error', onError);
  const workers = new Set<JobWorker>();
  let closed = false;

  const startWorker = (handlers: Readonly<Record<string, JobHandler<any>>>, workOptions?: WorkOptions): JobWorker => {
    const concurrency = workOptions?.concurrency ?? 1;
    if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be an integer >= 1, got ${concurrency}`);
    const workerConnection = connect();
    const worker = new Worker(
      queueName,
      async (job: Job, token?: string) => {
        const handler = handlers[job.name];
        if (!handler) {
          // Not ours: back to delayed, without using an attempt, for a worker that has a handler.
          await job.moveToDelayed(Date.now() + handOverDelayMs, token);
          throw new DelayedError();
        }
        return handler({
          id: fromBullId(job.id ?? ''),
          name: job.name,
          data: job.data as unknown,
          attempt: job.attemptsMade + 1,
          reportProgress: (percent) => job.updateProgress(checkProgress(percent)),
        });
      },
      {
        connection: workerConnection,
        prefix,
        concurrency,
        lockDuration: options.leaseMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        maxStalledCount: options.maxStalls ?? 1,
      },
    );
    worker.on('error', onError);
    let closing: Promise<void> | undefined;
    const close = (): Promise<void> =>
      (closing ??= (async () => {
        workers.delete(handle);
        await worker.close(); // waits for the running jobs
        await workerConnection.quit();
      })());
    const handle: JobWorker = { close };
    workers.add(handle);
    return handle;
  };

  /** Jobs in `state`, newest first, reading pages until `limit` of them have the name. */
  const listJobs = async (state: JobState, name: string | undefined, limit: number): Promise<Job[]> => {
    const types = BULL_TYPES[state];
    if (name === undefined) return (await queue.getJobs(types, 0, limit - 1, false)).filter(Boolean);
    const found: Job[] = [];
    for (let start = 0; found.length < limit; start += LIST_PAGE) {
      const page = await queue.getJobs(types, start, start + LIST_PAGE - 1, false);
      found.push(...page.filter((job) => job?.name === name));
      if (page.length < LIST_PAGE) break;
    }
    return found.slice(0, limit);
  };

  return {
    enqueue: async (jobs) => {
      const bulk = jobsOf(jobs);
      if (bulk.length > 0) await queue.addBulk(bulk);
    },
    work: (handlers, workOptions) => {
      if (closed) throw new Error('the job queue is closed');
      return startWorker(handlers, workOptions);
    },
    repeat: async (name, everyMs, data) => {
      checkScheduleName(name, everyMs);
      await queue.upsertJobScheduler(
        name,
        { every: everyMs },
        { name, data: data ?? null, opts: { attempts: DEFAULT_ATTEMPTS, removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED } },
      );
    },
    get: async (id) => {
      // The job hash and its state are two reads: a job read just before an attempt ended
      // would show the new state with the old attempt count. Read the state on both sides
      // and read again (a few times at most) when it moved in between.
      for (let read = 1; ; read++) {
        const before = await queue.getJobState(toBullId(id));
        const job = await queue.getJob(toBullId(id));
        if (!job) return null;
        const after = await job.getState();
        if (before !== after && read < 5) continue;
        const state = portStateOf(after);
        return state ? infoOf(job, state) : null;
      }
    },
    list: async (state, listOptions?: ListOptions) => {
      const jobs = await listJobs(state, listOptions?.name, listLimitOf(listOptions?.limit));
      return jobs.map((job) => infoOf(job, state));
    },
    retry: async (id) => {
      const job = await queue.getJob(toBullId(id));
      if (!job || (await job.getState()) !== 'failed') return false;
      try {
        await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        return true;
      } catch (error) {
        // Someone else retried it between our two reads: not failed any more.
        if ((await job.getState()) !== 'failed') return false;
        throw error;
      }
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await Promise.all([...workers].map((worker) => worker.close()));
      await queue.close();
      await connection.quit();
    },
  };
};
