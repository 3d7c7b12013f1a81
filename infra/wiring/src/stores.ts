/**
 * Chooses the adapters from configuration: the only module that knows them all, shared by
 * every service's main.ts (gateway, projector, worker, rebuild).
 */
import path from 'node:path';
import type { Config } from '@collegium/config';
import { createMemoryEventStore, createSqliteEventStore, type EventStore } from '@collegium/eventstore';
import { createMemoryReadStore, createSqliteReadStore, type ReadStore } from '@collegium/readstore';

export const openEventStore = async (config: Config): Promise<EventStore> => {
  switch (config.COLLEGIUM_EVENT_STORE) {
    case 'sqlite':
      return createSqliteEventStore({ file: path.join(config.COLLEGIUM_DATA_DIR, 'events.sqlite') });
    case 'memory':
      return createMemoryEventStore();
    case 'eventstoredb':
      throw new Error('The EventStoreDB adapter arrives with the production stack (issue P3); use sqlite or memory.');
  }
};

/** The read store follows the event store: an embedded file beside it, or memory with memory. */
export const openReadStore = async (config: Config): Promise<ReadStore> =>
  config.COLLEGIUM_EVENT_STORE === 'memory'
    ? createMemoryReadStore()
    : createSqliteReadStore({ file: path.join(config.COLLEGIUM_DATA_DIR, 'read.sqlite') });
