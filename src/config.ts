// The one place that reads the environment. Everything is validated with zod at start;
// an invalid value stops the start with a message naming the variable. Error messages
// never repeat a value, so a secret typed into the wrong variable is not printed.
import { isIP } from 'node:net';
import cron from 'node-cron';
import { z } from 'zod';
import { isTimeZone } from './domain/time.ts';
import { DEFAULT_WORKING_HOURS, parseWorkingHours, type WorkingHours } from './domain/working-hours.ts';
import { DEVELOPMENT_HASH_KEY, type PrivacySettings } from './domain/privacy/settings.ts';

export const LOOPBACK = '127.0.0.1';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const APP_TYPES = ['SingleTenant', 'MultiTenant', 'UserAssignedMSI'] as const;

/** Treat `VAR=` (empty, as left in a copied .env file) as unset. */
const optionalString = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
  z.string().trim().optional(),
);

function withDefault<T extends z.ZodType>(schema: T, fallback: string) {
  return z.preprocess(
    (value) => (value === undefined || (typeof value === 'string' && value.trim() === '') ? fallback : value),
    schema,
  );
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A whole number in a range; each way of being wrong gets its own message. */
function wholeNumber(min: number, max: number, fallback: string) {
  const range = `must be a whole number from ${min} to ${max}`;
  return withDefault(
    z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(min, range).max(max, range),
    fallback,
  );
}

/** A number above 0 and at most max. */
function positiveNumber(max: number, fallback: string) {
  return withDefault(z.coerce.number({ message: 'must be a number' }).positive('must be above 0').max(max, `must be at most ${max}`), fallback);
}

/** An IP address or a host name to listen on (no scheme, no port). */
function isListenHost(value: string): boolean {
  return isIP(value) !== 0 || /^[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*$/.test(value);
}

const prefixed = (prefix: string) =>
  optionalString.refine((value) => value === undefined || value.startsWith(prefix), {
    message: `must start with "${prefix}"`,
  });

const envSchema = z
  .object({
    NODE_ENV: withDefault(z.enum(['development', 'production', 'test']), 'development'),
    PORT: wholeNumber(0, 65535, '3978'),
    HOST: optionalString.refine((value) => value === undefined || isListenHost(value), { message: 'must be an IP address or a host name, such as 127.0.0.1 or 0.0.0.0' }),
    DATABASE_URL: optionalString.refine((value) => value === undefined || isPostgresUrl(value), {
      message: 'must be a postgres:// or postgresql:// URL with a host name',
    }),
    DATA_DIR: withDefault(z.string().trim().min(1), './data'),
    LOG_LEVEL: withDefault(z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }), 'info'),
    DEFAULT_LOCALE: withDefault(z.enum(['nb', 'en'], { message: 'must be nb or en' }), 'nb'),
    TIMEZONE: withDefault(
      z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Oslo' }),
      'Europe/Oslo',
    ),
    SHUTDOWN_TIMEOUT_MS: wholeNumber(0, 600_000, '10000'),
    HTTP_FRONT: withDefault(z.enum(['on', 'off'], { message: 'must be on or off' }), 'on'),
    WORK_NICE: wholeNumber(0, 19, '0'),
    INBOX_SYNC_COMMIT: withDefault(z.enum(['on', 'off'], { message: 'must be on or off' }), 'off'),
    ADMIN_EMAILS: withDefault(
      z
        .string()
        .transform((value) => value.split(',').map((email) => email.trim().toLowerCase()).filter(Boolean))
        .refine((emails) => emails.every((email) => z.email().safeParse(email).success), { message: 'must be a comma-separated list of e-mail addresses' }),
      '',
    ),
    MATCH_OVERSAMPLE: wholeNumber(1, 10, '3'),
    WAVE_REPLY_HOURS: wholeNumber(1, 24 * 60, '72'),
    REMINDER_HOURS: wholeNumber(0, 24 * 60, '48'),
    WORKING_HOURS: withDefault(
      z.string().transform((value) => parseWorkingHours(value)).refine((hours) => hours !== undefined, { message: 'must be days and hours such as "Mon-Fri 08:00-20:00", or "always"' }),
      DEFAULT_WORKING_HOURS,
    ),
    PRIVACY_URL: optionalString.refine((value) => value === undefined || isHttpUrl(value), { message: 'must be an http(s) URL (the published processing record)' }),
    PRIVACY_HASH_KEY: optionalString.refine((value) => value === undefined || value.length >= 32, { message: 'must be at least 32 characters (a random secret)' }),
    CONSENT_RENEW_MONTHS: wholeNumber(1, 120, '24'),
    RETENTION_FREE_TEXT_DAYS: wholeNumber(1, 3650, '365'),
    RETENTION_UNCONSENTED_DAYS: wholeNumber(1, 3650, '365'),
    RETENTION_OUTBOX_DAYS: wholeNumber(1, 3650, '180'),
    RETENTION_EVENTS_DAYS: wholeNumber(1, 365, '7'),
    RETENTION_AUDIT_DETAIL_DAYS: wholeNumber(30, 3650, '730'),
    DIGEST_CRON: withDefault(z.string().trim().refine((value) => cron.validate(value), { message: 'must be a cron expression such as 0 8 * * 1 (Monday 08:00)' }), '0 8 * * 1'),
    OUTBOX_POLL_MS: wholeNumber(10, 60_000, '500'),
    OUTBOX_LEASE_MS: wholeNumber(1_000, 3_600_000, '60000'),
    OUTBOX_RETRY_BASE_MS: wholeNumber(10, 600_000, '1000'),
    OUTBOX_MAX_ATTEMPTS: wholeNumber(1, 50, '8'),
    OUTBOX_PROBE_MS: wholeNumber(100, 3_600_000, '30000'),
    SLACK_CHANNEL_RATE: positiveNumber(1_000, '1'),
    SLACK_WORKSPACE_RATE: positiveNumber(10_000, '20'),
    TEAMS_TENANT_RATE: positiveNumber(10_000, '20'),
    SLACK_BOT_TOKEN: prefixed('xoxb-'),
    SLACK_SIGNING_SECRET: optionalString,
    SLACK_APP_TOKEN: prefixed('xapp-'),
    SLACK_API_URL: withDefault(
      z.string().refine(isHttpUrl, { message: 'must be an http(s) URL' }),
      'https://slack.com/api/',
    ),
    MICROSOFT_APP_ID: optionalString,
    MICROSOFT_APP_PASSWORD: optionalString,
    MICROSOFT_APP_TENANT_ID: optionalString,
    TEAMS_ALLOWED_TENANTS: withDefault(
      z.string().transform((value) => value.split(',').map((tenant) => tenant.trim()).filter(Boolean)),
      '',
    ),
    MICROSOFT_APP_TYPE: withDefault(
      z.enum(APP_TYPES, { message: `must be one of ${APP_TYPES.join(', ')}` }),
      'SingleTenant',
    ),
  })
  .superRefine((env, ctx) => {
    const slackParts = [env.SLACK_SIGNING_SECRET, env.SLACK_APP_TOKEN];
    if (!env.SLACK_BOT_TOKEN && slackParts.some(Boolean)) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set' });
    }
    if (env.SLACK_BOT_TOKEN && !slackParts.some(Boolean)) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'or SLACK_APP_TOKEN is required when SLACK_BOT_TOKEN is set' });
    }
    if (!env.MICROSOFT_APP_ID) return;
    if (env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' && !env.MICROSOFT_APP_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_PASSWORD'], message: `is required when MICROSOFT_APP_TYPE is ${env.MICROSOFT_APP_TYPE}` });
    }
    if (env.MICROSOFT_APP_TYPE !== 'MultiTenant' && !env.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_TENANT_ID'], message: `is required when MICROSOFT_APP_TYPE is ${env.MICROSOFT_APP_TYPE}` });
    }
    // A multi-tenant bot can be reached from any tenant: the operator must say which ones it serves.
    if (env.MICROSOFT_APP_TYPE === 'MultiTenant' && env.TEAMS_ALLOWED_TENANTS.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['TEAMS_ALLOWED_TENANTS'], message: 'is required when MICROSOFT_APP_TYPE is MultiTenant (the tenant ids the bot serves)' });
    }
  });

