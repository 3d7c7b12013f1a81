/**
 * The worker: the job subscription (dispatcher) plus handlers for every job, on whichever
 * queue the configuration chose. The embedded default runs it inside the gateway process;
 * the production stack runs it as its own scalable service (main.ts).
 */
import path from 'node:path';
import type { EventStore } from '@collegium/eventstore';
import type { ReadStore } from '@collegium/readstore';
import type { JobQueue, JobWorker } from '@collegium/queue';
import type { Projection } from '@collegium/projections';
import { startDispatcher, type RunningDispatcher } from './dispatch/dispatcher';
import { checkCompliance } from './checks/check';
import { exportJob } from './operations/export';
import { rebuildJob } from './operations/rebuild';
import { deliverWebhook } from './webhooks/deliver';
import { JOBS, type RetryPolicy } from './jobs';

export interface WorkerOptions {
  readonly store: EventStore;
  readonly readStore: ReadStore;
  readonly queue: JobQueue;
  readonly projections: readonly Projection[];
  readonly authSecret: string;
  readonly dataDir: string;
  readonly policy: RetryPolicy;
  readonly concurrency: number;
  readonly checkIntervalMs: number;
  readonly conflictRetries: number;
  readonly now?: () => Date;
  /** False on workers that only run jobs; the dispatcher is safe to run on several, though. */
  readonly dispatch?: boolean;
  readonly onError?: (error: unknown) => void;
}

export interface RunningWorker {
  readonly dispatcher: RunningDispatcher | null;
  stop(): Promise<void>;
}

export const startWorker = async (options: WorkerOptions): Promise<RunningWorker> => {
  const now = options.now ?? (() => new Date());
  const { store, readStore } = options;
  const dispatcher = options.dispatch === false ? null : await startDispatcher({ store, readStore, queue: options.queue, policy: options.policy, onError: options.onError });
  const worker: JobWorker = options.queue.work(
    {
      [JOBS.deliverWebhook]: deliverWebhook({ store, readStore, authSecret: options.authSecret, now }),
      [JOBS.checkCompliance]: checkCompliance({ store, readStore, now, conflictRetries: options.conflictRetries }),
      [JOBS.rebuild]: rebuildJob({ store, readStore, projections: options.projections }),
      [JOBS.export]: exportJob({ store, exportDir: path.join(options.dataDir, 'exports') }),
    },
    { concurrency: options.concurrency },
  );
  await options.queue.repeat(JOBS.checkCompliance, options.checkIntervalMs);
  return {
    dispatcher,
    async stop() {
      await dispatcher?.stop();
      await worker.close();
    },
  };
};
