import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives the embedded defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      COLLEGIUM_EVENT_STORE: 'sqlite',
      COLLEGIUM_DATA_DIR: './data',
      COLLEGIUM_HOST: '127.0.0.1',
      COLLEGIUM_PORT: 4000,
      COLLEGIUM_SIMULATED_CLOCK: false,
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ COLLEGIUM_PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ COLLEGIUM_PORT: 'eighty' })).toThrow(/COLLEGIUM_PORT/);
    expect(() => loadConfig({ COLLEGIUM_AUTH_SECRET: 'short' })).toThrow(/COLLEGIUM_AUTH_SECRET: must be at least 32/);
  });

  it('requires EVENTSTORE_URL when the EventStoreDB adapter is chosen', () => {
    expect(() => loadConfig({ COLLEGIUM_EVENT_STORE: 'eventstoredb' })).toThrow(/EVENTSTORE_URL/);
    expect(loadConfig({ COLLEGIUM_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'esdb://localhost:2113?tls=false' }).EVENTSTORE_URL).toBe(
      'esdb://localhost:2113?tls=false',
    );
  });
});

describe('loadConfig for the production stack', () => {
  it('reads booleans and numbers of the scale-out variables', () => {
    const config = loadConfig({ COLLEGIUM_RUN_PROJECTOR: 'false', COLLEGIUM_RUN_WORKER: 'true', COLLEGIUM_LEASE_TTL_MS: '3000' });
    expect(config.COLLEGIUM_RUN_PROJECTOR).toBe(false);
    expect(config.COLLEGIUM_RUN_WORKER).toBe(true);
    expect(config.COLLEGIUM_LEASE_TTL_MS).toBe(3000);
    expect(loadConfig({}).COLLEGIUM_RUN_PROJECTOR).toBe(true);
  });

  it('requires the URL of every server adapter chosen', () => {
    expect(() => loadConfig({ COLLEGIUM_READ_STORE: 'mongodb' })).toThrow(/MONGODB_URL: is required when COLLEGIUM_READ_STORE=mongodb/);
    expect(() => loadConfig({ COLLEGIUM_QUEUE: 'bullmq' })).toThrow(/REDIS_URL: is required when COLLEGIUM_QUEUE=bullmq/);
    expect(loadConfig({ COLLEGIUM_QUEUE: 'bullmq', REDIS_URL: 'redis://redis:6379' }).REDIS_URL).toBe('redis://redis:6379');
  });

  it('lists every bad variable at once', () => {
    const attempt = (): unknown => loadConfig({ COLLEGIUM_RUN_WORKER: 'yes', COLLEGIUM_WEBHOOK_ATTEMPTS: '0', MONGODB_DATABASE: 'a/b' });
    expect(attempt).toThrow(/COLLEGIUM_RUN_WORKER/);
    expect(attempt).toThrow(/COLLEGIUM_WEBHOOK_ATTEMPTS/);
    expect(attempt).toThrow(/MONGODB_DATABASE: must be a MongoDB database name/);
  });

  it('refuses a memory read store beside a durable log', () => {
    expect(() => loadConfig({ COLLEGIUM_READ_STORE: 'memory' })).toThrow(/COLLEGIUM_READ_STORE/);
    expect(loadConfig({ COLLEGIUM_READ_STORE: 'memory', COLLEGIUM_EVENT_STORE: 'memory' }).COLLEGIUM_READ_STORE).toBe('memory');
  });
});
