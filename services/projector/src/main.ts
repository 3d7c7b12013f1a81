/**
 * The standalone projector of the production stack (`node -r @swc-node/register
 * services/projector/src/main.ts`). Run several: the holder of the `projector` lease projects,
 * the others stand by and take over within about one lease TTL when it dies. A `/healthz`
 * probe on COLLEGIUM_HEALTH_PORT answers for holder and standby alike; SIGTERM stops
 * projecting and releases the lease so a standby takes over at once.
 */
import type { AddressInfo } from 'node:net';
import { loadConfig } from '@collegium/config';
import { PROJECTIONS } from '@collegium/projections';
import type { ReadStore } from '@collegium/readstore';
import { closeServer, openEventStore, openReadStore, runService, startHealthServer, type HealthReport } from '@collegium/wiring';
import { instanceIdOf, openLease } from './lease/fromConfig';
import { startLeasedProjector, type LeasedProjector } from './leased';

const log = (message: string, detail?: unknown): void => console.log(`[projector] ${message}`, detail ?? '');
const logError = (message: string, detail?: unknown): void => console.error(`[projector] ${message}`, detail ?? '');

/** Where every read model is: the lowest checkpoint over the projections, read from the store (holder or not). */
const storedPosition = async (readStore: ReadStore): Promise<number> => {
  const statuses = await Promise.all(PROJECTIONS.map((p) => readStore.status(p.name)));
  return Math.min(...statuses.map((s) => s?.checkpoint ?? 0));
};

/** Holder and standby alike are healthy: a standby is ready to take over. */
const healthOf = async (projector: LeasedProjector, readStore: ReadStore, stopping: boolean): Promise<HealthReport> => {
  if (stopping) return { status: 'stopping', leaseHeld: projector.held(), position: projector.position() };
  try {
    return { status: 'ok', leaseHeld: projector.held(), position: await storedPosition(readStore) };
  } catch {
    // The read store cannot be read: this instance could not project if it held the lease.
    return { status: 'error', leaseHeld: projector.held(), position: null };
  }
};

const main = async (): Promise<(signal: string) => Promise<void>> => {
  const config = loadConfig();
  const store = await openEventStore(config);
  const readStore = await openReadStore(config);
  const lease = openLease(config, 'projector');
  const projector = await startLeasedProjector({
    store,
    readStore,
    projections: PROJECTIONS,
    lease,
    onLeaseChange: (held, reason) => log(held ? `lease held by ${lease.owner}: projecting` : `lease no longer held (${reason}): standing by`),
    onError: (name, error) => logError(`projection ${name}`, error),
  });
  let stopping = false;
  const health =
    config.COLLEGIUM_HEALTH_PORT === 0
      ? null
      : await startHealthServer(config.COLLEGIUM_HOST, config.COLLEGIUM_HEALTH_PORT, () => healthOf(projector, readStore, stopping));
  const port = health ? `, /healthz on ${config.COLLEGIUM_HOST}:${(health.address() as AddressInfo).port}` : '';
  log(`instance ${instanceIdOf(config)} started (lease ${config.REDIS_URL ? 'on Redis' : 'in SQLite'}, TTL ${lease.ttlMs} ms${port})`);

  return async (signal) => {
    stopping = true;
    log(`${signal}: stopping`);
    // Probes see "stopping" until the end; the lease is released before the stores close.
    await projector.stop();
    await closeServer(health);
    await lease.close();
    await readStore.close();
    await store.close();
  };
};

runService(main);
