// Opens the database the configuration names, applies pending migrations, and hands out the
// Prisma client. Only src/db knows Prisma; the rest of the app sees repositories.
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import type { DatabaseConfig } from '../config.ts';
import { throttledWarning, type Logger } from '../logger.ts';
import { PrismaClient } from '../generated/prisma/client.ts';
import { DatabaseStartError, shortReason } from './errors.ts';
import { postgresMigrationTarget } from './migration-targets.ts';
import { applyMigrations, MigrationHistoryError, type MigrationTarget } from './migrations.ts';
import type { EmbeddedDatabase } from './pglite.ts';
import type { FrontDatabase } from '../front/messages.ts';

export interface Database {
  kind: DatabaseConfig['kind'];
  prisma: PrismaClient;
  /**
   * A small `pg` pool of its own for the durable inbox's two writes per request (PostgreSQL
   * server only): prepared statements, and never queued behind use-case transactions.
   */
  inboxPool?: pg.Pool;
  /** How another connection reaches the same database (the HTTP front's worker thread records requests with it). */
  connection: FrontDatabase;
  /** True when the database answers a trivial query within the timeout. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Serialises migrations when several instances start at once on one PostgreSQL server. */
const MIGRATION_LOCK_KEY = 72_707_370;

async function migrate(target: MigrationTarget, logger: Logger): Promise<void> {
  try {
    const applied = await applyMigrations(target);
    if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
  } catch (error) {
    if (error instanceof MigrationHistoryError) throw new DatabaseStartError('migration_history', error.message, { cause: error });
    throw new DatabaseStartError('migration_failed', `Applying the database migrations failed (${shortReason(error)}). The failed migration was rolled back where the database allows; fix the cause and start again.`, { cause: error });
  }
}

function describeServer(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/**
 * Migrates on connections of their own, closed afterwards: the schema engine takes a
 * session-level advisory lock, and a pooled connection would keep holding it.
 */
async function migratePostgres(url: string, logger: Logger): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 5_000 });
  pool.on('error', (error) => logger.warn({ reason: shortReason(error) }, 'migration connection failed'));
  try {
    const lock = await pool.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migrate(postgresMigrationTarget(pool), logger);
    } finally {
      lock.release(true);
    }
  } finally {
    await pool.end().catch(() => undefined);
  }
}

/** The first query, tried again with a growing pause for up to `waitMs` (a server still starting, a failover). */
async function firstContact(pool: pg.Pool, logger: Logger, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (let pause = 500, told = false; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      await pool.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() + pause > deadline) throw error;
      if (!told) logger.warn({ reason: shortReason(error), waitSeconds: Math.round(waitMs / 1000) }, 'the database does not answer yet; waiting for it');
      told = true;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

async function openPostgres(url: string, logger: Logger, runMigrations: boolean, waitMs: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5_000 });
  // During an outage every pooled connection fails: one line a minute, not one per connection.
  const idleFailed = throttledWarning(logger, 'idle database connection failed');
  pool.on('error', (error) => idleFailed({ reason: shortReason(error) }));
  try {
    await firstContact(pool, logger, waitMs);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new DatabaseStartError('database_unreachable', `Could not use the PostgreSQL server at ${describeServer(url)} (${shortReason(error)}). Check DATABASE_URL and that the server is running.`, { cause: error });
  }
  try {
    if (runMigrations) await migratePostgres(url, logger);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const inboxPool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 5_000 });
  inboxPool.on('error', (error) => idleFailed({ reason: shortReason(error) }));
  const database = withClient('postgres', new PrismaClient({ adapter: new PrismaPg(pool) }), async () => {
    await inboxPool.end().catch(() => undefined);
    await pool.end();
  });
  return { ...database, inboxPool, connection: { connectionString: url } };
}

/** Queries wait this long for the embedded database's one connection before they fail. */
const EMBEDDED_WAIT_MS = 60_000;

/**
 * The embedded database runs in a worker thread and serves the PostgreSQL wire protocol on a
 * Unix socket; from here on it is reached exactly like a server, through `pg` and the same
 * adapter and migrations. One connection: PGlite is a single session, so transactions must not
 * interleave (the worker also keeps each client's transaction to itself).
 */
async function openEmbedded(dataDir: string, logger: Logger, runMigrations: boolean): Promise<Database> {
  // Loaded only here: with DATABASE_URL nothing of the embedded database is loaded.
  const { startPglite } = await import('./pglite.ts');
  const start = startPglite(dataDir);
  const pool = new pg.Pool({ ...start.connection, max: 1, idleTimeoutMillis: 0, connectionTimeoutMillis: EMBEDDED_WAIT_MS });
  const idleFailed = throttledWarning(logger, 'idle database connection failed');
  pool.on('error', (error) => idleFailed({ reason: shortReason(error) }));
  // Prisma's query compiler (WebAssembly) loads while PostgreSQL starts: connecting the client
  // does not touch the database yet.
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  const clientReady = prisma.$connect();
  clientReady.catch(() => undefined); // awaited below, after the database is up
  const waitFrom = performance.now();
  let embedded: EmbeddedDatabase;
  try {
    embedded = await start.ready;
  } catch (error) {
    await clientReady.catch(() => undefined);
    await prisma.$disconnect().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw error;
  }
  // How long its start took, and how much of that the service spent waiting for it.
  logger.debug({ startMs: Math.round(performance.now() - start.startedAt), waitedMs: Math.round(performance.now() - waitFrom) }, 'the embedded database answers');
  embedded.onLost((error) => logger.error({ reason: shortReason(error) }, 'the embedded database stopped; every query fails until the service is restarted'));
  const closeDriver = async () => {
    await pool.end().catch(() => undefined);
    await embedded.close();
  };
  const database = { ...withClient('pglite', prisma, closeDriver), connection: start.connection };
  try {
    await clientReady;
    if (runMigrations) await migrate(postgresMigrationTarget(pool), logger);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/** The Database over a Prisma client; `closeDriver` closes what the client runs on. */
function withClient(kind: Database['kind'], prisma: PrismaClient, closeDriver: () => Promise<void>): Omit<Database, 'connection'> {
  return {
    kind,
    prisma,
    ping: (timeoutMs) => ping(prisma, timeoutMs),
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}

async function ping(prisma: PrismaClient, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([prisma.$queryRaw`SELECT 1`.then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Opens the configured database; by default applies pending migrations first. */
export async function openDatabase(
  config: DatabaseConfig,
  logger: Logger,
  options: { migrate?: boolean; waitMs?: number } = {},
): Promise<Database> {
  const runMigrations = options.migrate ?? true;
  return config.kind === 'postgres'
    ? openPostgres(config.url, logger, runMigrations, options.waitMs ?? 0)
    : openEmbedded(config.dataDir, logger, runMigrations);
}
