export * from './port';
export { createMemoryReadStore } from './memory';
export { createSqliteReadStore, type SqliteReadStoreOptions } from './sqlite';
export { readStoreContract, type ReadStoreFixture } from './contract';
export { createMongoReadStore, type MongoReadStoreOptions } from './mongodb';
