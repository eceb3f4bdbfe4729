// Composition root: config -> database -> platforms -> jobs -> http. The only place that
// wires implementations to ports. main.ts runs it as a process; tests run it in-process.
import { randomUUID } from 'node:crypto';
import { getPriority, setPriority } from 'node:os';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { PrismaDispatchStore } from './db/dispatch-store.ts';
import { PrismaConversationRefStore } from './db/conversation-refs.ts';
import { PrismaEventLedger } from './db/event-ledger.ts';
import { PrismaRunCoordinator } from './db/run-coordinator.ts';
import { PrismaStore } from './db/store.ts';
import type { Platform } from './domain/vocabulary.ts';
import { startHttpServer, type Mount } from './http/server.ts';
import { DEFAULT_DISPATCHER_OPTIONS, OutboxDispatcher, type DispatcherOptions } from './jobs/outbox-dispatcher.ts';
import { JOBS, startJobs } from './jobs/schedules.ts';
import { PRIVACY_JOBS } from './jobs/retention.ts';
import { digestJobs } from './jobs/digest.ts';
import type { StopStep } from './lifecycle.ts';
import type { Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { createOps } from './http/ops.ts';
import { outboxFigures, pendingMigrations } from './db/ops-queries.ts';
import { PrismaInboxStore } from './db/inbox-store.ts';
import { DEFAULT_INBOX_OPTIONS, Inbox, type InboxOptions } from './inbox/inbox.ts';
import { safeError } from './logger.ts';
import { PROJECT_ROOT } from './paths.ts';
// The platform adapters are imported on the branch that uses them: a configuration without Teams
// never loads botbuilder, one without Slack never loads Bolt.
import type { SlackAppOptions, SlackPlatform } from './platforms/slack/app.ts';
import { TEAMS_MESSAGES_PATH, teamsOffReason } from './platforms/teams/availability.ts';
import { concurrencyLimit } from './http/admission.ts';
import type { AppContext, Messenger } from './ports.ts';
import { syncAdminEmails } from './app/sync-admin-emails.ts';
import { ActorCachingStore } from './app/support/actor-cache.ts';
import { logListeningScope, warnAboutConfig } from './start-warnings.ts';
import { startHttpFront, upstreamSocketPath, type HttpFront } from './front/front.ts';
import type { FrontSettings } from './front/messages.ts';
import { SLACK_COMMAND, SLACK_EVENTS_PATH } from './platforms/slack/names.ts';
import { outcomeOfStatus } from './http/metrics.ts';

export interface RunningService {
  port: number;
  database: Database;
  ctx: AppContext;
  dispatcher: OutboxDispatcher | null;
  /** The durable inbox of Slack requests (HTTP mode), or null. */
  inbox: Inbox | null;
  /** The HTTP front (src/front) when it owns the port, or null. */
  front: HttpFront | null;
  /** The resilience metrics (platform pauses, outbox outcomes, inbox, database failures) and their registry. */
  metrics: Metrics;
  /** The stop steps in order: HTTP (finish in-flight work), jobs and delivery, platforms, database. */
  stopSteps: StopStep[];
}

/** Knobs tests turn; production uses the defaults. */
export interface ServiceOverrides {
  slack?: SlackAppOptions;
  dispatcher?: Partial<DispatcherOptions>;
  /** The durable inbox of Slack requests (HTTP mode). */
  inbox?: Partial<InboxOptions>;
  /** The process' metrics (GET /metrics); a fresh registry when not given. */
  metrics?: Metrics;
  /** The HTTP front (src/front): on by default with Slack over HTTP when requests are answered before their work; false keeps one thread. */
  front?: boolean | Partial<Pick<FrontSettings, 'maxHeld'>>;
}

/** How long the start waits for a PostgreSQL server that does not answer yet, before it gives up (exit 1). */
const DATABASE_START_WAIT_MS = 20_000;

/** Teams requests one instance works on at once; more are refused with 503 (each turn holds its request up to 5 s). */
const TEAMS_MAX_ACTIVE = 64;

const VERSION = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export function coreContext(config: Config, database: Database): AppContext {
  return {
    // Actors (person, roles, language, consent) are cached a few seconds; every write through this store keeps the cache in step.
    store: new ActorCachingStore(new PrismaStore(database.prisma)),
    clock: { now: () => new Date() },
    settings: {
      timeZone: config.timeZone,
      defaultLocale: config.defaultLocale,
      oversample: config.matchOversample,
      waveReplyHours: config.waveReplyHours,
      reminderHours: config.reminderHours,
      workingHours: config.workingHours,
      adminEmails: config.adminEmails,
      privacy: config.privacy,
    },
  };
}

export async function startService(config: Config, logger: Logger, overrides: ServiceOverrides = {}): Promise<RunningService> {
  logger.info({ config: describeConfig(config), version: VERSION }, 'starting');
  warnAboutConfig(logger, config);
  // A database that is still starting (or failing over) is waited for, up to DATABASE_START_WAIT_MS.
  const database = await openDatabase(config.database, logger, { waitMs: DATABASE_START_WAIT_MS });
  const ctx = coreContext(config, database);
  try {
    const admins = await syncAdminEmails(ctx);
    if (admins.granted + admins.revoked > 0) logger.info(admins, 'admins brought in line with ADMIN_EMAILS');
  } catch (error) {
    await database.close();
    throw error;
  }
  const instanceId = randomUUID();
  const metrics = overrides.metrics ?? createMetrics();
  const ledger = new PrismaEventLedger(database.prisma);
  const messengers = new Map<Platform, Messenger>();
  const mounts: Mount[] = [];
  const platformSteps: StopStep[] = [];
  let dispatcher: OutboxDispatcher | null = null;
  let slackPlatform: SlackPlatform | null = null;
  const kick = () => dispatcher?.kick();
  // Slack requests (HTTP mode) are recorded in the durable inbox, which also recognises Slack's retries.
  const inbox = config.slack && !config.slack.appToken ? new Inbox(new PrismaInboxStore(database.prisma, database.inboxPool), 'slack', logger, { ...DEFAULT_INBOX_OPTIONS, owner: instanceId, leaseMs: config.outbox.leaseMs, ...overrides.inbox }, metrics) : null;
  const slackRefused = (reason: string) => {
    dispatcher?.pauses.pause('slack', 'platform', reason).catch((error: unknown) => logger.warn({ err: safeError(error) }, 'could not record the Slack pause'));
  };
  try {
    if (config.slack) {
      const slackLedger = inbox ? { claim: async () => true } : ledger;
      const { createSlackPlatform, SLACK_COMMAND } = await import('./platforms/slack/app.ts');
      const slack = createSlackPlatform(config.slack, { ctx, logger, kick, command: SLACK_COMMAND }, slackLedger, overrides.slack, { inbox: inbox ?? undefined, onRefused: slackRefused });
      slackPlatform = slack;
      messengers.set('slack', slack.messenger);
      if (slack.router) mounts.push({ path: '/', router: slack.router });
      await slack.start();
      platformSteps.push({ name: 'slack', run: () => slack.stop() });
      logger.info({ mode: config.slack.appToken ? 'socket' : 'http' }, 'Slack is on');
    } else {
      logger.info('Slack is off: SLACK_BOT_TOKEN is not set');
    }
    const teamsOff = teamsOffReason(config.teams, config.nodeEnv);
    if (teamsOff) {
      logger.warn(`Teams is off: ${teamsOff}`);
    } else {
      const { createTeamsPlatform } = await import('./platforms/teams/app.ts');
      const teams = createTeamsPlatform(config.teams, {
        ctx,
        logger,
        kick,
        refs: new PrismaConversationRefStore(database.prisma),
        firstSeen: (id) => ledger.claim('teams', id),
        allowedTenants: config.teams.allowedTenants,
      });
      messengers.set('teams', teams.messenger);
      mounts.push({ path: '/', router: concurrencyLimit(TEAMS_MESSAGES_PATH, TEAMS_MAX_ACTIVE, logger) }, { path: '/', router: teams.router });
      logger.info({ authenticated: Boolean(config.teams.appId) }, config.teams.appId ? 'Teams is on' : 'Teams is on, unauthenticated for local development (loopback service URLs only)');
    }
    const ops = createOps({ registry: metrics.registry, logger, checkDatabase: () => database.ping(), pendingMigrations: () => pendingMigrations(database.prisma), outboxFigures: () => outboxFigures(database.prisma), platforms: [...messengers.keys()] });
    mounts.unshift(ops.first);
    mounts.push(...ops.routes);
    if (messengers.size > 0) {
      const options: DispatcherOptions = {
        ...DEFAULT_DISPATCHER_OPTIONS,
        ...config.outbox,
        owner: instanceId,
        throttle: {
          slack: { conversationMs: 1000 / config.slackRates.channel, workspaceMs: 1000 / config.slackRates.workspace },
          // Teams: 7/s and 60 per 30 s per conversation (so one every 500 ms), and a tenant ceiling.
          teams: { conversationMs: 500, workspaceMs: 1000 / config.teamsTenantRate },
        },
        ...overrides.dispatcher,
      };
      dispatcher = new OutboxDispatcher(ctx, new PrismaDispatchStore(database.prisma), ops.messengers(messengers), logger, options, metrics);
      dispatcher.start();
    }
    const paused = () => dispatcher?.pauses.list().map((pause) => pause.platform) ?? [];
    const work = slackPlatform?.workOnRecorded?.bind(slackPlatform);
    const frontOn = config.httpFront && config.slack && inbox && work && !overrides.slack?.processBeforeResponse && overrides.front !== false;
    const upstream = frontOn ? upstreamSocketPath() : null;
    const http = await startHttpServer({ port: config.port, host: config.host, socketPath: upstream?.socketPath, logger, version: VERSION, checkDatabase: () => database.ping(), mounts, pausedPlatforms: paused });
    let front: HttpFront | null = null;
    if (upstream && config.slack && inbox && work) {
      try {
        front = await startHttpFront(frontSettings(config, database, upstream.socketPath, instanceId, overrides.front), {
          logger,
          onRecorded: (request, done) =>
            void Promise.resolve()
              .then(() => work(request))
              .catch((error: unknown) => logger.error({ err: safeError(error), inbox: request.id }, 'a recorded Slack request could not be worked on'))
              .finally(done),
          onAnswered: (seconds, statuses, counts) => {
            for (const [status, count] of Object.entries(statuses)) ops.metrics.requests.inc({ platform: 'slack', outcome: outcomeOfStatus(Number(status)) }, count);
            for (const value of seconds) ops.metrics.ackSeconds.observe({ platform: 'slack' }, value);
            for (const [outcome, count] of Object.entries(counts)) inbox.counted(outcome, count);
          },
        });
      } catch (error) {
        await http.stop(0);
        upstream.remove();
        throw error;
      }
    }
    // The answers come first: the main thread (the work) yields the CPU to the front's thread.
    if (front) lowerWorkPriority(config.workNice, logger);
    const listening = front ?? http;
    const coordinator = new PrismaRunCoordinator(database.prisma, instanceId);
    const jobs = startJobs(ctx, logger, ops.jobs([...JOBS, ...digestJobs(config.digestCron), ...PRIVACY_JOBS, { id: 'prune', schedule: '17 3 * * *', run: () => coordinator.prune(new Date()) }]), coordinator);
    logger.info({ front: front !== null, host: listening.host, port: listening.port, database: database.kind }, 'listening');
    logListeningScope(logger, config, listening.host);
    const running = dispatcher;
    return {
      port: listening.port,
      database,
      ctx,
      dispatcher,
      inbox,
      front,
      metrics,
      stopSteps: [
        // Requests in flight get half of SHUTDOWN_TIMEOUT_MS; the rest is for the steps after.
        {
          name: 'http',
          run: async () => {
            await front?.stop(Math.floor(config.shutdownTimeoutMs / 2));
            await http.stop(front ? 1_000 : Math.floor(config.shutdownTimeoutMs / 2));
            upstream?.remove();
          },
        },
        // Requests acknowledged and still being worked on: what is left is processed again by another instance.
        { name: 'inbox', run: async () => inbox?.stop(Math.floor(config.shutdownTimeoutMs / 4)) },
        { name: 'jobs', run: () => jobs.stop() },
        { name: 'dispatcher', run: async () => running?.stop() },
        ...platformSteps,
        { name: 'database', run: () => database.close() },
      ],
    };
  } catch (error) {
    await dispatcher?.stop();
    await database.close();
    throw error;
  }
}

/** Connections the HTTP front keeps to record Slack requests (a server); the embedded database has one session. */
const FRONT_POOL_SIZE = 4;
/** Slack requests answered and not yet worked on, per instance, before more are refused with 503. */
const FRONT_MAX_HELD = 1_000;

function frontSettings(config: Config, database: Database, socketPath: string, owner: string, override: ServiceOverrides['front']): FrontSettings {
  const slack = config.slack as NonNullable<Config['slack']>;
  return {
    port: config.port,
    host: config.host,
    upstreamSocket: socketPath,
    slack: { signingSecret: slack.signingSecret ?? '', command: SLACK_COMMAND, path: SLACK_EVENTS_PATH },
    database: database.connection,
    poolSize: database.kind === 'postgres' ? FRONT_POOL_SIZE : 1,
    owner,
    leaseMs: config.outbox.leaseMs,
    synchronousCommit: config.inboxSyncCommit,
    recordTimeoutMs: DEFAULT_INBOX_OPTIONS.recordTimeoutMs,
    maxHeld: (typeof override === 'object' ? override.maxHeld : undefined) ?? FRONT_MAX_HELD,
  };
}

/**
 * On Linux the nice value is a thread's own: this lowers the main thread only (the front's thread,
 * started before, keeps its priority). Nowhere allowed, it stays as it is.
 */
function lowerWorkPriority(nice: number, logger: Logger): void {
  try {
    if (getPriority(0) < nice) setPriority(0, nice);
  } catch (error) {
    logger.debug({ err: safeError(error) }, 'the main thread keeps its priority');
  }
}
