import { leaseContract } from './contract';
import { createRedisLease } from './redis';
import { redisServerAvailable, startRedisServer, type TestRedisServer } from './testing/redisServer';

// A server named by COLLEGIUM_TEST_REDIS_URL is used as is; otherwise the local binary is started.
const external = process.env.COLLEGIUM_TEST_REDIS_URL;
let server: TestRedisServer | null = null;
const url = (): string => external ?? server?.url ?? '';

if (!external && !redisServerAvailable()) {
  it.skip('redis lease contract: no redis-server binary and no COLLEGIUM_TEST_REDIS_URL', () => undefined);
} else {
  leaseContract('redis', {
    setup: async () => {
      if (!external) server = await startRedisServer();
    },
    // A client per lease, as two processes would have.
    open: (options) => createRedisLease({ ...options, redis: url(), keyPrefix: `test:${process.pid}:` }),
    teardown: async () => server?.stop(),
  });
}
