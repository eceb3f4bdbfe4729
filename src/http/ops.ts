// The operators' endpoints and figures in one piece for the composition root: a first mount that
// gives each request its id (for the logs) and measures platform requests, and the /metrics and
// /readyz routes; plus the wrappers that count sends and scheduled runs.
import express from 'express';
import type { Registry } from 'prom-client';
import { requestIdFrom, withJobId, withRequestId } from '../log-context.ts';
import type { Logger } from '../logger.ts';
import { safeError } from '../logger.ts';
import type { Platform } from '../domain/vocabulary.ts';
import type { Messenger } from '../ports-delivery.ts';
import { createOpsMetrics, measuredJobs, measuredMessenger, measureRequests, metricsRouter, type OpsMetrics, type OutboxFigure } from './metrics.ts';
import { readinessRouter } from './readiness.ts';
import type { Mount } from './server.ts';

export interface OpsSources {
  registry: Registry;
  logger: Logger;
  checkDatabase(): Promise<boolean>;
  pendingMigrations(): Promise<string[]>;
  outboxFigures(): Promise<OutboxFigure[]>;
  platforms: readonly Platform[];
}

export interface Ops {
  metrics: OpsMetrics;
  /** Mount it before the platforms: request ids and request metrics. */
  first: Mount;
  /** GET /metrics and GET /readyz. */
  routes: Mount[];
  messengers(messengers: Map<Platform, Messenger>): Map<Platform, Messenger>;
  jobs<C, J extends { id: string; run(ctx: C): Promise<unknown> }>(jobs: readonly J[]): J[];
}

export function createOps(sources: OpsSources): Ops {
  const outbox = () =>
    sources.outboxFigures().catch((error: unknown) => {
      sources.logger.warn({ err: safeError(error) }, 'metrics: the outbox figures could not be read');
      return null;
    });
  const metrics = createOpsMetrics(sources.registry, { outbox });
  const first = express.Router();
  first.use((req, _res, next) => withRequestId(requestIdFrom(req.header('x-request-id')), next));
  first.use(measureRequests(metrics));
  return {
    metrics,
    first: { path: '/', router: first },
    routes: [
      { path: '/', router: metricsRouter(sources.registry) },
      { path: '/', router: readinessRouter({ checkDatabase: sources.checkDatabase, pendingMigrations: sources.pendingMigrations, platforms: sources.platforms }, sources.logger) },
    ],
    messengers: (messengers) => new Map([...messengers].map(([platform, messenger]) => [platform, measuredMessenger(messenger, metrics)])),
    jobs: (jobs) => measuredJobs(jobs, metrics, withJobId),
  };
}
