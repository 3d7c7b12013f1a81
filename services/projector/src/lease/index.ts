export * from './port';
export { createSqliteLease, type SqliteLeaseOptions } from './sqlite';
export { createRedisLease, openLeaseRedis, type RedisLeaseOptions } from './redis';
export { openLease, instanceIdOf } from './fromConfig';
export { leaseContract, type LeaseFixture } from './contract';
