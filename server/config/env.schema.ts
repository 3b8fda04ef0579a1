import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const postgresUrl = z
  .string()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL');

/**
 * Every setting the server reads. Validated once at start-up so that a typo stops the process with one
 * line naming the setting, instead of failing later on the first request that needs it.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  PUBLIC_URL: z.url({ message: 'must be an absolute URL such as https://consulta.example.org' }).optional(),
  DATABASE_URL: postgresUrl.optional(),
  /** Set by the server itself when it started the embedded database. */
  DATABASE_EMBEDDED: booleanFlag.default(false),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\//.test(v), 'must be a redis:// or rediss:// URL')
    .optional(),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SEED_DEMO: booleanFlag.optional(),
  ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().default('Consulta <no-reply@localhost>'),
  /** How often the round scheduler looks for rounds to open or close (0 turns it off on this node). */
  ROUND_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  /** Sign-in throttling: failed attempts allowed per account and per client address within the window. */
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1000).default(5),
  LOGIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).max(100000).default(30),
  LOGIN_THROTTLE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86400).default(900),
  /** Collaboration (/collab) limits; see server/modules/collaboration/collab-config.ts. */
  COLLAB_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * 1024 * 1024)
    .default(1024 * 1024),
  COLLAB_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  COLLAB_UNLOAD_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
  COLLAB_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).default(300),
  COLLAB_PRESENCE_RENEWAL_WINDOW_MS: z.coerce.number().int().min(0).max(10_000).default(250),
  COLLAB_PRESENCE_CHANGE_INTERVAL_MS: z.coerce.number().int().min(0).max(1000).default(50),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigurationError extends Error {}

/** Parses the environment, or throws one readable line naming the first bad setting. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" for every setting, as shells and compose files produce them.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigurationError(`Configuration error: ${issue.path.join('.')} ${issue.message}`);
  }
  if (result.data.ADMIN_EMAIL && !result.data.ADMIN_PASSWORD) {
    throw new ConfigurationError('Configuration error: ADMIN_PASSWORD must be set when ADMIN_EMAIL is set');
  }
  return result.data;
}
