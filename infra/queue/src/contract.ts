/**
 * The one test suite every job queue adapter runs (ARCHITECTURE rule 7). It assumes only what
 * the port promises. Timings are kept small (backoffs of 20–50 ms) and compared as ratios and
 * orderings, never as exact durations: the machine running the tests may be busy.
 *
 * Call it from an `*.int.spec.ts`; it uses jest's globals and imports nothing at load time
 * beyond the port, so exporting it from the package index costs production code nothing.
 */
import { InvalidJobIdError, type JobContext, type JobHandler, type JobInfo, type JobQueue, type JobRequest, type JobWorker } from './port';

export interface JobQueueFixture {
  /** An empty queue. */
  readonly queue: JobQueue;
  /** Another handle on the same queue, as a second process would open it. */
  readonly openAnother: () => Promise<JobQueue>;
  /** Removes what the fixture created; every queue and worker is closed before. */
  readonly cleanup: () => Promise<void>;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns something truthy; fails with `what` after `timeoutMs`. */
const waitFor = async <T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 8000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
};

const stateOf = async (queue: JobQueue, id: string): Promise<JobInfo['state'] | undefined> => (await queue.get(id))?.state;

const untilState = (queue: JobQueue, id: string, state: JobInfo['state'], timeoutMs?: number): Promise<JobInfo> =>
  waitFor(`${id} to be ${state}`, async () => {
    const info = await queue.get(id);
    return info?.state === state ? info : undefined;
  }, timeoutMs);

const untilAll = (queue: JobQueue, ids: readonly string[], state: JobInfo['state'], timeoutMs?: number): Promise<JobInfo[]> =>
  waitFor(`${ids.length} jobs to be ${state}`, async () => {
    const infos = await Promise.all(ids.map((id) => queue.get(id)));
    return infos.every((info) => info?.state === state) ? (infos as JobInfo[]) : undefined;
  }, timeoutMs);

/** Counts of each value. */
const tally = (values: readonly string[]): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};

