export * from './port';
export { createMemoryEventStore } from './memory';
export { createSqliteEventStore, type SqliteEventStoreOptions } from './sqlite';
export { eventStoreContract, type EventStoreFixture } from './contract';
export { createEventStoreDbEventStore, type EventStoreDbEventStoreOptions } from './eventstoredb/eventstoredb';
