import { dirname, join } from 'node:path';
import { z } from 'zod';

/** An address or CIDR (v4 or v6) as proxy-addr reads it, or one of its names for address ranges. */
const PROXY_ADDRESS = /^([\da-f:.]+(\/\d{1,3})?|loopback|linklocal|uniquelocal)$/;

/** Configuration from the environment, validated at start-up, with embedded defaults. */
const Env = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('./data/kp.sqlite'),
  /** The database file's key: 64 hex digits (a raw key) or a passphrase. */
  DATABASE_KEY: z.string().min(1).optional(),
  /** A file holding the key; with neither set, `<DATABASE_PATH>.key` (generated on a fresh machine). */
  DATABASE_KEY_FILE: z.string().min(1).optional(),
  /** The master key wrapping every person's data key (64 hex digits); docs/erasure.md. */
  MASTER_KEY: z.string().min(1).optional(),
  /** A file holding it; with neither set, `<DATABASE_PATH>.master.key` (generated on a fresh machine). */
  MASTER_KEY_FILE: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECRET: z.string().min(32).optional(),
  /** A reviewers' page session ends after this many minutes without a request ... */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** ... and this many hours after sign-in, whatever happens. */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /**
   * Behind a reverse proxy: `true` (trust it whatever its address), a hop count, or its addresses
   * / CIDRs (comma-separated). Then X-Forwarded-Proto https makes cookies Secure and sends HSTS.
   * Unset or `false`: forwarded headers are ignored.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .default('false')
    .refine((v) => /^(true|false|\d+|)$/.test(v) || v.split(',').every((a) => PROXY_ADDRESS.test(a.trim())), 'true, false, a hop count, or proxy addresses / CIDRs separated by commas')
    .transform((v): boolean | number | string => (v === '' || v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v)),
  /** `full`: an answer is sent only once its commit is on disk (synchronous=FULL). `normal`: faster, the last commits can be lost on power loss. */
  DURABILITY: z.enum(['full', 'normal']).default('full'),
  /** Most commands sharing one transaction (group commit). */
  GROUP_COMMIT_MAX_BATCH: z.coerce.number().int().min(1).max(10_000).default(128),
  /** Longest a command waits for others to share its commit, in ms (0: only those already waiting). */
  GROUP_COMMIT_MAX_WAIT_MS: z.coerce.number().int().min(0).max(1000).default(0),
  /** Bound on a clean shutdown (finish requests, commit, checkpoint); past it the server exits 1. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** The audit log's Ed25519 signing key (PKCS#8 PEM, created 0600 on first start); default beside the database. */
  AUDIT_KEY_PATH: z.string().min(1).optional(),
  /** The log's name in its checkpoints (C2SP origin line), e.g. cases.example.org/audit. */
  AUDIT_LOG_ORIGIN: z.string().regex(/^[^\s+\u2014]+$/, 'no spaces, plus signs or dashes').default('kp-case-engine.local/audit'),
  /** Sign a checkpoint after this many records ... */
  AUDIT_CHECKPOINT_EVERY: z.coerce.number().int().min(1).default(1000),
  /** ... or this many seconds after the first record not yet covered. */
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).default(60),
  /** How long a break-glass opening of a case outside one's scope lasts, in hours (docs/access.md). */
  BREAK_GLASS_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  /** Days a new token lives (an expired token is refused with 401 saying so). */
  TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /** Failed authentications from one client address, or for one token prefix, before 429 ... */
  AUTH_FAILURE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(10),
  /** ... within this many seconds (the sliding window; Retry-After says when it frees). */
  AUTH_FAILURE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});

/** The access settings as the engine takes them. */
export const accessOptions = (config: Pick<Config, 'TOKEN_TTL_DAYS' | 'AUTH_FAILURE_LIMIT' | 'AUTH_FAILURE_WINDOW_SECONDS' | 'BREAK_GLASS_HOURS'>) => ({
  breakGlassHours: config.BREAK_GLASS_HOURS,
  tokenTtlDays: config.TOKEN_TTL_DAYS,
  authFailureLimit: config.AUTH_FAILURE_LIMIT,
  authFailureWindowSeconds: config.AUTH_FAILURE_WINDOW_SECONDS,
});

/** Where the audit signing key lives: configured, or beside the database (none for `:memory:`). */
export function auditKeyPath(config: Pick<Config, 'AUDIT_KEY_PATH' | 'DATABASE_PATH'>): string | null {
  if (config.AUDIT_KEY_PATH) return config.AUDIT_KEY_PATH;
  return config.DATABASE_PATH === ':memory:' ? null : join(dirname(config.DATABASE_PATH), 'audit-signing.key');
}
export type Config = z.infer<typeof Env>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
