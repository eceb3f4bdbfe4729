// Composition root: config -> database -> platforms -> jobs -> http. The only place that
// wires implementations to ports. main.ts runs it as a process; tests run it in-process.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './db/database.ts';
import { PrismaStore } from './db/store.ts';
import { startHttpServer } from './http/server.ts';
import { startJobs } from './jobs/schedules.ts';
import type { StopStep } from './lifecycle.ts';
import type { Logger } from './logger.ts';
import { PROJECT_ROOT } from './paths.ts';
import type { AppContext } from './ports.ts';

export interface RunningService {
  port: number;
  database: Database;
  ctx: AppContext;
  /** The stop steps in order: HTTP (finish in-flight work), jobs, then the database. */
  stopSteps: StopStep[];
}

const VERSION = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export async function startService(config: Config, logger: Logger): Promise<RunningService> {
  logger.info({ config: describeConfig(config), version: VERSION }, 'starting');
  const database = await openDatabase(config.database, logger);
  const ctx: AppContext = {
    store: new PrismaStore(database.prisma),
    clock: { now: () => new Date() },
    settings: {
      timeZone: config.timeZone,
      defaultLocale: config.defaultLocale,
      oversample: config.matchOversample,
      waveReplyHours: config.waveReplyHours,
      adminEmails: config.adminEmails,
    },
  };
  try {
    const http = await startHttpServer({
      port: config.port,
      logger,
      version: VERSION,
      checkDatabase: () => database.ping(),
    });
    const jobs = startJobs(ctx, logger);
    logger.info({ port: http.port, database: database.kind }, 'listening');
    return {
      port: http.port,
      database,
      ctx,
      stopSteps: [
        { name: 'http', run: () => http.stop(config.shutdownTimeoutMs) },
        { name: 'jobs', run: () => jobs.stop() },
        { name: 'database', run: () => database.close() },
      ],
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
