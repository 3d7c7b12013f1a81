/**
 * A second process for the SQLite tests, working the same file as the test.
 * Usage: node -r @swc-node/register sqliteWorker.ts <file> share <count>
 *   works `shared` jobs until <count> of them are completed, then prints the ids it ran (JSON);
 * Usage: node -r @swc-node/register sqliteWorker.ts <file> hang <leaseMs>
 *   takes `hang` jobs and never finishes them, printing `started <id>` (the test kills it).
 * Prints `ready` once its worker runs.
 */
import { createSqliteJobQueue } from '../sqlite';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const share = async (file: string, count: number): Promise<void> => {
  const queue = createSqliteJobQueue({ file, pollIntervalMs: 20, busyTimeoutMs: 10_000 });
  const ran: string[] = [];
  const worker = queue.work(
    {
      shared: async (job) => {
        ran.push(job.id);
        await sleep(job.id.length % 3);
      },
    },
    { concurrency: 2 },
  );
  process.stdout.write('ready\n');
  while ((await queue.list('completed', { name: 'shared', limit: count })).length < count) await sleep(20);
  await worker.close();
  await queue.close();
  process.stdout.write(`${JSON.stringify(ran)}\n`);
};

const hang = async (file: string, leaseMs: number): Promise<void> => {
  const queue = createSqliteJobQueue({ file, pollIntervalMs: 20, leaseMs });
  queue.work({
    hang: async (job) => {
      process.stdout.write(`started ${job.id}\n`);
      await new Promise(() => undefined);
    },
  });
  process.stdout.write('ready\n');
};

const main = async (): Promise<void> => {
  const [file, mode, amount] = process.argv.slice(2);
  if (!file || !amount || (mode !== 'share' && mode !== 'hang')) throw new Error('usage: sqliteWorker.ts <file> share <count> | hang <leaseMs>');
  await (mode === 'share' ? share(file, Number(amount)) : hang(file, Number(amount)));
};

main().catch((error: unknown) => {
  process.stderr.write(String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
