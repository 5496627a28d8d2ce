import { z } from 'zod';
import { parseAllowList } from './modules/watches/targets.ts';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default('data/stance.db'),
  /** PostgreSQL instead of the SQLite file: set, it wins over DATABASE_PATH. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/./, 'must be a PostgreSQL URL such as postgres://stance@db.example.org:5432/stance').optional(),
  /** A PostgreSQL replica for reads (with DATABASE_URL): requests that write read from the primary. */
  DATABASE_READ_URL: z.string().regex(/^postgres(ql)?:\/\/./, 'must be a PostgreSQL URL such as postgres://stance@replica.example.org:5432/stance').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** The address the service is reached at from outside, for the links in its answers; unset, each request's own Host. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http or https URL such as https://stance.example.org' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  RATE_LIMIT_WRITES: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_ANALYSES: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_SEARCHES: z.coerce.number().int().min(1).default(120),
  RATE_LIMIT_KEY_FAILURES: z.coerce.number().int().min(1).default(10),
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(1).default(1000),
  /** Unset: half the descriptor limit (`ulimit -n`), at most 2048. */
  MAX_CONNECTIONS: z.coerce.number().int().min(1).optional(),
  MAX_CONNECTIONS_PER_ADDRESS: z.coerce.number().int().min(1).default(256),
  HEADERS_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(30_000),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
  /** Webhook targets beyond loopback: host names (`*.example.org` for subdomains), addresses and networks, comma-separated. */
  WEBHOOK_ALLOW: z
    .string()
    .optional()
    .transform((value, context) => {
      try {
        return parseAllowList(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  /** The wait before a failed delivery's second attempt; each later wait doubles. */
  WEBHOOK_BACKOFF_MS: z.coerce.number().int().min(1).default(10_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Reader threads computing public reads beside the serving thread (0: the serving thread computes them). */
  READERS: z.coerce.number().int().min(0).max(64).default(0),
})
  .refine((config) => config.HEADERS_TIMEOUT_MS <= config.REQUEST_TIMEOUT_MS, {
    path: ['HEADERS_TIMEOUT_MS'],
    message: 'must not be longer than REQUEST_TIMEOUT_MS',
  })
  .refine((config) => !config.DATABASE_READ_URL || config.DATABASE_URL, {
    path: ['DATABASE_READ_URL'],
    message: 'needs DATABASE_URL (a replica of which database?)',
  });

export type Config = z.infer<typeof configSchema>;

/**
 * Connections to allow by default: half the soft limit on open files (from /proc/self/limits'
 * text), leaving the rest for the database, logs and accepting; at most 2048.
 */
export function defaultMaxConnections(procLimits: string | undefined): number {
  const soft = Number(procLimits?.match(/^Max open files\s+(\d+)/m)?.[1]);
  if (!Number.isFinite(soft) || soft <= 0) return 512;
  return Math.max(16, Math.min(2048, Math.floor(soft / 2)));
}

/** Validates the environment once; a bad value stops the start with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
