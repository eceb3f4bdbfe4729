// The HTTP front's Slack intake over real HTTP, with the recording and the main thread replaced:
// what a signed request gets as its answer, what is recorded and handed on, and what is refused
// (each refusal the same as the main thread's own), including a database that fails or is slow
// and more held than allowed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SlackIntake, type IntakeDeps } from '../../../src/front/slack-intake.ts';
import type { RecordedRequest } from '../../../src/front/messages.ts';
import { postCommand, postEvent, postInteraction, postSigned, slashCommand, viewSubmission } from '../../support/slack-requests.ts';

const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

interface Harness {
  url: string;
  intake: SlackIntake;
  recorded: RecordedRequest[];
  rows: { key: string; kind: string; json: string }[];
  forwarded: string[];
  observed: { status: number; inbox?: string }[];
  failures: unknown[];
  setRecord(record: IntakeDeps['record']): void;
  close(): Promise<void>;
}

async function startIntake(maxHeld = 10): Promise<Harness> {
  const rows: Harness['rows'] = [];
  let record: IntakeDeps['record'] = async (row) => {
    if (rows.some((seen) => seen.key === row.key)) return null;
    rows.push({ key: row.key, kind: row.kind, json: row.json });
    return `id-${rows.length}`;
  };
  const h = { recorded: [] as RecordedRequest[], rows, forwarded: [] as string[], observed: [] as Harness['observed'], failures: [] as unknown[] };
  const intake = new SlackIntake({
    settings: { slack: { signingSecret: SIGNING_SECRET, command: '/alumni', path: '/slack/events' }, owner: 'instance-1', leaseMs: 60_000, recordTimeoutMs: 200, maxHeld },
    record: (row) => record(row),
    forward: (_req, res, body) => {
      h.forwarded.push(body?.toString('utf8') ?? '');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ from: 'main' }));
    },
    answer: (_req, res, status, body, headers = {}) => {
      res.writeHead(status, { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) });
      res.end(body === undefined ? '' : JSON.stringify(body));
    },
    recorded: (request) => h.recorded.push(request),
    observe: (status, _seconds, inbox) => h.observed.push({ status, inbox }),
    databaseFailed: (error) => h.failures.push(error),
  });
  const server = http.createServer((req, res) => void intake.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...h,
    url: `http://127.0.0.1:${port}`,
    intake,
    setRecord: (next) => {
      record = next;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const FAKE = 'http://fake.invalid';
const homeOpened = (eventId: string) => ({ token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: eventId, event_time: 1, event: { type: 'app_home_opened', user: 'U1', channel: 'D1', tab: 'home' } });

describe('the HTTP front: Slack intake', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startIntake();
  });
  afterEach(async () => {
    await h.close();
  });

  it('records a slash command, answers 200 with no body, and hands it on with its fields', async () => {
    const response = await postCommand(h.url, slashCommand(FAKE, 'U1', 'help'), { headers: { 'x-request-id': 'req-42' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(h.rows).toHaveLength(1);
    expect(h.rows[0]?.kind).toBe('command');
    expect(h.recorded).toHaveLength(1);
    expect(h.recorded[0]?.reqId).toBe('req-42');
    expect(JSON.parse(h.recorded[0]?.json ?? '{}')).toMatchObject({ command: '/alumni', text: 'help', user_id: 'U1' });
    expect(h.observed).toEqual([{ status: 200, inbox: 'recorded' }]);
    expect(h.intake.holding).toBe(1);
    h.intake.done(1);
    expect(h.intake.holding).toBe(0);
  });

  it('records an event once: Slack sending it again is answered 200 and not handed on twice, with its retry number', async () => {
    expect((await postEvent(h.url, homeOpened('Ev1'))).status).toBe(200);
    expect((await postEvent(h.url, homeOpened('Ev1'), { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
    expect((await postEvent(h.url, homeOpened('Ev2'), { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' } })).status).toBe(200);
    expect(h.rows.map((row) => row.key)).toEqual(['event:Ev1', 'event:Ev2']);
    expect(h.recorded.map((request) => [JSON.parse(request.json).event_id, request.retryNum, request.retryReason])).toEqual([
      ['Ev1', undefined, undefined],
      ['Ev2', 2, 'http_error'],
    ]);
    expect(h.observed.map((seen) => seen.inbox)).toEqual(['recorded', 'duplicate', 'recorded']);
    // The JSON Slack sent is stored as it came.
    expect(h.rows[0]?.json).toBe(JSON.stringify(homeOpened('Ev1')));
  });

  it('hands a view submission on to the main thread with its body, recording nothing', async () => {
    const response = await postInteraction(h.url, viewSubmission('U1', 'post_request', {}));
    expect(await response.json()).toEqual({ from: 'main' });
    expect(h.rows).toEqual([]);
    expect(h.recorded).toEqual([]);
    expect(h.forwarded).toHaveLength(1);
    expect(decodeURIComponent(h.forwarded[0] ?? '')).toContain('"callback_id":"post_request"');
    expect(h.intake.holding).toBe(0);
  });

  it('refuses as the main thread does: unsigned, stale, unreadable, malformed; and acknowledges kinds never acted on', async () => {
    const unsigned = await postCommand(h.url, slashCommand(FAKE, 'U1', 'help'), { secret: 'wrong-secret' });
    expect([unsigned.status, await unsigned.json()]).toEqual([401, { error: 'unauthorized' }]);
    const stale = await postCommand(h.url, slashCommand(FAKE, 'U1', 'help'), { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    const future = await postCommand(h.url, slashCommand(FAKE, 'U1', 'help'), { timestamp: Math.floor(Date.now() / 1000) + 600 });
    expect(future.status).toBe(401);
    const unreadable = await postSigned(h.url, '{"type":', 'application/json');
    expect([unreadable.status, await unreadable.json()]).toEqual([400, { error: 'unreadable_body' }]);
    const malformed = await postInteraction(h.url, { type: 'block_actions', user: { id: 'U1' }, actions: [] });
    expect([malformed.status, await malformed.json()]).toEqual([400, { error: 'invalid_request' }]);
    const otherCommand = await postCommand(h.url, { ...slashCommand(FAKE, 'U1', 'help'), command: '/other' });
    expect([otherCommand.status, await otherCommand.text()]).toEqual([200, '']);
    expect(h.rows).toEqual([]);
    expect(h.intake.holding).toBe(0);
  });

  it('refuses a body over 1 MB with 413 without recording it', async () => {
    const response = await postSigned(h.url, JSON.stringify({ type: 'event_callback', padding: 'x'.repeat(1024 * 1024) }), 'application/json');
    expect([response.status, await response.json()]).toEqual([413, { error: 'entity.too.large' }]);
    expect(h.rows).toEqual([]);
  });

  it('answers 503 with Retry-After when the database fails or is slower than the limit, so Slack sends it again', async () => {
    h.setRecord(async () => {
      throw new Error('connection refused');
    });
    const failed = await postEvent(h.url, homeOpened('Ev9'));
    expect([failed.status, failed.headers.get('retry-after'), await failed.json()]).toEqual([503, '5', { error: 'unavailable' }]);
    h.setRecord(() => new Promise((resolve) => setTimeout(() => resolve('late-id'), 1_000)));
    const slow = await postEvent(h.url, homeOpened('Ev10'));
    expect([slow.status, slow.headers.get('retry-after')]).toEqual([503, '5']);
    expect(h.failures).toHaveLength(2);
    expect(h.recorded).toEqual([]);
    expect(h.intake.holding).toBe(0);
  });

  it('refuses with 503 busy once the held requests reach the limit, and takes requests again when the main thread has done some', async () => {
    await h.close();
    h = await startIntake(2);
    expect((await postEvent(h.url, homeOpened('E1'))).status).toBe(200);
    expect((await postEvent(h.url, homeOpened('E2'))).status).toBe(200);
    const busy = await postEvent(h.url, homeOpened('E3'));
    expect([busy.status, busy.headers.get('retry-after'), await busy.json()]).toEqual([503, '1', { error: 'busy' }]);
    h.intake.done(1);
    expect((await postEvent(h.url, homeOpened('E3'))).status).toBe(200);
    expect(h.rows.map((row) => row.key)).toEqual(['event:E1', 'event:E2', 'event:E3']);
  });
});
