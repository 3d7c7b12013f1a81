/**
 * Chooses the adapters from configuration: the only module that knows them all, shared by
 * every service's main.ts (gateway, projector, worker, rebuild).
 */
import path from 'node:path';
import type { Config } from '@collegium/config';
import { createEventStoreDbEventStore, createMemoryEventStore, createSqliteEventStore, type EventStore } from '@collegium/eventstore';
import { createMemoryReadStore, createMongoReadStore, createSqliteReadStore, type ReadStore } from '@collegium/readstore';
import { createBullMqJobQueue, createSqliteJobQueue, type JobQueue } from '@collegium/queue';

/** `cacheMb`: the embedded store's page cache, smaller for a process that only reads the log once (a rebuild). */
export const openEventStore = async (config: Config, options: { cacheMb?: number } = {}): Promise<EventStore> => {
  switch (config.COLLEGIUM_EVENT_STORE) {
    case 'sqlite':
      return createSqliteEventStore({ file: path.join(config.COLLEGIUM_DATA_DIR, 'events.sqlite'), ...options });
    case 'memory':
      return createMemoryEventStore();
    case 'eventstoredb':
      return createEventStoreDbEventStore({ connectionString: config.EVENTSTORE_URL as string });
  }
};

/** Unset, the read store follows the event store: memory with memory, else the embedded file. */
export const readStoreKind = (config: Config): NonNullable<Config['COLLEGIUM_READ_STORE']> =>
  config.COLLEGIUM_READ_STORE ?? (config.COLLEGIUM_EVENT_STORE === 'memory' ? 'memory' : 'sqlite');

/** `writerThread`: the embedded store commits on a thread of its own, for a rebuild (see the SQLite adapter). */
export const openReadStore = async (config: Config, options: { writerThread?: boolean; cacheMb?: number } = {}): Promise<ReadStore> => {
  switch (readStoreKind(config)) {
    case 'memory':
      return createMemoryReadStore();
    case 'sqlite':
      return createSqliteReadStore({ file: path.join(config.COLLEGIUM_DATA_DIR, 'read.sqlite'), ...options });
    case 'mongodb':
      return createMongoReadStore({ url: config.MONGODB_URL as string, database: config.MONGODB_DATABASE });
  }
};

/** The durable in-process queue in the data folder, or BullMQ on Redis. */
export const openJobQueue = (config: Config, onError?: (error: unknown) => void): JobQueue =>
  config.COLLEGIUM_QUEUE === 'bullmq'
    ? createBullMqJobQueue({ connection: config.REDIS_URL as string, ...(onError ? { onError } : {}) })
    : createSqliteJobQueue({ file: path.join(config.COLLEGIUM_DATA_DIR, 'jobs.sqlite'), ...(onError ? { onError } : {}) });
