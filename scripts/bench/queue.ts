/**
 * Job throughput of both queue adapters (`npm run bench` section; alone:
 * `node -r @swc-node/register scripts/bench/queue.ts`): N no-op jobs enqueued in batches
 * of 100 as the dispatcher does, then worked with concurrency 8, by one worker and by two
 * workers sharing the queue. BullMQ runs on a redis-server started on a free loopback port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBullMqJobQueue, createSqliteJobQueue, type JobQueue } from '@collegium/queue';
import { startRedis } from '../../infra/queue/src/testing/redis';

const JOBS = Number(process.env['BENCH_QUEUE_JOBS'] ?? (process.env['BENCH_QUICK'] === '1' ? 2_000 : 10_000));

export interface QueueRow {
  readonly metric: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean | null;
}

/** Jobs/s from the first enqueue to the last completion, with `workers` workers on the queue. */
const throughput = async (open: () => JobQueue, workers: number, prefix: string): Promise<number> => {
  const queues = Array.from({ length: workers }, open);
  let done = 0;
  let finish: () => void = () => undefined;
  const allDone = new Promise<void>((resolve) => (finish = resolve));
  const running = queues.map((q) =>
    q.work(
      {
        noop: async () => {
          if (++done === JOBS) finish();
          return null;
        },
      },
      { concurrency: 8 },
    ),
  );
  const started = process.hrtime.bigint();
  for (let i = 0; i < JOBS; i += 100) {
    await (queues[0] as JobQueue).enqueue(Array.from({ length: Math.min(100, JOBS - i) }, (_, k) => ({ id: `${prefix}.${i + k}`, name: 'noop', data: { n: i + k } })));
  }
  await allDone;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  for (const w of running) await w.close();
  for (const q of queues) await q.close();
  return JOBS / seconds;
};

const row = (metric: string, rate: number): QueueRow => ({ metric, value: `${Math.round(rate).toLocaleString('en')} jobs/s`, target: '—', met: null });

export const benchQueues = async (): Promise<QueueRow[]> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-queue-bench-'));
  const redis = await startRedis();
  try {
    const rows: QueueRow[] = [];
    for (const workers of [1, 2]) {
      const file = path.join(dir, `jobs-${workers}.sqlite`);
      rows.push(row(`SQLite queue (embedded), ${JOBS.toLocaleString('en')} jobs, ${workers} worker(s) × concurrency 8`, await throughput(() => createSqliteJobQueue({ file, pollIntervalMs: 20 }), workers, `s${workers}`)));
      rows.push(
        row(
          `BullMQ on redis-server, ${JOBS.toLocaleString('en')} jobs, ${workers} worker(s) × concurrency 8`,
          await throughput(() => createBullMqJobQueue({ connection: redis.url, prefix: `bench${workers}` }), workers, `b${workers}`),
        ),
      );
    }
    return rows;
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
};

if (require.main === module) {
  benchQueues()
    .then((rows) => rows.forEach((r) => console.log(`${r.metric.padEnd(70)} ${r.value}`)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
