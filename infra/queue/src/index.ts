export * from './port';
export { createSqliteJobQueue, type SqliteJobQueueOptions } from './sqlite';
export { createBullMqJobQueue, KEEP_FINISHED_COUNT, type BullMqJobQueueOptions } from './bullmq';
export { jobQueueContract, type JobQueueFixture } from './contract';
