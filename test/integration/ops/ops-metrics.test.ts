// The operators' metrics and readiness, on their own: what Prometheus reads after requests,
// sends, job runs and a scrape of the outbox; what /readyz answers for each failing check.
import express from 'express';
import { Registry } from 'prom-client';
import { MessengerError } from '../../../src/delivery/error-classes.ts';
import { createOpsMetrics, measuredJobs, measuredMessenger, measureRequests, metricsRouter } from '../../../src/http/metrics.ts';
import { checkReadiness } from '../../../src/http/readiness.ts';
import { logContextFields, withJobId } from '../../../src/log-context.ts';
import type { Messenger } from '../../../src/ports-delivery.ts';
import { silentLogger } from '../../support/logger.ts';

async function serve(app: express.Express): Promise<{ base: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('GET /metrics', () => {
  it('counts platform requests by outcome, times their answers, and reads the outbox at each scrape', async () => {
    const registry = new Registry();
    let outbox = [{ state: 'pending', count: 3, oldestAgeSeconds: 42 }];
    const metrics = createOpsMetrics(registry, { outbox: async () => outbox });
    const app = express();
    app.use(measureRequests(metrics));
    app.post('/slack/events', (_req, res) => void res.status(200).end());
    app.post('/api/messages', (_req, res) => void res.status(401).end());
    app.use(metricsRouter(registry));
    const server = await serve(app);
    try {
      await fetch(`${server.base}/slack/events`, { method: 'POST' });
      await fetch(`${server.base}/slack/events`, { method: 'POST' });
      await fetch(`${server.base}/api/messages`, { method: 'POST' });
      const response = await fetch(`${server.base}/metrics`);
      expect(response.headers.get('content-type')).toContain('text/plain');
      const text = await response.text();
      expect(text).toContain('alumni_platform_requests_total{platform="slack",outcome="ok"} 2');
      expect(text).toContain('alumni_platform_requests_total{platform="teams",outcome="refused"} 1');
      expect(text).toContain('alumni_ack_seconds_count{platform="slack"} 2');
      expect(text).toContain('alumni_outbox_depth{state="pending"} 3');
      expect(text).toContain('alumni_outbox_depth{state="dead"} 0');
      expect(text).toContain('alumni_outbox_oldest_age_seconds{state="pending"} 42');
      outbox = [];
      expect(await (await fetch(`${server.base}/metrics`)).text()).toContain('alumni_outbox_depth{state="pending"} 0');
    } finally {
      await server.close();
    }
  });

  it('counts sends and failures per platform and error class, and job runs (the digest among them)', async () => {
    const registry = new Registry();
    const metrics = createOpsMetrics(registry, { outbox: async () => null });
    let fail: Error | null = null;
    const slack: Messenger = {
      platform: 'slack',
      send: async () => {
        if (fail) throw fail;
        return { ts: '1' } as never;
      },
      update: async () => undefined,
    };
    const counted = measuredMessenger(slack, metrics);
    await counted.send({} as never, {} as never, 'k1');
    fail = new MessengerError('recipient', 'channel_not_found');
    await expect(counted.send({} as never, {} as never, 'k2')).rejects.toThrow('channel_not_found');
    const seen: unknown[] = [];
    const jobs = measuredJobs<null, { id: string; run(ctx: null): Promise<unknown> }>(
      [
        { id: 'digest', run: async () => void seen.push(logContextFields()) },
        { id: 'retention', run: async () => Promise.reject(new Error('down')) },
      ],
      metrics,
      withJobId,
    );
    await jobs[0]?.run(null);
    await expect(jobs[1]?.run(null)).rejects.toThrow('down');
    const text = await registry.metrics();
    expect(text).toContain('alumni_sends_total{platform="slack",result="sent",error_class="none"} 1');
    expect(text).toContain('alumni_sends_total{platform="slack",result="failed",error_class="recipient"} 1');
    expect(text).toContain('alumni_job_runs_total{job="digest",outcome="ok"} 1');
    expect(text).toContain('alumni_job_runs_total{job="retention",outcome="failed"} 1');
    expect(text).toContain('alumni_outbox_scrape_ok 0');
    expect(seen).toEqual([{ jobId: expect.stringMatching(/^digest:[0-9a-f-]{36}$/) }]);
  });
});

describe('readiness', () => {
  const logger = silentLogger();
  const sources = { checkDatabase: async () => true, pendingMigrations: async () => [] as string[], platforms: ['slack', 'teams'] };

  it('is ready with the database up, every migration applied and a platform on', async () => {
    expect(await checkReadiness(sources, logger)).toEqual({ ready: true, database: 'ok', migrations: 'ok', platforms: ['slack', 'teams'] });
  });

  it('is not ready when the database is down, a migration is pending, or no platform is on', async () => {
    expect(await checkReadiness({ ...sources, checkDatabase: async () => false }, logger)).toMatchObject({ ready: false, database: 'unreachable', migrations: 'unknown' });
    expect(await checkReadiness({ ...sources, pendingMigrations: async () => ['20270101_x'] }, logger)).toMatchObject({ ready: false, migrations: 'pending', pendingMigrations: 1 });
    expect(await checkReadiness({ ...sources, platforms: [] }, logger)).toMatchObject({ ready: false, database: 'ok', migrations: 'ok' });
  });
});
