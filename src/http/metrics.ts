// GET /metrics in Prometheus' text format (prom-client): requests per platform and outcome, the
// time to answer (ack) a platform request, the outbox by state, sends and failures per platform
// and error class, scheduled job runs (the digest among them). The metrics are added to the
// service's registry, so they sit beside the resilience figures of src/metrics.ts.
import express, { type RequestHandler, type Router } from 'express';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { MessengerError } from '../delivery/error-classes.ts';
import type { Messenger } from '../ports-delivery.ts';

/** Which platform a path belongs to (the routes platforms mount), or null for everything else. */
export function platformOfPath(path: string): 'slack' | 'teams' | null {
  if (path.startsWith('/slack/')) return 'slack';
  if (path === '/api/messages') return 'teams';
  return null;
}

export function outcomeOfStatus(status: number): 'ok' | 'refused' | 'failed' {
  if (status < 400) return 'ok';
  return status < 500 ? 'refused' : 'failed';
}

export interface OutboxFigure {
  state: string;
  count: number;
  oldestAgeSeconds: number;
}

const OUTBOX_STATES = ['pending', 'sent', 'dead', 'skipped'] as const;

export interface OpsMetrics {
  requests: Counter<'platform' | 'outcome'>;
  ackSeconds: Histogram<'platform'>;
  sends: Counter<'platform' | 'result' | 'error_class'>;
  jobRuns: Counter<'job' | 'outcome'>;
}

export interface OpsMetricsSources {
  /** The outbox by state, read when Prometheus scrapes; null when the database does not answer. */
  outbox(): Promise<OutboxFigure[] | null>;
}

export function createOpsMetrics(registry: Registry, sources: OpsMetricsSources): OpsMetrics {
  const registers = [registry];
  // One query per scrape: the three gauges are collected together and share the read under way.
  let reading: Promise<OutboxFigure[] | null> | null = null;
  const read = (): Promise<OutboxFigure[] | null> =>
    (reading ??= sources.outbox().finally(() => {
      reading = null;
    }));
  const byState = (pick: (figure: OutboxFigure) => number) =>
    async function collect(this: Gauge<'state'>): Promise<void> {
      const figures = await read();
      if (!figures) return;
      for (const state of OUTBOX_STATES) {
        const figure = figures.find((f) => f.state === state);
        this.set({ state }, figure ? pick(figure) : 0);
      }
    };
  new Gauge({ name: 'alumni_outbox_depth', help: 'Outbox messages by state', labelNames: ['state'], registers, collect: byState((f) => f.count) });
  new Gauge({ name: 'alumni_outbox_oldest_age_seconds', help: 'Age of the oldest outbox message by state', labelNames: ['state'], registers, collect: byState((f) => f.oldestAgeSeconds) });
  new Gauge({
    name: 'alumni_outbox_scrape_ok',
    help: '1 when the outbox figures could be read at this scrape',
    registers,
    async collect() {
      this.set((await read()) ? 1 : 0);
    },
  });
  return {
    requests: new Counter({ name: 'alumni_platform_requests_total', help: 'Platform requests answered, by platform and outcome (ok, refused, failed)', labelNames: ['platform', 'outcome'], registers }),
    ackSeconds: new Histogram({ name: 'alumni_ack_seconds', help: 'Time to answer a platform request', labelNames: ['platform'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10], registers }),
    sends: new Counter({ name: 'alumni_sends_total', help: 'Sends to a platform by result (sent, failed) and error class', labelNames: ['platform', 'result', 'error_class'], registers }),
    jobRuns: new Counter({ name: 'alumni_job_runs_total', help: 'Scheduled job runs on this instance by job and outcome', labelNames: ['job', 'outcome'], registers }),
  };
}

/** Counts each platform request and times its answer. */
export function measureRequests(metrics: OpsMetrics): RequestHandler {
  return (req, res, next) => {
    const platform = platformOfPath(req.path);
    if (!platform) return next();
    const stop = metrics.ackSeconds.startTimer({ platform });
    res.on('finish', () => {
      stop();
      metrics.requests.inc({ platform, outcome: outcomeOfStatus(res.statusCode) });
    });
    next();
  };
}

/** GET /metrics. */
export function metricsRouter(registry: Registry): Router {
  const router = express.Router();
  router.get('/metrics', async (_req, res, next) => {
    try {
      const body = await registry.metrics();
      res.setHeader('Content-Type', registry.contentType);
      res.send(body);
    } catch (error) {
      next(error);
    }
  });
  return router;
}

/**
 * Scheduled jobs that count their runs (digest runs are the jobs "digest" and "digest-catch-up")
 * and run under a job id of their own, which every log line of the run carries.
 */
export function measuredJobs<C, J extends { id: string; run(ctx: C): Promise<unknown> }>(jobs: readonly J[], metrics: OpsMetrics, withJobId: <T>(name: string, work: () => T) => T): J[] {
  return jobs.map((job) => ({
    ...job,
    run: (ctx: C) =>
      withJobId(job.id, () =>
        job.run(ctx).then(
          (result) => {
            metrics.jobRuns.inc({ job: job.id, outcome: 'ok' });
            return result;
          },
          (error: unknown) => {
            metrics.jobRuns.inc({ job: job.id, outcome: 'failed' });
            throw error;
          },
        ),
      ),
  }));
}

/** The messenger, counting each send and update by result and, for failures, error class. */
export function measuredMessenger(messenger: Messenger, metrics: OpsMetrics): Messenger {
  const platform = messenger.platform;
  const count = async <T>(work: Promise<T>): Promise<T> => {
    try {
      const result = await work;
      metrics.sends.inc({ platform, result: 'sent', error_class: 'none' });
      return result;
    } catch (error) {
      metrics.sends.inc({ platform, result: 'failed', error_class: error instanceof MessengerError ? error.kind : 'unclassified' });
      throw error;
    }
  };
  return {
    platform,
    send: (target, card, key) => count(messenger.send(target, card, key)),
    update: (ref, card) => count(messenger.update(ref, card)),
    ...(messenger.findSent ? { findSent: messenger.findSent.bind(messenger) } : {}),
    ...(messenger.probe ? { probe: messenger.probe.bind(messenger) } : {}),
  };
}
