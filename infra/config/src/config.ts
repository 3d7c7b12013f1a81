/**
 * The one place that reads the environment. Every service calls `loadConfig` once at
 * start; a bad value stops it with a message naming the variable.
 */
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);

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
    COLLEGIUM_SIMULATED_CLOCK: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
    EVENTSTORE_URL: z.string().url().optional(),
    MONGODB_URL: z.string().url().optional(),
    REDIS_URL: z.string().url().optional(),
    COLLEGIUM_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.COLLEGIUM_EVENT_STORE === 'eventstoredb' && !env.EVENTSTORE_URL) {
      ctx.addIssue({ code: 'custom', path: ['EVENTSTORE_URL'], message: 'is required when COLLEGIUM_EVENT_STORE=eventstoredb' });
    }
  });

export type Config = z.infer<typeof configSchema>;

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
