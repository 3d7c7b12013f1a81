/**
 * Starts a real gateway on a free loopback port over a real store, and talks to it over
 * HTTP as a client would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteEventStore, type EventStore } from '@collegium/eventstore';
import { createSqliteReadStore, type ReadStore } from '@collegium/readstore';
import { PROJECTIONS } from '@collegium/projections';
import { startProjector } from '@collegium/projector';
import type { OrgRole } from '@collegium/domain';
import { createBullMqJobQueue, createSqliteJobQueue, type JobQueue } from '@collegium/queue';
import { startWorker, type RunningWorker } from '@collegium/worker';
import { startGateway, type RunningGateway } from '../app';
import { signToken } from '../auth';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface GraphQLResponse<T = Record<string, any>> {
  readonly status: number;
  readonly data?: T | null;
  readonly errors?: { message: string; extensions?: Record<string, any>; path?: readonly (string | number)[] }[];
}

export interface Harness {
  readonly gateway: RunningGateway;
  readonly store: EventStore;
  readonly readStore: ReadStore;
  /** The job queue and worker, when started with `worker`. */
  readonly queue: JobQueue | null;
  readonly worker: RunningWorker | null;
  /** Sends a GraphQL request with the given token (or none). */
  request<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string | null, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  token(id: string, role: OrgRole, districtId?: string, institutionId?: string): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessWorkerOptions {
  /** BullMQ on this Redis instead of the embedded SQLite queue. */
  readonly redisUrl?: string;
  readonly attempts?: number;
  readonly backoffMs?: number;
  readonly checkIntervalMs?: number;
  readonly now?: () => Date;
}

export const startHarness = async (options: { simulatedClock?: boolean; worker?: HarnessWorkerOptions } = {}): Promise<Harness> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'collegium-gateway-'));
  const store = createSqliteEventStore({ file: path.join(dir, 'events.sqlite') });
  const readStore = createSqliteReadStore({ file: path.join(dir, 'read.sqlite') });
  const projector = await startProjector({ store, readStore, projections: PROJECTIONS, idleMs: 20 });
  const errors: unknown[] = [];
  const queue = !options.worker
    ? null
    : options.worker.redisUrl
      ? // A short lease (the default is 30 s): after a Redis restart a job fetched in a lost reply
        // waits for its lock to run out (see infra/queue/src/bullmq.ts), and tests wait 20 s.
        createBullMqJobQueue({ connection: options.worker.redisUrl, prefix: `test-${path.basename(dir)}`, leaseMs: 5_000, stalledIntervalMs: 500 })
      : createSqliteJobQueue({ file: path.join(dir, 'jobs.sqlite'), pollIntervalMs: 50 });
  const worker =
    queue && options.worker
      ? await startWorker({
          store,
          readStore,
          queue,
          projections: PROJECTIONS,
          authSecret: TEST_SECRET,
          dataDir: dir,
          policy: { attempts: options.worker.attempts ?? 3, backoffMs: options.worker.backoffMs ?? 50 },
          concurrency: 4,
          checkIntervalMs: options.worker.checkIntervalMs ?? 3_600_000,
          conflictRetries: 3,
          ...(options.worker.now ? { now: options.worker.now } : {}),
          onError: (error) => errors.push(error),
        })
      : null;
  const gateway = await startGateway({
    store,
    readStore,
    ...(queue ? { queue } : {}),
    readWaitMs: 1_000,
    authSecret: TEST_SECRET,
    host: '127.0.0.1',
    port: 0,
    conflictRetries: 3,
    simulatedClock: options.simulatedClock ?? true,
    logger: { info: () => undefined, error: (_m, detail) => errors.push(detail) },
  });
  return {
    gateway,
    store,
    readStore,
    queue,
    worker,
    async request(query, variables, token, headers) {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
      return { status: response.status, ...body } as GraphQLResponse<any>;
    },
    token: (id, role, districtId = 'district-1', institutionId) =>
      signToken(TEST_SECRET, { actor: { id, role }, tenant: { districtId, institutionId } }),
    async close() {
      await gateway.close();
      await worker?.stop();
      await queue?.close();
      await projector.stop();
      await readStore.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
