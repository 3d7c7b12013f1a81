/**
 * Keeps docker-compose.yml in step with the config schema, since no Docker engine runs where
 * the tests do: every variable our services are given is one the config module reads, the
 * environment each service ends up with passes loadConfig, and the stack's wiring (health
 * checks, start order on healthy servers, published ports) holds.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig, type Config } from '@collegium/config';

const ROOT = path.resolve(__dirname, '..');
/** What `docker compose up` would be run with: the secret the compose file demands from the shell. */
const SHELL: Record<string, string> = { COLLEGIUM_AUTH_SECRET: 'a-test-secret-of-at-least-32-characters' };
/** Names that look like configuration: a misspelt or unknown one would be silently ignored by loadConfig. */
const LOOKS_LIKE_CONFIG = /^(COLLEGIUM_|EVENTSTORE_|MONGO|REDIS_)/;
const URL_VARIABLES = ['EVENTSTORE_URL', 'MONGODB_URL', 'REDIS_URL'] as const;

interface Service {
  readonly image?: string;
  readonly build?: unknown;
  readonly command?: string | string[];
  readonly profiles?: string[];
  readonly env_file?: string | Array<string | { path: string }>;
  readonly environment?: Record<string, string | number | boolean | null> | string[];
  readonly depends_on?: string[] | Record<string, { condition?: string }>;
  readonly healthcheck?: { test?: string | string[]; disable?: boolean };
  readonly ports?: Array<string | { published?: string | number; host_ip?: string }>;
}

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
/** Our services are built from this repository; the others are the servers they use. */
const ours = services.filter(([, s]) => s.build !== undefined);
const commandOf = (service: Service): string[] => (typeof service.command === 'string' ? service.command.split(/\s+/) : (service.command ?? []));
const entryPointOf = (service: Service): string | undefined => commandOf(service).find((part) => part.endsWith('.ts'));
const gateways = ours.filter(([, s]) => entryPointOf(s) === 'services/gateway/src/main.ts');
/** The gateways sign tokens and seal webhook secrets with COLLEGIUM_AUTH_SECRET; the worker opens those secrets. */
const secretHolders = ours.filter(([, s]) => ['services/gateway/src/main.ts', 'services/worker/src/main.ts'].includes(entryPointOf(s) ?? ''));

/** `${VAR}`, `${VAR:-default}` and `${VAR:?error}` as compose expands them from the shell. */
const interpolate = (value: string): string =>
  value.replace(/\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}/g, (_, name: string, op: string | undefined, arg: string | undefined) => {
    const set = SHELL[name];
    if (set !== undefined && set !== '') return set;
    if (op === ':?') throw new Error(`compose needs ${name} from the shell: ${arg ?? ''}`);
    return op === ':-' ? (arg ?? '') : '';
  });

/** KEY=value lines of an env file; `#` starts a comment line. */
const readEnvFile = (file: string): Record<string, string> => {
  const entries = readFileSync(path.join(ROOT, file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf('=');
      if (at < 1) throw new Error(`${file}: not a KEY=value line: ${line}`);
      return [line.slice(0, at), line.slice(at + 1)] as const;
    });
  return Object.fromEntries(entries);
};

const envFilesOf = (service: Service): string[] => {
  const files = service.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file];
  return files.map((file) => (typeof file === 'string' ? file : file.path));
};

const environmentOf = (service: Service): Record<string, string> => {
  const env = service.environment ?? {};
  const pairs = Array.isArray(env)
    ? env.map((item) => [item.slice(0, item.indexOf('=')), item.slice(item.indexOf('=') + 1)] as const)
    : Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)] as const);
  return Object.fromEntries(pairs.map(([key, value]) => [key, interpolate(value)]));
};

/** What the container sees: env files in order, then `environment`, which wins (compose's precedence). */
const mergedEnvOf = (service: Service): Record<string, string> =>
  Object.assign({}, ...envFilesOf(service).map(readEnvFile), environmentOf(service)) as Record<string, string>;

const configOf = (service: Service): Config => loadConfig(mergedEnvOf(service));

const dependencyConditions = (service: Service): Record<string, string> => {
  const deps = service.depends_on ?? {};
  // The short list form means "started", not "healthy".
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep.condition ?? 'service_started']));
};

const publishedPorts = (service: Service): string[] =>
  (service.ports ?? []).map((port) => (typeof port === 'string' ? port : `${port.host_ip ?? ''}:${port.published ?? ''}`));

