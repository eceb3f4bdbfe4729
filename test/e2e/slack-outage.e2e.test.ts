// Slack is down, refuses the token or hangs while the real service process starts: the process
// starts anyway and stays up (no crash loop during a Slack incident), answers Slack's requests
// (never a 404 after three seconds), holds its messages while Slack refuses the token (healthz
// says "degraded"), and sends them once Slack works again, without a restart.
import pg from 'pg';
import { eventually } from '../support/eventually.ts';
import { FAKE_TOKEN, FakeSlack } from '../support/fake-slack.ts';
import { createFanout } from '../support/fanout.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { postCommand, SIGNING_SECRET, slashCommand } from '../support/slack-requests.ts';

jest.setTimeout(120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Slack unavailable when the service starts', () => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let service: ServiceProcess | undefined;

  beforeEach(async () => {
    db = await createTestDatabase();
    slack = new FakeSlack();
  });

  afterEach(async () => {
    if (service && service.child.exitCode === null) {
      service.child.kill('SIGKILL');
      await service.exited;
    }
    await slack.stop();
    await db.drop();
  });

  function start(apiUrl: string): ServiceProcess {
    service = startServiceProcess({
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: FAKE_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: apiUrl,
      OUTBOX_POLL_MS: '50',
      OUTBOX_RETRY_BASE_MS: '100',
      OUTBOX_PROBE_MS: '300',
      SLACK_CHANNEL_RATE: '1000',
      SLACK_WORKSPACE_RATE: '1000',
      WORKING_HOURS: 'always',
    });
    return service;
  }

  async function health(port: number): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** The process is still up a moment after "listening", and answers Slack (200, not Bolt's 404 after 3 s). */
  async function expectUpAndAnswering(port: number): Promise<void> {
    await sleep(2_500);
    expect(service!.child.exitCode).toBeNull();
    const answer = await postCommand(`http://127.0.0.1:${port}`, slashCommand(slack.url || 'http://127.0.0.1:9', 'UKARI', 'help'));
    expect(answer.status).toBe(200);
  }

  it.each([
    ['answers 500', { status: 500 as const }],
    ['answers 429', { status: 429 as const, retryAfter: 1 }],
  ])('stays up when auth.test %s, answers Slack and sends', async (_name, failure) => {
    await slack.start();
    const fanout = await createFanout(db.url, 3);
    slack.failAlways('auth.test', failure);
    const port = await start(`${slack.url}/api/`).listening;
    await expectUpAndAnswering(port);
    slack.failAlways('auth.test', null);
    await eventually(() => expect(fanout.invitationKeys.every((key) => slack.deliveries.get(key) === 1)).toBe(true), 30_000, 100);
  });

  it('stays up when Slack refuses connections, and works once Slack is there', async () => {
    // A port where nothing listens yet; the fake Slack comes up there later.
    await slack.start();
    const port = Number(new URL(slack.url).port);
    await slack.stop();
    const fanout = await createFanout(db.url, 3);
    const servicePort = await start(`http://127.0.0.1:${port}/api/`).listening;
    await expectUpAndAnswering(servicePort);
    await slack.start(port);
    await eventually(() => expect(fanout.invitationKeys.every((key) => slack.deliveries.get(key) === 1)).toBe(true), 60_000, 100);
    await eventually(() => expect(slack.callsTo('auth.test').length).toBeGreaterThan(0), 30_000, 100);
  });

  it('answers Slack while auth.test hangs', async () => {
    await slack.start();
    slack.slowDown('auth.test', 60_000);
    const port = await start(`${slack.url}/api/`).listening;
    await expectUpAndAnswering(port);
  });

  it('pauses sending while Slack refuses the token (healthz degraded), and resumes by itself', async () => {
    await slack.start();
    const fanout = await createFanout(db.url, 3);
    slack.failAlways('*', { error: 'invalid_auth' });
    const port = await start(`${slack.url}/api/`).listening;
    await expectUpAndAnswering(port);
    await eventually(async () => expect(await health(port)).toEqual({ status: 200, body: expect.objectContaining({ status: 'degraded', paused: ['slack'] }) }), 20_000, 100);
    expect(slack.deliveries.size).toBe(0);
    // Nothing was given up while Slack refused: the invitations still wait.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query<{ state: string }>(`SELECT state::text FROM outbox_messages WHERE kind = 'invitation'`);
    const invitations = await client.query<{ state: string }>(`SELECT state::text FROM invitations`);
    await client.end();
    expect(rows.map((row) => row.state)).toEqual(['pending', 'pending', 'pending']);
    expect(invitations.rows.map((row) => row.state)).toEqual(['queued', 'queued', 'queued']);
    expect(service!.stdout().split('\n').filter((line) => line.includes('sending to slack is paused'))).toHaveLength(1);

    slack.failAlways('*', null);
    await eventually(() => expect(fanout.invitationKeys.every((key) => slack.deliveries.get(key) === 1)).toBe(true), 30_000, 100);
    await eventually(async () => expect((await health(port)).body).toEqual(expect.objectContaining({ status: 'ok' })), 10_000, 100);
    expect(service!.stdout()).toContain('sending to slack has resumed');
  });
});