/** A promise with its resolver, to hold a handler in the middle of its run. */
const gate = (): { promise: Promise<void>; open: () => void } => {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function jobQueueContract(name: string, makeFixture: () => Promise<JobQueueFixture>): void {
  describe(`job queue contract: ${name}`, () => {
    let fixture: JobQueueFixture;
    let queue: JobQueue;
    const queues: JobQueue[] = [];
    const workers: JobWorker[] = [];

    beforeEach(async () => {
      fixture = await makeFixture();
      queue = fixture.queue;
      queues.push(queue);
    });

    afterEach(async () => {
      for (const worker of workers.splice(0)) await worker.close();
      for (const each of queues.splice(0)) await each.close();
      await fixture.cleanup();
    });

    const another = async (): Promise<JobQueue> => {
      const opened = await fixture.openAnother();
      queues.push(opened);
      return opened;
    };

    const work = (on: JobQueue, handlers: Record<string, JobHandler<any>>, concurrency = 1): JobWorker => {
      const worker = on.work(handlers, { concurrency });
      workers.push(worker);
      return worker;
    };

    /** A handler that records each delivery's id and returns `{ echoed: data }`. */
    const recorder = (deliveries: string[]): JobHandler => async (job) => {
      deliveries.push(job.id);
      return { echoed: job.data };
    };

    const jobs = (count: number, jobName: string, extra: Partial<JobRequest> = {}): JobRequest[] =>
      Array.from({ length: count }, (_, i) => ({ id: `${jobName}-${i}`, name: jobName, data: { n: i }, ...extra }));

    describe('delivery', () => {
      it('runs each enqueued job once, with its data, and records its result', async () => {
        const deliveries: string[] = [];
        const batch = jobs(12, 'echo');
        await queue.enqueue(batch);
        work(queue, { echo: recorder(deliveries) }, 2);

        const infos = await untilAll(queue, batch.map((job) => job.id), 'completed');
        await sleep(150); // room for a wrong second delivery

        expect([...deliveries].sort()).toEqual(batch.map((job) => job.id).sort());
        expect(infos[3]).toEqual({
          id: 'echo-3',
          name: 'echo',
          data: { n: 3 },
          state: 'completed',
          attemptsMade: 1,
          progress: 0,
          result: { echoed: { n: 3 } },
          createdAt: expect.stringMatching(ISO_INSTANT),
          finishedAt: expect.stringMatching(ISO_INSTANT),
        });
      });

      it('starts a job enqueued while the worker is idle, and one enqueued from a handler', async () => {
        const deliveries: string[] = [];
        work(queue, {
          first: async (job) => {
            deliveries.push(job.id);
            await queue.enqueue([{ id: 'second-1', name: 'second', data: null }]);
          },
          second: recorder(deliveries),
        });
        await sleep(50);

        await queue.enqueue([{ id: 'first-1', name: 'first', data: null }]);

        await untilState(queue, 'second-1', 'completed');
        expect(deliveries).toEqual(['first-1', 'second-1']);
      });

      it('accepts every id the pattern allows, digits only included, and knows no other', async () => {
        const ids = ['12345', '0', '-7', 'a', 'A.b_c-d', 'x'.repeat(200)];
        const deliveries: string[] = [];
        await queue.enqueue(ids.map((id) => ({ id, name: 'odd', data: id })));
        work(queue, { odd: recorder(deliveries) });

        const infos = await untilAll(queue, ids, 'completed');

        expect(infos.map((info) => [info.id, info.data])).toEqual(ids.map((id) => [id, id]));
        expect(deliveries.sort()).toEqual([...ids].sort());
        expect(await queue.get('unknown-id')).toBeNull();
      });

      it('leaves a job whose name a worker has no handler for to a worker that has one', async () => {
        const byX: string[] = [];
        const byY: string[] = [];
        work(queue, { x: recorder(byX) });
        work(await another(), { y: recorder(byY) });

        await queue.enqueue([...jobs(3, 'x'), ...jobs(3, 'y')]);

        const infos = await untilAll(queue, ['x-0', 'x-1', 'x-2', 'y-0', 'y-1', 'y-2'], 'completed');
        expect(byX.sort()).toEqual(['x-0', 'x-1', 'x-2']);
        expect(byY.sort()).toEqual(['y-0', 'y-1', 'y-2']);
        expect(infos.map((info) => info.attemptsMade)).toEqual([1, 1, 1, 1, 1, 1]);
      });
    });

    describe('dedupe', () => {
      it('skips a second enqueue of a waiting id, also within one call', async () => {
        await queue.enqueue([{ id: 'd-1', name: 'dedupe', data: 'first' }]);
        await queue.enqueue([
          { id: 'd-1', name: 'dedupe', data: 'second' },
          { id: 'd-2', name: 'dedupe', data: 'a' },
          { id: 'd-2', name: 'dedupe', data: 'b' },
        ]);

        expect((await queue.list('waiting', { name: 'dedupe' })).map((info) => info.id).sort()).toEqual(['d-1', 'd-2']);
        expect(await queue.get('d-1')).toMatchObject({ data: 'first', state: 'waiting', attemptsMade: 0 });
        expect(await queue.get('d-2')).toMatchObject({ data: 'a' });

        const deliveries: string[] = [];
        work(queue, { dedupe: recorder(deliveries) });
        await untilAll(queue, ['d-1', 'd-2'], 'completed');
        await sleep(100);
        expect(deliveries.sort()).toEqual(['d-1', 'd-2']);
      });

      it('skips a second enqueue of a completed id and of a failed id', async () => {
        const deliveries: string[] = [];
        work(queue, {
          good: recorder(deliveries),
          bad: async (job) => {
            deliveries.push(job.id);
            throw new Error('always');
          },
        });
        await queue.enqueue([{ id: 'done', name: 'good', data: 1 }, { id: 'dead', name: 'bad', data: 1 }]);
        await untilState(queue, 'done', 'completed');
        await untilState(queue, 'dead', 'failed');

        await queue.enqueue([{ id: 'done', name: 'good', data: 2 }, { id: 'dead', name: 'bad', data: 2, attempts: 3 }]);
        await sleep(250);

        expect(deliveries.sort()).toEqual(['dead', 'done']);
        expect(await queue.get('done')).toMatchObject({ state: 'completed', data: 1, attemptsMade: 1 });
        expect(await queue.get('dead')).toMatchObject({ state: 'failed', data: 1, attemptsMade: 1 });
      });
    });

    describe('failures', () => {
      it('retries a failing job with exponential backoff until an attempt succeeds', async () => {
        const starts: number[] = [];
        const attempts: number[] = [];
        work(queue, {
          flaky: async (job: JobContext) => {
            starts.push(Date.now());
            attempts.push(job.attempt);
            if (job.attempt < 4) throw new Error(`failure ${job.attempt}`);
            return 'finally';
          },
        });

        await queue.enqueue([{ id: 'flaky-1', name: 'flaky', data: null, attempts: 5, backoffMs: 40 }]);
        const info = await untilState(queue, 'flaky-1', 'completed');

        expect(attempts).toEqual([1, 2, 3, 4]);
        expect(info).toMatchObject({ attemptsMade: 4, result: 'finally' });
        expect(info.failedReason).toBeUndefined();
        const gaps = starts.slice(1).map((at, i) => at - (starts[i] as number));
        // Ideally 40, 80, 160 ms: each gap at least its backoff, each longer than the one before.
        expect(gaps[0]).toBeGreaterThanOrEqual(35);
        expect(gaps[1]).toBeGreaterThan(gaps[0] as number);
        expect(gaps[2]).toBeGreaterThan(gaps[1] as number);
        expect((gaps[2] as number) / (gaps[0] as number)).toBeGreaterThan(2);
      });

      it('shows a job waiting for its next attempt as delayed, with the last error', async () => {
        work(queue, {
          slow: async () => {
            throw new Error('not yet');
          },
        });
        await queue.enqueue([{ id: 'slow-1', name: 'slow', data: null, attempts: 2, backoffMs: 10_000 }]);

        const info = await untilState(queue, 'slow-1', 'delayed');

        expect(info).toMatchObject({ attemptsMade: 1, failedReason: 'not yet' });
        expect((await queue.list('delayed')).map((each) => each.id)).toEqual(['slow-1']);
      });

      it('moves a job to the dead-letter list after its last attempt, with the reason', async () => {
        let runs = 0;
        work(queue, {
          doomed: async () => {
            runs++;
            throw new Error(`boom ${runs}`);
          },
          fine: async () => 'ok',
        });

        await queue.enqueue([
          { id: 'doomed-1', name: 'doomed', data: { why: 'test' }, attempts: 3, backoffMs: 20 },
          { id: 'fine-1', name: 'fine', data: null },
        ]);
        await untilState(queue, 'doomed-1', 'failed');
        await untilState(queue, 'fine-1', 'completed');
        await sleep(100);

        expect(runs).toBe(3);
        const dead = await queue.list('failed');
        expect(dead).toEqual([
          {
            id: 'doomed-1',
            name: 'doomed',
            data: { why: 'test' },
            state: 'failed',
            attemptsMade: 3,
            progress: 0,
            failedReason: 'boom 3',
            createdAt: expect.stringMatching(ISO_INSTANT),
            finishedAt: expect.stringMatching(ISO_INSTANT),
          },
        ]);
        expect(await queue.list('failed', { name: 'fine' })).toEqual([]);
        expect((await queue.list('completed', { name: 'fine' })).map((info) => info.id)).toEqual(['fine-1']);
      });

      it('redelivers a dead letter on retry(id), with fresh attempts', async () => {
        let healthy = false;
        const attempts: number[] = [];
        work(queue, {
          fragile: async (job) => {
            attempts.push(job.attempt);
            if (!healthy) throw new Error('down');
            return 'up';
          },
        });
        await queue.enqueue([{ id: 'fragile-1', name: 'fragile', data: null, attempts: 2, backoffMs: 20 }]);
        await untilState(queue, 'fragile-1', 'failed');
        healthy = true;

        expect(await queue.retry('fragile-1')).toBe(true);
        const info = await untilState(queue, 'fragile-1', 'completed');

        expect(attempts).toEqual([1, 2, 1]);
        expect(info).toMatchObject({ attemptsMade: 1, result: 'up' });
        expect(await queue.list('failed')).toEqual([]);
        expect(await queue.retry('fragile-1')).toBe(false);
        expect(await queue.retry('no-such-job')).toBe(false);
      });
    });

    describe('progress and listing', () => {
      it('shows the progress a running job reports, and lists it as active', async () => {
        const hold = gate();
        work(queue, {
          export: async (job) => {
            await job.reportProgress(25);
            await job.reportProgress(60);
            await hold.promise;
            return 'exported';
          },
        });
        await queue.enqueue([{ id: 'export-1', name: 'export', data: null }]);

        const running = await waitFor('progress 60', async () => {
          const info = await queue.get('export-1');
          return info?.progress === 60 ? info : undefined;
        });
        expect(running.state).toBe('active');
        expect((await queue.list('active')).map((info) => info.id)).toEqual(['export-1']);

        hold.open();
        expect(await untilState(queue, 'export-1', 'completed')).toMatchObject({ progress: 60, result: 'exported' });
        expect(await queue.list('active')).toEqual([]);
      });

      it('lists jobs by state, by name, newest first, up to the limit', async () => {
        await queue.enqueue([{ id: 'later-1', name: 'later', data: null, delayMs: 60_000 }]);
        await queue.enqueue([{ id: 'now-1', name: 'now', data: null }]);
        await sleep(5);
        await queue.enqueue([{ id: 'now-2', name: 'now', data: null }]);
        await sleep(5);
        await queue.enqueue([{ id: 'other-1', name: 'other', data: null }]);

        expect(await stateOf(queue, 'later-1')).toBe('delayed');
        expect((await queue.list('delayed')).map((info) => info.id)).toEqual(['later-1']);
        expect((await queue.list('waiting')).map((info) => info.id)).toEqual(['other-1', 'now-2', 'now-1']);
        expect((await queue.list('waiting', { name: 'now' })).map((info) => info.id)).toEqual(['now-2', 'now-1']);
        expect((await queue.list('waiting', { limit: 1 })).map((info) => info.id)).toEqual(['other-1']);
        expect(await queue.list('completed')).toEqual([]);

        work(queue, { now: async () => undefined, other: async () => undefined });
        await untilAll(queue, ['now-1', 'now-2', 'other-1'], 'completed');
        expect((await queue.list('completed', { name: 'now' })).map((info) => info.id).sort()).toEqual(['now-1', 'now-2']);
        expect(await stateOf(queue, 'later-1')).toBe('delayed');
      });
    });

    describe('concurrency', () => {
      it('runs up to `concurrency` jobs of one worker at once', async () => {
        let running = 0;
        let most = 0;
        work(
          queue,
          {
            slow: async () => {
              running++;
              most = Math.max(most, running);
              await sleep(120);
              running--;
            },
          },
          4,
        );

        const batch = jobs(8, 'slow');
        const started = Date.now();
        await queue.enqueue(batch);
        await untilAll(queue, batch.map((job) => job.id), 'completed');

        expect(most).toBe(4);
        // Two rounds of four, not eight jobs one after another.
        expect(Date.now() - started).toBeLessThan(8 * 120);
      });

      it('never runs one job on two workers, in this handle or another, at the same time or twice', async () => {
        const deliveries: string[] = [];
        const runningNow = new Set<string>();
        const overlaps: string[] = [];
        const handler: JobHandler = async (job) => {
          if (runningNow.has(job.id)) overlaps.push(job.id);
          runningNow.add(job.id);
          deliveries.push(job.id);
          await sleep(job.id.length % 3);
          runningNow.delete(job.id);
        };
        const second = await another();
        work(queue, { shared: handler }, 3);
        work(queue, { shared: handler }, 2);
        work(second, { shared: handler }, 3);

        const batch = jobs(90, 'shared');
        await Promise.all([queue.enqueue(batch.slice(0, 45)), second.enqueue(batch.slice(30))]);
        await untilAll(queue, batch.map((job) => job.id), 'completed', 20_000);
        await sleep(150);

        expect(overlaps).toEqual([]);
        expect([...tally(deliveries).values()].every((count) => count === 1)).toBe(true);
        expect(deliveries).toHaveLength(90);
      });
    });

    describe('repeat', () => {
      it('enqueues a repeated job on schedule, once per slot however often it is declared', async () => {
        const runs: { id: string; at: number; data: unknown }[] = [];
        const handler: JobHandler = async (job) => void runs.push({ id: job.id, at: Date.now(), data: job.data });
        const second = await another();
        work(queue, { tick: handler });
        work(second, { tick: handler });

        await queue.repeat('tick', 100, { round: 1 });
        await queue.repeat('tick', 100, { round: 1 });
        await second.repeat('tick', 100, { round: 1 });
        await sleep(750);

        // About 7–8 slots in 750 ms; a doubled schedule would run about twice as many.
        expect(runs.length).toBeGreaterThanOrEqual(4);
        expect(runs.length).toBeLessThanOrEqual(10);
        expect(new Set(runs.map((run) => run.id)).size).toBe(runs.length);
        expect(runs.every((run) => JSON.stringify(run.data) === JSON.stringify({ round: 1 }))).toBe(true);

        // A new declaration replaces the schedule's data.
        await second.repeat('tick', 100, { round: 2 });
        await waitFor('a run with the new data', async () => runs.some((run) => JSON.stringify(run.data) === JSON.stringify({ round: 2 })), 3000);
      });
    });

    describe('close', () => {
      it('waits for running jobs, then takes no more', async () => {
        const finished: string[] = [];
        const started: string[] = [];
        const worker = work(queue, {
          long: async (job) => {
            started.push(job.id);
            await sleep(200);
            finished.push(job.id);
          },
        });
        await queue.enqueue([{ id: 'long-1', name: 'long', data: null }]);
        await waitFor('the job to start', async () => started.length === 1);

        await worker.close();

        expect(finished).toEqual(['long-1']);
        expect(await untilState(queue, 'long-1', 'completed', 2000)).toMatchObject({ attemptsMade: 1 });
        await queue.enqueue([{ id: 'long-2', name: 'long', data: null }]);
        await sleep(200);
        expect(started).toEqual(['long-1']);
        expect(await stateOf(queue, 'long-2')).toBe('waiting');
      });
    });

    describe('validation', () => {
      it.each([
        ['a colon', 'with:colon'],
        ['empty', ''],
        ['201 characters', 'x'.repeat(201)],
        ['a space', 'space here'],
        ['a slash', 'slash/id'],
        ['non-ASCII letters', 'ünïcode'],
      ])('rejects an id with %s with InvalidJobIdError and enqueues nothing of the call', async (_, bad) => {
        const error = await queue.enqueue([{ id: 'valid-1', name: 'v', data: null }, { id: bad, name: 'v', data: null }]).then(
          () => undefined,
          (rejection: unknown) => rejection,
        );

        expect(error).toBeInstanceOf(InvalidJobIdError);
        expect(error).toMatchObject({ name: 'InvalidJobIdError', id: bad });
        expect(await queue.get('valid-1')).toBeNull();
        expect(await queue.list('waiting')).toEqual([]);
      });
    });
  });
}
