/**
 * The projector lease the configuration asks for: on Redis when REDIS_URL is set (instances on
 * several machines), else in a SQLite file of the data folder (instances sharing one disk).
 */
import os from 'node:os';
import path from 'node:path';
import type { Config } from '@collegium/config';
import type { LeaseHandle } from './port';
import { createRedisLease } from './redis';
import { createSqliteLease } from './sqlite';

/** COLLEGIUM_INSTANCE_ID, or host name and pid: unique per process, readable in `holder()` and logs. */
export const instanceIdOf = (config: Config): string => config.COLLEGIUM_INSTANCE_ID ?? `${os.hostname()}:${process.pid}`;

export const openLease = (config: Config, name: string): LeaseHandle => {
  const options = { name, owner: instanceIdOf(config), ttlMs: config.COLLEGIUM_LEASE_TTL_MS };
  return config.REDIS_URL
    ? createRedisLease({ ...options, redis: config.REDIS_URL })
    : createSqliteLease({ ...options, file: path.join(config.COLLEGIUM_DATA_DIR, 'leases.sqlite') });
};
