/**
 * The one place that reads the environment. Every service calls `loadConfig` once at
 * start; a bad value stops it with a message naming the variable.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const configSchema = z
  .object({
    /** Which event store adapter: the embedded SQLite file (default), memory, or EventStoreDB. */
    COLLEGIUM_EVENT_STORE: z.enum(['sqlite', 'memory', 'eventstoredb']).default('sqlite'),
    /** Folder of the embedded stores' files. */
    COLLEGIUM_DATA_DIR: z.string().min(1).default('./data'),
    /** Address the gateway listens on; loopback unless deliberately exposed. */
    COLLEGIUM_HOST: z.string().min(1).default('127.0.0.1'),
    COLLEGIUM_PORT: port.default(4000),
    /**
     * Secret that signs bearer tokens (HS256). In the embedded default a random secret is
     * generated once and kept in the data folder, so development tokens survive restarts.
     */
    COLLEGIUM_AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** How often a command is retried when another writer moved the stream first. */
    COLLEGIUM_CONFLICT_RETRIES: z.coerce.number().int().min(0).max(20).default(3),
    /**
     * Lets a `x-collegium-simulated-time` header set the command clock: for demos and
     * replays of a school year only. Never enable it in production.
     */
    COLLEGIUM_SIMULATED_CLOCK: bool.default(false),
    /** EventStoreDB connection string, e.g. `esdb://eventstore:2113?tls=false`. */
    EVENTSTORE_URL: z.string().url().optional(),
    /**
     * Which read store adapter. Unset, it follows the event store: memory with memory,
     * otherwise the embedded SQLite file.
     */
    COLLEGIUM_READ_STORE: z.enum(['sqlite', 'memory', 'mongodb']).optional(),
    /** MongoDB connection string; a replica set gives read-model changes and checkpoints one transaction. */
    MONGODB_URL: z.string().url().optional(),
    MONGODB_DATABASE: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be a MongoDB database name').default('collegium'),
    /** Where background jobs wait: a durable SQLite table in-process (default) or BullMQ on Redis. */
    COLLEGIUM_QUEUE: z.enum(['inprocess', 'bullmq']).default('inprocess'),
    REDIS_URL: z.string().url().optional(),
    /**
     * Whether this gateway process also runs the projector and the job worker. True in the
     * embedded default; false for the stateless gateway replicas of the production stack.
     */
    COLLEGIUM_RUN_PROJECTOR: bool.default(true),
    COLLEGIUM_RUN_WORKER: bool.default(true),
    /** Names this process in leases and logs; defaults to host name and pid. */
    COLLEGIUM_INSTANCE_ID: z.string().min(1).optional(),
    /** A projector lease expires this long after its holder's last renewal; another instance then takes over. */
    COLLEGIUM_LEASE_TTL_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
    /** Port of the `/healthz` probe of the projector and worker processes (0: none). */
    COLLEGIUM_HEALTH_PORT: port.default(0),
    /** Jobs a worker process runs at once. */
    COLLEGIUM_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    /** Attempts of one webhook delivery before it goes to the dead-letter list. */
    COLLEGIUM_WEBHOOK_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** First retry delay of a webhook delivery; each next one doubles. */
    COLLEGIUM_WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(10).max(3_600_000).default(5_000),
    /** How often the deadline and cadence checks run. */
    COLLEGIUM_CHECK_INTERVAL_MS: z.coerce.number().int().min(1_000).max(86_400_000).default(3_600_000),
    COLLEGIUM_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    const requires = (when: boolean, variable: 'EVENTSTORE_URL' | 'MONGODB_URL' | 'REDIS_URL', because: string): void => {
      if (when && !env[variable]) ctx.addIssue({ code: 'custom', path: [variable], message: `is required when ${because}` });
    };
    requires(env.COLLEGIUM_EVENT_STORE === 'eventstoredb', 'EVENTSTORE_URL', 'COLLEGIUM_EVENT_STORE=eventstoredb');
    requires(env.COLLEGIUM_READ_STORE === 'mongodb', 'MONGODB_URL', 'COLLEGIUM_READ_STORE=mongodb');
    requires(env.COLLEGIUM_QUEUE === 'bullmq', 'REDIS_URL', 'COLLEGIUM_QUEUE=bullmq');
    if (env.COLLEGIUM_READ_STORE === 'memory' && env.COLLEGIUM_EVENT_STORE !== 'memory') {
      // A memory read store forgets its checkpoint on restart while a durable log remains: it would be rebuilt each start.
      ctx.addIssue({ code: 'custom', path: ['COLLEGIUM_READ_STORE'], message: 'memory is only allowed with COLLEGIUM_EVENT_STORE=memory' });
    }
  });

export type Config = z.infer<typeof configSchema>;

/** Every variable the configuration reads, for checks of deployment files (test/compose.unit.spec.ts). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(configSchema.shape);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates `env` (default: process.env) or throws a ConfigError listing every bad variable. */
export const loadConfig = (env: Readonly<Record<string, string | undefined>> = process.env): Config => {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
};
