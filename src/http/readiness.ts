// GET /readyz: ready to take platform traffic. 200 when the database answers, every local
// migration is applied and at least one platform is on; 503 with the failing checks otherwise.
// /healthz stays the liveness check (the process and its database).
import express, { type Router } from 'express';
import type { Logger } from '../logger.ts';
import { safeError } from '../logger.ts';

export interface ReadinessSources {
  checkDatabase(): Promise<boolean>;
  /** Names of migrations not applied yet. */
  pendingMigrations(): Promise<string[]>;
  /** The platforms this instance serves (slack, teams). */
  platforms: readonly string[];
}

export interface Readiness {
  ready: boolean;
  database: 'ok' | 'unreachable';
  migrations: 'ok' | 'pending' | 'unknown';
  pendingMigrations?: number;
  platforms: readonly string[];
}

export async function checkReadiness(sources: ReadinessSources, logger: Logger): Promise<Readiness> {
  const database = (await sources.checkDatabase()) ? 'ok' : 'unreachable';
  let migrations: Readiness['migrations'] = 'unknown';
  let pending: number | undefined;
  if (database === 'ok') {
    try {
      pending = (await sources.pendingMigrations()).length;
      migrations = pending === 0 ? 'ok' : 'pending';
    } catch (error) {
      logger.warn({ err: safeError(error) }, 'readiness: the migration history could not be read');
    }
  }
  const ready = database === 'ok' && migrations === 'ok' && sources.platforms.length > 0;
  return { ready, database, migrations, ...(pending ? { pendingMigrations: pending } : {}), platforms: sources.platforms };
}

export function readinessRouter(sources: ReadinessSources, logger: Logger): Router {
  const router = express.Router();
  router.get('/readyz', async (_req, res, next) => {
    try {
      const readiness = await checkReadiness(sources, logger);
      res.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? 'ready' : 'not_ready', ...readiness });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
