// The HTTP front in the real service process, on both databases: Slack's commands and events are
// answered by the front's thread once recorded and worked on by the main thread (the reply reaches
// Slack's response_url); everything else (health, metrics, option requests, Teams) is answered by
// the main thread through the front; the front's answers are counted in /metrics; SIGTERM stops
// both.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually } from '../support/eventually.ts';
import { FAKE_TOKEN, FakeSlack } from '../support/fake-slack.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { blockSuggestion, postCommand, postEvent, postInteraction, SIGNING_SECRET, slashCommand } from '../support/slack-requests.ts';

jest.setTimeout(120_000);

async function exercise(service: ServiceProcess, slack: FakeSlack): Promise<void> {
  const port = await service.listening;
  const base = `http://127.0.0.1:${port}`;
  expect(service.stdout()).toContain('"front":true');

  // A command: answered 200 with nothing, then the help reaches Slack's response_url.
  const command = await postCommand(base, slashCommand(slack.url, 'UFRONT1', 'help'));
  expect([command.status, await command.text()]).toEqual([200, '']);
  expect(command.headers.get('x-content-type-options')).toBe('nosniff');
  await eventually(() => expect(slack.responses.filter((reply) => reply.id === 'cmd-UFRONT1')).toHaveLength(1), 20_000);

  // An event Slack sends twice (no answer in time, it thinks): acted on once.
  const event = { token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'EvFront1', event_time: 1, event: { type: 'app_home_opened', user: 'UFRONT1', channel: 'DFRONT1', tab: 'home' } };
  expect((await postEvent(base, event)).status).toBe(200);
  expect((await postEvent(base, event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
  await eventually(() => expect(slack.callsTo('views.publish').filter((call) => call.params.user_id === 'UFRONT1')).toHaveLength(1), 20_000);

  // Requests whose answer is the work's: through the front to the main thread and back.
  const options = await postInteraction(base, blockSuggestion('UFRONT1', 'post_request', 'unit', ''));
  expect(options.status).toBe(200);
  expect(await options.json()).toHaveProperty('options');
  const unsigned = await postCommand(base, slashCommand(slack.url, 'UFRONT1', 'help'), { secret: 'not-the-secret' });
  expect(unsigned.status).toBe(401);
  const health = await fetch(`${base}/healthz`);
  expect([health.status, ((await health.json()) as { database: string }).database]).toEqual([200, 'ok']);
  expect((await fetch(`${base}/nowhere`)).status).toBe(404);

  // The front's answers are in the main thread's figures.
  await eventually(async () => {
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/alumni_inbox_requests_total\{platform="slack",outcome="recorded"\} [2-9]/);
    expect(metrics).toMatch(/alumni_inbox_requests_total\{platform="slack",outcome="duplicate"\} 1/);
    expect(metrics).toMatch(/alumni_ack_seconds_count\{platform="slack"\} ([3-9]|\d\d)/);
  }, 5_000);

  service.child.kill('SIGTERM');
  expect(await service.exited).toBe(0);
  expect(service.stdout()).toContain('stopped cleanly');
}

describe('the HTTP front', () => {
  let slack: FakeSlack;
  let service: ServiceProcess | undefined;

  beforeEach(async () => {
    slack = await new FakeSlack().start();
    slack.addUser({ id: 'UFRONT1', name: 'Front Person', email: 'front@alumni.example' });
  });

  afterEach(async () => {
    service?.child.kill('SIGKILL');
    await service?.exited;
    await slack.stop();
  });

  const slackEnv = () => ({ SLACK_BOT_TOKEN: FAKE_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}/api/` });

  it('on PostgreSQL: answers Slack on record, hands the rest to the main thread, and stops cleanly', async () => {
    const db: TestDatabase = await createTestDatabase();
    try {
      service = startServiceProcess({ DATABASE_URL: db.url, WORK_NICE: '10', ...slackEnv() });
      const pid = service.child.pid!;
      await service.listening;
      // With WORK_NICE=10 (as in the Docker image) the main thread (the work) runs below the front's thread: nice 10 against 0.
      const nice = (tid: string) => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ')[16]);
      expect(nice(String(pid))).toBe(10);
      await exercise(service, slack);
    } finally {
      await db.drop();
    }
  });

  it('on the embedded database: the front records through the database worker’s socket', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'alumni-front-'));
    try {
      service = startServiceProcess({ DATA_DIR: dataDir, ...slackEnv() });
      await exercise(service, slack);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
