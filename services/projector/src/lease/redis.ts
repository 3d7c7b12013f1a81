/**
 * Redis lease: one key per lease holding the owner's id, with Redis's own expiry (PX).
 * Acquiring is `SET key owner NX PX ttl`, atomic on the server. Renewing and releasing first
 * check that the key still names us, inside a Lua script so that no other command runs in
 * between: a plain PEXPIRE or DEL could extend or delete a lease another instance took
 * after ours expired.
 */
import { Redis } from 'ioredis';
import { checkLeaseOptions, type LeaseHandle, type LeaseOptions } from './port';

export interface RedisLeaseOptions extends LeaseOptions {
  /** A connection URL (the lease opens and closes its own client) or a client the caller owns. */
  readonly redis: string | Redis;
  /** Namespace of the keys; the lease's key is `<prefix><name>`. */
  readonly keyPrefix?: string;
}

/** KEYS[1] lease key, ARGV[1] owner, ARGV[2] ttl ms. 1 when extended. */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`;

/** KEYS[1] lease key, ARGV[1] owner. 1 when deleted. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * A client for leases: a command fails after one reconnection attempt instead of queueing
 * for long, because an answer that comes after the lease's expiry is worth nothing.
 */
export const openLeaseRedis = (url: string): Redis => {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectionName: 'collegium-lease' });
  // Connection errors reach the caller as failed commands (the leased projector reports them);
  // without a listener ioredis would also print each reconnection attempt.
  redis.on('error', () => undefined);
  return redis;
};

export const createRedisLease = (options: RedisLeaseOptions): LeaseHandle => {
  checkLeaseOptions(options);
  const { name, owner, ttlMs } = options;
  const ownsClient = typeof options.redis === 'string';
  const redis = typeof options.redis === 'string' ? openLeaseRedis(options.redis) : options.redis;
  const key = `${options.keyPrefix ?? 'collegium:lease:'}${name}`;

  const renew = async (): Promise<boolean> => (await redis.eval(RENEW, 1, key, owner, ttlMs)) === 1;

  return {
    name,
    owner,
    ttlMs,
    acquire: async () => {
      if ((await redis.set(key, owner, 'PX', ttlMs, 'NX')) === 'OK') return true;
      // The key exists: ours (acquire again after a restart with the same id) extends it; another's refuses.
      return renew();
    },
    renew,
    release: async () => {
      await redis.eval(RELEASE, 1, key, owner);
    },
    holder: async () => redis.get(key),
    close: async () => {
      if (ownsClient) await redis.quit().catch(() => redis.disconnect());
    },
  };
};
