// /readyz, /metrics and request ids on the real service (PostgreSQL, Slack against the local
// fake, Teams unauthenticated): what an operator's probe, Prometheus and a log search see.
import { loadConfig } from '../../../src/config.ts';
import { pendingMigrations } from '../../../src/db/ops-queries.ts';
import { runSteps } from '../../../src/lifecycle.ts';
import { startService, type RunningService } from '../../../src/service.ts';
import { FAKE_TOKEN, FakeSlack } from '../../support/fake-slack.ts';
import { collectingLogger, silentLogger } from '../../support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { postCommand, SIGNING_SECRET, slashCommand } from '../../support/slack-requests.ts';

describe('operations endpoints on the real service', () => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let service: RunningService;
  let base: string;
  const log = collectingLogger('debug');

  beforeAll(async () => {
    db = await createTestDatabase();
    slack = await new FakeSlack().start();
    slack.addUser({ id: 'UOLA', name: 'Ola', email: 'ola@example.no' });
    const config = loadConfig({ DATABASE_URL: db.url, PORT: '0', SLACK_BOT_TOKEN: FAKE_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}/api/`, WORKING_HOURS: 'always' });
    service = await startService(config, log.logger, { slack: { processBeforeResponse: true, botUserId: 'UBOT', botId: 'BBOT' }, dispatcher: { pollMs: 50 } });
    base = `http://127.0.0.1:${service.port}`;
  });

  afterAll(async () => {
    await runSteps(silentLogger(), service.stopSteps);
    await slack.stop();
    await db.drop();
  });

  it('is ready: the database answers, every migration is applied, Slack and Teams are on', async () => {
    expect(await pendingMigrations(service.database.prisma)).toEqual([]);
    const response = await fetch(`${base}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', ready: true, database: 'ok', migrations: 'ok', platforms: ['slack', 'teams'] });
  });

  it('counts platform requests and their answer times, and shows the outbox by state', async () => {
    expect((await postCommand(base, slashCommand(slack.url, 'UOLA', 'help'))).status).toBe(200);
    const unsigned = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(unsigned.status).toBeGreaterThanOrEqual(400);
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/alumni_platform_requests_total\{platform="slack",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/alumni_platform_requests_total\{platform="slack",outcome="refused"\} 1/);
    expect(text).toMatch(/alumni_ack_seconds_count\{platform="slack"\} [2-9]/);
    expect(text).toContain('alumni_outbox_depth{state="dead"} 0');
    expect(text).toContain('alumni_outbox_scrape_ok 1');
    expect(text).toContain('alumni_sends_total');
    expect(text).toContain('alumni_job_runs_total');
  });

  it('writes a request id or a job id on every log line, and keeps the load balancer\'s X-Request-Id', async () => {
    await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'lb-4711' }, body: '{}' });
    const lines = log.lines();
    expect(lines.length).toBeGreaterThan(5);
    expect(lines.filter((line) => typeof line.reqId !== 'string' && typeof line.jobId !== 'string')).toEqual([]);
    expect(lines.some((line) => line.reqId === 'lb-4711')).toBe(true);
  });
});
