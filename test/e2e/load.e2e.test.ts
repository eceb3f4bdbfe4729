// More Slack requests than the instance can work on: the real service process gets 300 signed
// events a second for two seconds. What it cannot take is refused at once (503 with
// Retry-After, so Slack sends it again later) instead of being acknowledged and then failing;
// everything it acknowledged is done; /healthz keeps answering 200; memory stays bounded.
import http from 'node:http';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { eventually } from '../support/eventually.ts';
import { FAKE_TOKEN, FakeSlack } from '../support/fake-slack.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';
import { sign, SIGNING_SECRET } from '../support/slack-requests.ts';

jest.setTimeout(180_000);

const RATE = 300;
const SECONDS = 2;
const USERS = 200;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((text) => text.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

/** A signed event over a keep-alive connection pool; resolves with the status and Retry-After. */
function postSignedEvent(agent: http.Agent, port: number, payload: Record<string, unknown>): Promise<{ status: number; retryAfter?: string }> {
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(Date.now() / 1000);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { agent, host: '127.0.0.1', port, path: '/slack/events', method: 'POST', headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(body, timestamp) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] as string | undefined }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

describe('load beyond capacity', () => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let service: ServiceProcess | undefined;

  beforeEach(async () => {
    db = await createTestDatabase();
    slack = await new FakeSlack().start();
    for (let i = 0; i < USERS; i += 1) slack.addUser({ id: `ULOAD${i}`, name: `Person ${i}`, email: `person${i}@alumni.example` });
  });

  afterEach(async () => {
    service?.child.kill('SIGKILL');
    await service?.exited;
    await slack.stop();
    await db.drop();
  });

  it('refuses early what it cannot take, and does all it acknowledged', async () => {
    service = startServiceProcess({ DATABASE_URL: db.url, SLACK_BOT_TOKEN: FAKE_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}/api/` });
    const port = await service.listening;
    const pid = service.child.pid!;
    const rssBefore = rssMb(pid);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
    const answers: Promise<{ id: string; status: number; retryAfter?: string }>[] = [];
    const healthChecks: Promise<number>[] = [];
    for (let tick = 0; tick < SECONDS * 10; tick += 1) {
      for (let i = 0; i < RATE / 10; i += 1) {
        const n = tick * (RATE / 10) + i;
        const id = `EvLoad${n}`;
        const event = { token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: id, event_time: 1, event: { type: 'app_home_opened', user: `ULOAD${n % USERS}`, channel: `DLOAD${n % USERS}`, tab: 'home' } };
        answers.push(postSignedEvent(agent, port, event).then((answer) => ({ id, ...answer })));
      }
      if (tick % 5 === 0) healthChecks.push(fetch(`http://127.0.0.1:${port}/healthz`).then((response) => response.status));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const results = await Promise.all(answers);
    agent.destroy();
    const acked = results.filter((result) => result.status === 200).map((result) => result.id);
    const refused = results.filter((result) => result.status === 503);
    expect(results.filter((result) => result.status !== 200 && result.status !== 503)).toEqual([]);
    expect(refused.every((result) => result.retryAfter !== undefined)).toBe(true);
    expect(acked.length).toBeGreaterThan(0);
    expect(await Promise.all(healthChecks)).toEqual(healthChecks.map(() => 200));

    // Everything acknowledged is done (it may take a while), nothing failed on the way.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      await eventually(async () => {
        const { rows } = await client.query<{ key: string; state: string }>(`SELECT dedupe_key AS key, state::text FROM inbox_events`);
        const done = new Set(rows.filter((row) => row.state === 'done').map((row) => row.key.replace(/^event:/, '')));
        expect(acked.filter((id) => !done.has(id))).toEqual([]);
      }, 90_000, 500);
    } finally {
      await client.end();
    }
    expect(service.stdout()).not.toContain('Slack listener failed');
    expect(service.stdout()).not.toContain('a platform request failed');
    // Bounded: the requests beyond capacity were never read, let alone queued.
    expect(rssMb(pid) - rssBefore).toBeLessThan(250);
  });
});
