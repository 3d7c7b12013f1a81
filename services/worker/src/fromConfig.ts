/** The worker's options from the validated configuration: shared by the worker service and the embedded gateway. */
import type { Config } from '@collegium/config';
import type { EventStore } from '@collegium/eventstore';
import type { ReadStore } from '@collegium/readstore';
import type { JobQueue } from '@collegium/queue';
import { PROJECTIONS } from '@collegium/projections';
import type { WorkerOptions } from './worker';

export const workerOptionsFrom = (
  config: Config,
  deps: { store: EventStore; readStore: ReadStore; queue: JobQueue; authSecret: string; onError?: (error: unknown) => void },
): WorkerOptions => ({
  ...deps,
  projections: PROJECTIONS,
  dataDir: config.COLLEGIUM_DATA_DIR,
  policy: { attempts: config.COLLEGIUM_WEBHOOK_ATTEMPTS, backoffMs: config.COLLEGIUM_WEBHOOK_BACKOFF_MS },
  concurrency: config.COLLEGIUM_WORKER_CONCURRENCY,
  checkIntervalMs: config.COLLEGIUM_CHECK_INTERVAL_MS,
  conflictRetries: config.COLLEGIUM_CONFLICT_RETRIES,
});