type Env = z.infer<typeof envSchema>;

export type DatabaseConfig = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export interface SlackConfig {
  botToken: string;
  signingSecret?: string;
  appToken?: string;
  apiUrl: string;
}

export interface TeamsConfig {
  /** Tenants served; empty serves every tenant. */
  allowedTenants: string[];
  appId?: string;
  appPassword?: string;
  tenantId?: string;
  appType: (typeof APP_TYPES)[number];
}

export interface Config {
  nodeEnv: Env['NODE_ENV'];
  port: number;
  /**
   * Where the HTTP server listens: HOST when set; else loopback (127.0.0.1) while Teams runs
   * unauthenticated for local development; else undefined, every interface.
   */
  host: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  defaultLocale: Env['DEFAULT_LOCALE'];
  timeZone: string;
  shutdownTimeoutMs: number;
  /** Slack over HTTP: a worker thread owns the port and answers Slack's requests once recorded (src/front); false keeps one thread. */
  httpFront: boolean;
  /** The main thread's nice value behind the HTTP front (0 = unchanged). */
  workNice: number;
  /** The HTTP front's records wait for PostgreSQL's WAL flush (server only). */
  inboxSyncCommit: boolean;
  database: DatabaseConfig;
  adminEmails: string[];
  /** probeBaseMs: the first wait before a paused platform is probed (it doubles per failed probe). */
  outbox: { pollMs: number; leaseMs: number; maxAttempts: number; retryBaseMs: number; probeBaseMs: number };
  /** Messages per second: per Slack channel/DM, and per workspace. */
  slackRates: { channel: number; workspace: number };
  /** Teams messages per second per tenant, across all instances. */
  teamsTenantRate: number;
  matchOversample: number;
  waveReplyHours: number;
  /** Hours after an invitation was sent that one reminder goes out; 0 = no reminders. */
  reminderHours: number;
  /** When invitations may reach alumni (their own time zone); null = any time. */
  workingHours: WorkingHours | null;
  /** When the weekly digest is due, in TIMEZONE (cron expression). */
  digestCron: string;
  /** The processing record's URL, consent renewal, retention ages and the key of erasure's keyed hashes. */
  privacy: PrivacySettings;
  /** PRIVACY_HASH_KEY is set (else a development key is used, and the start log warns in production). */
  privacyKeySet: boolean;
  /** null when no Slack variables are set: Slack is off. */
  slack: SlackConfig | null;
  teams: TeamsConfig;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function toConfig(env: Env): Config {
  const slackApiUrl = env.SLACK_API_URL.endsWith('/') ? env.SLACK_API_URL : `${env.SLACK_API_URL}/`;
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST ?? (!env.MICROSOFT_APP_ID && env.NODE_ENV !== 'production' ? LOOPBACK : undefined),
    logLevel: env.LOG_LEVEL,
    defaultLocale: env.DEFAULT_LOCALE,
    timeZone: env.TIMEZONE,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    httpFront: env.HTTP_FRONT === 'on',
    inboxSyncCommit: env.INBOX_SYNC_COMMIT === 'on',
    workNice: env.WORK_NICE,
    adminEmails: env.ADMIN_EMAILS,
    outbox: { pollMs: env.OUTBOX_POLL_MS, leaseMs: env.OUTBOX_LEASE_MS, maxAttempts: env.OUTBOX_MAX_ATTEMPTS, retryBaseMs: env.OUTBOX_RETRY_BASE_MS, probeBaseMs: env.OUTBOX_PROBE_MS },
    slackRates: { channel: env.SLACK_CHANNEL_RATE, workspace: env.SLACK_WORKSPACE_RATE },
    teamsTenantRate: env.TEAMS_TENANT_RATE,
    matchOversample: env.MATCH_OVERSAMPLE,
    waveReplyHours: env.WAVE_REPLY_HOURS,
    reminderHours: env.REMINDER_HOURS,
    workingHours: env.WORKING_HOURS ?? null,
    digestCron: env.DIGEST_CRON,
    privacy: {
      privacyUrl: env.PRIVACY_URL ?? null,
      consentRenewMonths: env.CONSENT_RENEW_MONTHS,
      retention: {
        freeTextDays: env.RETENTION_FREE_TEXT_DAYS,
        unconsentedDays: env.RETENTION_UNCONSENTED_DAYS,
        outboxDays: env.RETENTION_OUTBOX_DAYS,
        processedEventDays: env.RETENTION_EVENTS_DAYS,
        auditDetailDays: env.RETENTION_AUDIT_DETAIL_DAYS,
      },
      hashKey: env.PRIVACY_HASH_KEY ?? DEVELOPMENT_HASH_KEY,
    },
    privacyKeySet: env.PRIVACY_HASH_KEY !== undefined,
    database: env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.DATA_DIR },
    slack: env.SLACK_BOT_TOKEN
      ? { botToken: env.SLACK_BOT_TOKEN, signingSecret: env.SLACK_SIGNING_SECRET, appToken: env.SLACK_APP_TOKEN, apiUrl: slackApiUrl }
      : null,
    teams: {
      allowedTenants: env.TEAMS_ALLOWED_TENANTS,
      appId: env.MICROSOFT_APP_ID,
      appPassword: env.MICROSOFT_APP_PASSWORD,
      tenantId: env.MICROSOFT_APP_TENANT_ID,
      appType: env.MICROSOFT_APP_TYPE,
    },
  };
}

