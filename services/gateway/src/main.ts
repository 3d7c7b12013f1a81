/**
 * `npm start`: the embedded default — GraphQL on 127.0.0.1 with the event store in a
 * SQLite file under ./data. Configuration comes from the environment, validated once.
 */
import 'reflect-metadata';
import { loadConfig } from '@collegium/config';
import { startGateway } from './app';
import { signToken } from './auth';
import { devSecret } from './devSecret';
import { PROJECTIONS } from '@collegium/projections';
import { startProjector } from '@collegium/projector';
import { openEventStore, openJobQueue, openReadStore, runService } from '@collegium/wiring';
import { startWorker, workerOptionsFrom } from '@collegium/worker';

const logger = {
  info: (message: string, detail?: unknown) => console.log(message, detail ?? ''),
  error: (message: string, detail?: unknown) => console.error(message, detail ?? ''),
};

const main = async (): Promise<(signal: string) => Promise<void>> => {
  const config = loadConfig();
  const store = await openEventStore(config);
  const readStore = await openReadStore(config);
  // The embedded default runs the projector and the worker in-process (the projector catches
  // up before serving); the production stack's gateways run neither and stay stateless.
  const projector = config.COLLEGIUM_RUN_PROJECTOR
    ? await startProjector({ store, readStore, projections: PROJECTIONS, onError: (name, error) => logger.error(`projection ${name}`, error) })
    : null;
  const authSecret = config.COLLEGIUM_AUTH_SECRET ?? devSecret(config.COLLEGIUM_DATA_DIR);
  // Gateways read job state (deliveries, operations) from the queue even when they run no worker.
  const queue = openJobQueue(config, (error) => logger.error('job queue', error));
  const worker = config.COLLEGIUM_RUN_WORKER
    ? await startWorker(workerOptionsFrom(config, { store, readStore, queue, authSecret, onError: (error) => logger.error('job dispatch', error) }))
    : null;
  const gateway = await startGateway({
    store,
    readStore,
    queue,
    authSecret,
    host: config.COLLEGIUM_HOST,
    port: config.COLLEGIUM_PORT,
    conflictRetries: config.COLLEGIUM_CONFLICT_RETRIES,
    simulatedClock: config.COLLEGIUM_SIMULATED_CLOCK,
    logger,
  });
  const inProcess = [projector ? 'projector' : null, worker ? 'worker' : null].filter(Boolean).join(' + ') || 'nothing';
  console.log(`Collegium GraphQL: ${gateway.url}  (event store: ${config.COLLEGIUM_EVENT_STORE}, queue: ${config.COLLEGIUM_QUEUE}, in-process: ${inProcess}, data: ${config.COLLEGIUM_DATA_DIR})`);
  if (!config.COLLEGIUM_AUTH_SECRET) {
    const token = await signToken(authSecret, {
      actor: { id: 'dev-department-head', role: 'departmentHead' },
      tenant: { districtId: 'dev-district' },
      name: 'Development department head',
    });
    console.log(`Development token (department head of dev-district; mint others with \`npm run token\`):\n${token}`);
  }
  return async () => {
    await gateway.close();
    await worker?.stop();
    await queue.close();
    await projector?.stop();
    await readStore.close();
    await store.close();
  };
};

runService(main);
