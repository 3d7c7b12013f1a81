import { startRedis, type TestRedis } from '@collegium/queue/src/testing/redis';
import { leaseContract } from './contract';
import { createRedisLease } from './redis';

// A server named by COLLEGIUM_TEST_REDIS_URL is used as is; otherwise a redis-server is started
// on a free loopback port (CI installs it: a missing binary fails the suite, it never skips it).
const external = process.env.COLLEGIUM_TEST_REDIS_URL;
let server: TestRedis | null = null;
const url = (): string => external ?? server?.url ?? '';

leaseContract('redis', {
  setup: async () => {
    if (!external) server = await startRedis();
  },
  // A client per lease, as two processes would have.
  open: (options) => createRedisLease({ ...options, redis: url(), keyPrefix: `test:${process.pid}:` }),
  teardown: async () => server?.stop(),
});
