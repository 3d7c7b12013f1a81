/**
 * `npm start`: the embedded default — GraphQL on 127.0.0.1 with the event store in a
 * SQLite file under ./data. Configuration comes from the environment, validated once.
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@collegium/config';
import { startGateway } from './app';
import { signToken } from './auth';
import { devSecret } from './devSecret';
import { PROJECTIONS } from '@collegium/projections';
import { startProjector } from '@collegium/projector';
import { openEventStore, openReadStore } from '@collegium/wiring';

const logger = {
  info: (message: string, detail?: unknown) => console.log(message, detail ?? ''),
  error: (message: string, detail?: unknown) => console.error(message, detail ?? ''),
};

const main = async (): Promise<void> => {
  const config = loadConfig();
  const store = await openEventStore(config);
  const readStore = await openReadStore(config);
  // The embedded default runs the projector in-process; it catches up before serving.
  const projector = await startProjector({ store, readStore, projections: PROJECTIONS, onError: (name, error) => logger.error(`projection ${name}`, error) });
  const authSecret = config.COLLEGIUM_AUTH_SECRET ?? devSecret(config.COLLEGIUM_DATA_DIR);
  const gateway = await startGateway({
    store,
    readStore,
    authSecret,
    host: config.COLLEGIUM_HOST,
    port: config.COLLEGIUM_PORT,
    conflictRetries: config.COLLEGIUM_CONFLICT_RETRIES,
    simulatedClock: config.COLLEGIUM_SIMULATED_CLOCK,
    logger,
  });
  console.log(`Collegium GraphQL: ${gateway.url}  (event store: ${config.COLLEGIUM_EVENT_STORE}, data: ${config.COLLEGIUM_DATA_DIR})`);
  if (!config.COLLEGIUM_AUTH_SECRET) {
    const token = await signToken(authSecret, {
      actor: { id: 'dev-department-head', role: 'departmentHead' },
      tenant: { districtId: 'dev-district' },
      name: 'Development department head',
    });
    console.log(`Development token (department head of dev-district; mint others with \`npm run token\`):\n${token}`);
  }
  const stop = async (): Promise<void> => {
    await gateway.close();
    await projector.stop();
    await readStore.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
};

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