/**
 * The tenants whose e-mail addresses Teams may vouch for: a Teams e-mail counts (to link a person,
 * to make an admin from ADMIN_EMAILS) only for these. Your own tenant (MICROSOFT_APP_TENANT_ID)
 * when set, else the tenants in TEAMS_ALLOWED_TENANTS. 'any' only in local development without
 * an app id, where nothing is authenticated anyway and the port is on loopback.
 */
export function teamsEmailTenants(teams: TeamsConfig): readonly string[] | 'any' {
  if (teams.tenantId) return [teams.tenantId];
  if (teams.allowedTenants.length > 0) return teams.allowedTenants;
  return teams.appId ? [] : 'any';
}

/** Validates the environment; throws ConfigError listing every problem, by variable name. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
    throw new ConfigError(problems);
  }
  return toConfig(parsed.data);
}

/** What the start log may say about the configuration: which parts are on, never a value. */
export function describeConfig(config: Config): Record<string, unknown> {
  return {
    nodeEnv: config.nodeEnv,
    port: config.port,
    host: config.host ?? 'all interfaces',
    database: config.database.kind,
    defaultLocale: config.defaultLocale,
    timeZone: config.timeZone,
    slack: config.slack ? (config.slack.appToken ? 'socket-mode' : 'http') : 'off',
    teams: config.teams.appId ? `authenticated (${config.teams.appType})` : 'no app id',
  };
}
