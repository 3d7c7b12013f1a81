import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { jobQueueContract } from './contract';
import type { JobQueue, JobWorker } from './port';
import { createSqliteJobQueue, type SqliteJobQueueOptions } from './sqlite';

const tempDir = (): string => mkdtempSync(path.join(os.tmpdir(), 'collegium-queue-'));

jobQueueContract('sqlite', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'jobs.sqlite');
  // A short poll interval stands in for the other process's wake-up, which never crosses processes.
  const open = (): JobQueue => createSqliteJobQueue({ file, pollIntervalMs: 20 });
  return {
    queue: open(),
    openAnother: async () => open(),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const waitFor = async (what: string, check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
};

/** A child process running testing/sqliteWorker.ts, with its output collected line by line. */
const spawnWorker = (args: readonly string[]) => {
  const script = path.join(__dirname, 'testing', 'sqliteWorker.ts');
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    cwd: path.resolve(__dirname, '../../..'),
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const lines = (): string[] => output.stdout.split('\n').filter(Boolean);
  return { child, output, exited, lines };
};

describe('sqlite job queue', () => {
  let dir: string;
  let file: string;
  const opened: JobQueue[] = [];
  const workers: JobWorker[] = [];
  const open = (options: Partial<SqliteJobQueueOptions> = {}): JobQueue => {
    const queue = createSqliteJobQueue({ file, pollIntervalMs: 20, ...options });
    opened.push(queue);
    return queue;
  };
  const raw = <T>(use: (db: Database.Database) => T): T => {
    const db = new Database(file);
    try {
      db.pragma('busy_timeout = 5000');
      return use(db);
    } finally {
      db.close();
    }
  };

  beforeEach(() => {
    dir = tempDir();
    file = path.join(dir, 'nested', 'jobs.sqlite');
  });

  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.close();
    for (const queue of opened.splice(0)) await queue.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the missing directory and a WAL database, and keeps jobs and schedules across reopening', async () => {
    const first = open();
    await first.enqueue([{ id: 'kept-1', name: 'kept', data: { a: 1 }, attempts: 3 }]);
    await first.repeat('nightly', 86_400_000, { scope: 'all' });
    await first.close();

    expect(existsSync(file)).toBe(true);
    raw((db) => expect(db.pragma('journal_mode', { simple: true })).toBe('wal'));
    const second = open();
    expect(await second.get('kept-1')).toMatchObject({ state: 'waiting', data: { a: 1 } });
    const ran: unknown[] = [];
    workers.push(second.work({ kept: async (job) => void ran.push(job.data), nightly: async (job) => void ran.push(job.data) }));
    await waitFor('both jobs', () => ran.length === 2);
    expect(ran).toEqual(expect.arrayContaining([{ a: 1 }, { scope: 'all' }]));
  });

  it('enqueues the slots of a schedule only while a worker that handles it runs', async () => {
    const queue = open();
    await queue.repeat('report', 20, null);
    workers.push(queue.work({ other: async () => undefined }));
    await sleep(120);
    expect(await queue.list('waiting', { name: 'report' })).toEqual([]);

    const ran: string[] = [];
    workers.push(queue.work({ report: async (job) => void ran.push(job.id) }));
    await waitFor('two slots', () => ran.length >= 2);
    expect(ran.every((id) => /^report\.\d+$/.test(id))).toBe(true);
  });

  it('gives a running job whose lease ran out to another worker, and ignores the first worker afterwards', async () => {
    const queue = open({ leaseMs: 60_000 });
    const other = open({ leaseMs: 60_000 });
    let releaseFirst = (): void => undefined;
    const runs: string[] = [];
    workers.push(
      queue.work({
        job: async () => {
          runs.push('first');
          await new Promise<void>((resolve) => (releaseFirst = resolve));
          return 'from first';
        },
      }),
    );
    await queue.enqueue([{ id: 'leased-1', name: 'job', data: null }]);
    await waitFor('the first run', () => runs.length === 1);

    // As if the first worker's process had stopped renewing: its lease is over.
    raw((db) => db.prepare(`UPDATE jobs SET lease_until = 0 WHERE id = 'leased-1'`).run());
    workers.push(
      other.work({
        job: async (job) => {
          runs.push(`second, attempt ${job.attempt}`);
          return 'from second';
        },
      }),
    );
    await waitFor('the second run', async () => (await other.get('leased-1'))?.state === 'completed');
    releaseFirst();
    await sleep(50);

    expect(runs).toEqual(['first', 'second, attempt 1']);
    expect(await queue.get('leased-1')).toMatchObject({ state: 'completed', attemptsMade: 1, result: 'from second' });
  });

  it('fails a job for good once it stalled more than maxStalls times', async () => {
    const queue = open({ maxStalls: 1 });
    await queue.enqueue([{ id: 'poison-1', name: 'poison', data: null, attempts: 5 }]);
    const expire = (): void => void raw((db) => db.prepare(`UPDATE jobs SET state = 'active', lease_until = 0 WHERE id = 'poison-1'`).run());
    const recover = async (): Promise<void> => {
      // A worker for another name still gives stalled jobs back.
      const worker = queue.work({ unrelated: async () => undefined });
      await sleep(60);
      await worker.close();
    };

    expire();
    await recover();
    expect(await queue.get('poison-1')).toMatchObject({ state: 'waiting', attemptsMade: 0 });
    expire();
    await recover();

    expect(await queue.get('poison-1')).toMatchObject({ state: 'failed', attemptsMade: 1, failedReason: 'job stalled more than allowable limit' });
  });

  it('takes over the job of a killed process after the lease timeout', async () => {
    open(); // creates the file before the child opens it
    const child = spawnWorker([file, 'hang', '300']);
    await waitFor('the child', () => child.lines().includes('ready'), 20_000);
    const queue = open();
    await queue.enqueue([{ id: 'orphan-1', name: 'hang', data: null }]);
    await waitFor('the child to start the job', () => child.lines().includes('started orphan-1'));
    child.child.kill('SIGKILL');
    await child.exited;
    expect(await queue.get('orphan-1')).toMatchObject({ state: 'active' });

    const attempts: number[] = [];
    workers.push(queue.work({ hang: async (job) => void attempts.push(job.attempt) }));
    await waitFor('the take-over', async () => (await queue.get('orphan-1'))?.state === 'completed');

    expect(attempts).toEqual([1]);
    expect(await queue.get('orphan-1')).toMatchObject({ attemptsMade: 1 });
  }, 30_000);

  it('never runs a job twice with another process working the same file', async () => {
    const queue = open();
    const count = 400;
    const child = spawnWorker([file, 'share', String(count)]);
    await waitFor('the child', () => child.lines().includes('ready'), 20_000);

    const ran: string[] = [];
    workers.push(
      queue.work(
        {
          shared: async (job) => {
            ran.push(job.id);
            await sleep(job.id.length % 3);
          },
        },
        { concurrency: 2 },
      ),
    );
    for (let from = 0; from < count; from += 50) {
      await queue.enqueue(Array.from({ length: 50 }, (_, i) => ({ id: `shared-${from + i}`, name: 'shared', data: from + i })));
    }

    expect(await child.exited).toBe(0);
    expect(child.output.stderr).toBe('');
    const ranByChild = JSON.parse(child.lines().at(-1) ?? '[]') as string[];
    const all = [...ran, ...ranByChild];
    expect(all).toHaveLength(count);
    expect(new Set(all).size).toBe(count);
    // Both processes did take jobs.
    expect(ran.length).toBeGreaterThan(0);
    expect(ranByChild.length).toBeGreaterThan(0);
    const attempts = raw((db) => db.prepare(`SELECT DISTINCT attempts_made FROM jobs`).pluck().all());
    expect(attempts).toEqual([1]);
  }, 60_000);
});
