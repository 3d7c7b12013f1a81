/**
 * The worker service of the production stack (`node -r @swc-node/register
 * services/worker/src/main.ts`): runs the job subscription and the job handlers on the
 * configured queue (BullMQ on Redis in production). Run as many as the load needs: jobs
 * spread over them, and the subscription's checkpoint lets one of them win each batch.
 */
import { ConfigError, loadConfig } from '@collegium/config';
import { closeServer, openEventStore, openJobQueue, openReadStore, runService, startHealthServer } from '@collegium/wiring';
import { startWorker } from './worker';
import { workerOptionsFrom } from './fromConfig';

const log = (message: string, detail?: unknown): void => console.log(`[worker] ${message}`, detail ?? '');
const logError = (message: string, detail?: unknown): void => console.error(`[worker] ${message}`, detail ?? '');

const main = async (): Promise<(signal: string) => Promise<void>> => {
  const config = loadConfig();
  if (!config.COLLEGIUM_AUTH_SECRET) throw new ConfigError('Invalid configuration:\n  COLLEGIUM_AUTH_SECRET: is required by the worker (it opens webhook secrets sealed by the gateways)');
  const store = await openEventStore(config);
  const readStore = await openReadStore(config);
  const queue = openJobQueue(config, (error) => logError('queue', error));
  const worker = await startWorker(workerOptionsFrom(config, { store, readStore, queue, authSecret: config.COLLEGIUM_AUTH_SECRET, onError: (error) => logError('dispatch', error) }));
  let stopping = false;
  const health =
    config.COLLEGIUM_HEALTH_PORT === 0
      ? null
      : await startHealthServer(config.COLLEGIUM_HOST, config.COLLEGIUM_HEALTH_PORT, async () => ({
          status: stopping ? 'stopping' : 'ok',
          dispatched: worker.dispatcher?.position() ?? null,
          head: await store.headPosition(),
        }));
  log(`started (queue ${config.COLLEGIUM_QUEUE}, concurrency ${config.COLLEGIUM_WORKER_CONCURRENCY})`);
  return async (signal) => {
    stopping = true;
    log(`${signal}: stopping`);
    await worker.stop();
    await queue.close();
    await closeServer(health);
    await readStore.close();
    await store.close();
  };
};

runService(main);
