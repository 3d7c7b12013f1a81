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