describe('docker-compose.yml', () => {
  it('runs our services and their servers', () => {
    expect(ours.length).toBeGreaterThanOrEqual(4);
    expect(gateways.map(([name]) => name)).toHaveLength(2);
    const entryPoints = ours.map(([, s]) => entryPointOf(s));
    expect(entryPoints).toEqual(expect.arrayContaining(['services/projector/src/main.ts', 'services/worker/src/main.ts']));
    expect(services.filter(([, s]) => s.profiles?.includes('esdb-cluster')).map(([, s]) => s.image?.split(':')[0])).toEqual([
      'eventstore/eventstore',
      'eventstore/eventstore',
      'eventstore/eventstore',
    ]);
  });

  it.each(services)('gives %s an image or a build, and a health check', (_, service) => {
    expect(service.image ?? service.build).toBeDefined();
    expect(service.healthcheck?.disable).not.toBe(true);
    expect(service.healthcheck?.test?.length ?? 0).toBeGreaterThan(0);
  });

  it.each(ours)('starts %s from an existing entry point through @swc-node/register, probing /healthz', (_, service) => {
    const entry = entryPointOf(service);
    expect(commandOf(service).slice(0, 3)).toEqual(['node', '-r', '@swc-node/register']);
    expect(entry).toBeDefined();
    expect(entry && existsSync(path.join(ROOT, entry))).toBe(true);
    expect(JSON.stringify(service.healthcheck?.test)).toContain('/healthz');
  });

  it.each(ours)('gives %s only variables the config schema knows, in env files that exist', (_, service) => {
    for (const file of envFilesOf(service)) expect(existsSync(path.join(ROOT, file))).toBe(true);
    const given = Object.keys(mergedEnvOf(service)).filter((name) => LOOKS_LIKE_CONFIG.test(name));
    expect(given.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
    // The env files hold configuration only, literally: compose would not validate or expand them.
    for (const file of envFilesOf(service)) {
      expect(Object.keys(readEnvFile(file)).filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
      expect(Object.values(readEnvFile(file)).filter((value) => value.includes('$'))).toEqual([]);
    }
  });

  it.each(ours)('gives %s an environment that passes loadConfig, on the servers of the stack', (_, service) => {
    const config = configOf(service);
    expect(config).toMatchObject({ COLLEGIUM_EVENT_STORE: 'eventstoredb', COLLEGIUM_READ_STORE: 'mongodb', COLLEGIUM_QUEUE: 'bullmq' });
  });

  it.each(ours)('starts %s only once the servers it is configured with are healthy', (_, service) => {
    const config = configOf(service);
    const conditions = dependencyConditions(service);
    for (const variable of URL_VARIABLES) {
      const url = config[variable];
      if (url === undefined) continue;
      const server = new URL(url).hostname;
      expect({ variable, server, exists: compose.services[server] !== undefined }).toEqual({ variable, server, exists: true });
      // A server under a profile would not start with a plain `docker compose up`.
      expect({ server, profiles: compose.services[server]?.profiles ?? [] }).toEqual({ server, profiles: [] });
      expect({ server, condition: conditions[server] }).toEqual({ server, condition: 'service_healthy' });
    }
    expect(Object.values(conditions).filter((condition) => condition !== 'service_healthy')).toEqual([]);
  });

  it('runs the gateways as stateless replicas, probed on the port they serve', () => {
    for (const [, service] of gateways) {
      const config = configOf(service);
      expect(config).toMatchObject({ COLLEGIUM_RUN_PROJECTOR: false, COLLEGIUM_RUN_WORKER: false, COLLEGIUM_HOST: '0.0.0.0', COLLEGIUM_HEALTH_PORT: 0 });
      // Each published port forwards to the port the gateway listens on.
      for (const port of publishedPorts(service)) expect(port.split(':').at(-1)).toBe(String(config.COLLEGIUM_PORT));
    }
  });

  it('gives the gateways and the worker one secret, from the shell', () => {
    expect(secretHolders.length).toBe(gateways.length + 1);
    expect([...new Set(secretHolders.map(([, s]) => configOf(s).COLLEGIUM_AUTH_SECRET))]).toEqual([SHELL.COLLEGIUM_AUTH_SECRET]);
  });

  it('gives every other service of ours a /healthz port of its own', () => {
    for (const [name, service] of ours.filter((entry) => !gateways.includes(entry))) {
      expect({ name, port: configOf(service).COLLEGIUM_HEALTH_PORT > 0 }).toEqual({ name, port: true });
    }
  });

  it('publishes ports of the gateways only, on the host loopback', () => {
    const publishing = services.filter(([, s]) => publishedPorts(s).length > 0).map(([name]) => name);
    expect(publishing.sort()).toEqual(gateways.map(([name]) => name).sort());
    for (const [, service] of gateways) for (const port of publishedPorts(service)) expect(port).toMatch(/^127\.0\.0\.1:/);
  });

  it('names the MongoDB replica set the servers run', () => {
    const replicaSets = new Set(ours.map(([, s]) => new URL(configOf(s).MONGODB_URL ?? 'mongodb://x').searchParams.get('replicaSet')));
    const mongo = compose.services[new URL(configOf(ours[0]?.[1] ?? {}).MONGODB_URL ?? 'mongodb://x').hostname];
    const command = commandOf(mongo ?? {});
    expect([...replicaSets]).toEqual([command[command.indexOf('--replSet') + 1]]);
  });
});

describe('Dockerfile', () => {
  it('builds every service on Node 20 and runs TypeScript through @swc-node/register', () => {
    const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM \S+/gm)?.every((line) => line === 'FROM node:20-bookworm-slim')).toBe(true);
    expect(dockerfile).toMatch(/RUN npm ci\b/);
    expect(dockerfile).toContain('"@swc-node/register"');
  });
});
