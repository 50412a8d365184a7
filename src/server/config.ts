import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }).transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number({ message: 'must be a number' }).int('must be a whole number').min(min).max(max);

const envSchema = z.object({
  PORT: int(0, 65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  EMBEDDED_PG_PORT: int(0, 65535).default(0),
  DEMO_MODE: bool.optional(),
  SECRET_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters (32 bytes); generate one with: openssl rand -hex 32')
    .optional(),
  SESSION_IDLE_MINUTES: int(1, 24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: int(1, 7 * 24).default(12),
  LOGIN_MAX_FAILURES: int(1, 100).default(5),
  LOGIN_LOCKOUT_MINUTES: int(1, 24 * 60).default(15),
  LOGIN_RATE_LIMIT_PER_MINUTE: int(1, 10_000).default(30),
  /** Anonymous survey answers per address per minute: room for a team answering together behind one router. */
  SURVEY_RATE_LIMIT_PER_MINUTE: int(1, 10_000).default(60),
  DB_POOL_SIZE: int(1, 200).default(10),
  TRUST_PROXY: bool.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WEB_DIST_DIR: z.string().min(1).default('./dist/web'),
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Knooppunt <noreply@knooppunt.invalid>'),
  DIRECTORY_STALE_MONTHS: int(1, 60).default(6),
  DIRECTORY_REMINDER_DAYS: int(1, 365).default(14),
  DIRECTORY_SEARCH_CACHE: int(0, 1_000_000).default(5000),
  SERVER_TIMING: bool.default(false),
  INVOLVEMENT_RETENTION_YEARS: int(1, 30).default(5),
  MATCH_FOLLOW_UP_WORKING_DAYS: int(1, 100).default(10),
  IDENTITY_CHECKS_PER_HOUR: int(1, 10000).default(30),
  REGIE_ESCALATION_WORKING_DAYS: int(1, 60).default(5),
  BREAK_GLASS_MINUTES: int(5, 24 * 60).default(120),
  REFERRAL_NORM_WORKING_DAYS: int(1, 60).default(5),
  VERWIJSINDEX: z.enum(['none'], { message: "must be 'none' (no national Verwijsindex connection is configured)" }).default('none'),
});

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when absent the app starts its embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined;
  /**
   * The schema owner for migrations on an external PostgreSQL; the app then runs as DATABASE_URL's least-privileged
   * role and is granted what it needs at start. Without it DATABASE_URL does both (ADR 014).
   */
  migrationDatabaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  /** Demo mode: demo data and demo accounts that may skip 2FA. Default on for the embedded database on a loopback HOST. */
  demoMode: boolean;
  /** Demo mode on an address other machines can reach (only with DEMO_MODE=true): the console and the web say so. */
  demoOnNetwork: boolean;
  /** 32-byte key for encrypting secrets at rest; in demo mode generated under dataDir when absent. */
  secretKey: Buffer | undefined;
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockoutMinutes: number; rateLimitPerMinute: number };
  surveys: { rateLimitPerMinute: number };
  dbPoolSize: number;
  trustProxy: boolean;
  logLevel: string;
  webDistDir: string;
  /** Base URL of the web app as users reach it, for links in e-mail; defaults to http://HOST:PORT. */
  publicUrl: string;
  /** SMTP server for outgoing mail; without it mail stays in the outbox for admins to read. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Directory records not confirmed for this many months are stale; maintainers are reminded every reminderDays. */
  directory: { staleMonths: number; reminderDays: number; searchCacheEntries: number };
  /** Adds a Server-Timing header with the server-side duration of each request (benchmarks). */
  serverTiming: boolean;
  /**
   * Involvement registrations: ended ones stay archived for matching history this many years; a match not followed
   * up within this many working days appears on the coordinator's list; the national Verwijsindex adapter in use.
   */
  involvement: { retentionYears: number; matchFollowUpWorkingDays: number; identityChecksPerHour: number; verwijsindex: 'none' };
  /** Cases: escalate a case without an accepted director after this many Dutch working days; emergency access lasts this long. */
  cases: { regieEscalationWorkingDays: number; breakGlassMinutes: number };
  referrals: { defaultNormWorkingDays: number };
}

/** True for a host name or address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads and validates the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    // Name the variable and the rule, never the value: it may be a secret.
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`));
  }
  const e = parsed.data;
  // Demo mode publishes its passwords and lets demo accounts skip 2FA: by default only on the embedded database and
  // a loopback address; a server others can reach gets it only when someone asked for it by name.
  const loopback = isLoopbackHost(e.HOST);
  const demoMode = e.DEMO_MODE ?? (!e.DATABASE_URL && loopback);
  if (!demoMode && !e.SECRET_KEY) {
    throw new ConfigError([
      `SECRET_KEY: required outside demo mode (64 hexadecimal characters; openssl rand -hex 32)${
        loopback ? '' : `; on a HOST other than localhost/127.0.0.1/::1 demo mode starts only with DEMO_MODE=true`
      }`,
    ]);
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.DATABASE_URL ? e.MIGRATION_DATABASE_URL : undefined,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    demoMode,
    demoOnNetwork: demoMode && !loopback,
    secretKey: e.SECRET_KEY ? Buffer.from(e.SECRET_KEY, 'hex') : undefined,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    login: { maxFailures: e.LOGIN_MAX_FAILURES, lockoutMinutes: e.LOGIN_LOCKOUT_MINUTES, rateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE },
    surveys: { rateLimitPerMinute: e.SURVEY_RATE_LIMIT_PER_MINUTE },
    dbPoolSize: e.DB_POOL_SIZE,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    webDistDir: e.WEB_DIST_DIR,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    directory: { staleMonths: e.DIRECTORY_STALE_MONTHS, reminderDays: e.DIRECTORY_REMINDER_DAYS, searchCacheEntries: e.DIRECTORY_SEARCH_CACHE },
    serverTiming: e.SERVER_TIMING,
    involvement: {
      retentionYears: e.INVOLVEMENT_RETENTION_YEARS,
      matchFollowUpWorkingDays: e.MATCH_FOLLOW_UP_WORKING_DAYS,
      identityChecksPerHour: e.IDENTITY_CHECKS_PER_HOUR,
      verwijsindex: e.VERWIJSINDEX,
    },
    cases: { regieEscalationWorkingDays: e.REGIE_ESCALATION_WORKING_DAYS, breakGlassMinutes: e.BREAK_GLASS_MINUTES },
    referrals: { defaultNormWorkingDays: e.REFERRAL_NORM_WORKING_DAYS },
  });
}
