// Signed Slack requests of every shape are answered within Slack's three seconds, with 200 (kinds
// the app never acts on) or 400 (malformed), never a 5xx and never Bolt's late 404; and a modal
// submitted at first contact is answered in time even when Slack's user lookup is slow.
import { postInteraction, postSigned, stateValues, TEAM, viewSubmission } from '../../support/slack-requests.ts';
import { startTrustHarness, type TrustHarness } from './support.ts';

/** Slack gives up after three seconds; the bot must have answered well before. */
const IN_TIME_MS = 2_500;

const form = (payload: string) => `payload=${encodeURIComponent(payload)}`;
const json = (value: unknown) => JSON.stringify(value);
const user = { id: 'UKARI', username: 'kari', team_id: TEAM.id };
const view = { id: 'V1', team_id: TEAM.id, type: 'modal', callback_id: 'post_request', private_metadata: '', state: { values: {} }, hash: 'h' };

/** JSON (events), payload=… (interactivity), or plain form fields (slash commands). */
type Kind = 'json' | 'payload' | 'form';

const MALFORMED: [string, string, Kind][] = [
  ['JSON null', 'null', 'json'],
  ['an event callback with event: null', json({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: null }), 'json'],
  ['team_join with user: null', json({ type: 'event_callback', team_id: 'T1', event_id: 'Ev2', event: { type: 'team_join', user: null } }), 'json'],
  ['payload=null', 'null', 'payload'],
  ['block_actions with actions: null', json({ type: 'block_actions', user, team: TEAM, actions: null }), 'payload'],
  ['block_actions without a user', json({ type: 'block_actions', team: TEAM, actions: [{ action_id: 'invitation_accept', value: 'x' }] }), 'payload'],
  ['a view submission with view: null', json({ type: 'view_submission', user, team: TEAM, view: null }), 'payload'],
  ['an empty object', '{}', 'json'],
  ['a null type', json({ type: null }), 'json'],
];

const ACKNOWLEDGED: [string, string, Kind][] = [
  ['a closed modal', json({ type: 'view_closed', user, team: TEAM, view, is_cleared: false }), 'payload'],
  ['a kind of interaction the app never offers', json({ type: 'interactive_message', user, team: TEAM, callback_id: 'legacy' }), 'payload'],
  ['an event the app does not subscribe to', json({ type: 'event_callback', team_id: 'T1', event_id: 'Ev3', event: { type: 'reaction_added', user: 'UKARI' } }), 'json'],
  ['a command of another app', new URLSearchParams({ command: '/other', user_id: 'UKARI', team_id: 'T1', trigger_id: 't', text: '', response_url: 'https://hooks.slack.com/commands/T1/1/x' }).toString(), 'form'],
];

describe('Slack: every signed shape answered in time', () => {
  let h: TrustHarness;

  beforeAll(async () => {
    h = await startTrustHarness();
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
  });

  afterAll(async () => {
    await h.stop();
  });

  async function send(body: string, kind: Kind): Promise<{ status: number; ms: number }> {
    const started = Date.now();
    const response = await postSigned(h.base, kind === 'payload' ? form(body) : body, kind === 'json' ? 'application/json' : 'application/x-www-form-urlencoded');
    await response.arrayBuffer();
    return { status: response.status, ms: Date.now() - started };
  }

  it.each(MALFORMED)('refuses %s with 400 at once', async (_label, body, kind) => {
    const answer = await send(body, kind);
    expect(answer.status).toBe(400);
    expect(answer.ms).toBeLessThan(IN_TIME_MS);
  });

  it.each(ACKNOWLEDGED)('acknowledges %s with 200 at once and does nothing', async (_label, body, kind) => {
    const calls = h.slack.calls.length;
    const answer = await send(body, kind);
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeLessThan(IN_TIME_MS);
    expect(h.slack.calls.slice(calls).filter((call) => call.method !== 'users.info')).toEqual([]);
  });

  it('answers a select search in a modal at once', async () => {
    const suggestion = { type: 'block_suggestion', user, team: TEAM, action_id: 'programmeId', block_id: 'programmeId', value: 'mas', view };
    const started = Date.now();
    const response = await postSigned(h.base, form(json(suggestion)), 'application/x-www-form-urlencoded');
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain('Master i samfunnsøkonomi');
    expect(Date.now() - started).toBeLessThan(IN_TIME_MS);
  });
});

describe('Slack: a first-contact modal while Slack is slow to say who the person is', () => {
  let h: TrustHarness;

  beforeAll(async () => {
    h = await startTrustHarness({}, { processBeforeResponse: true });
    h.slack.addUser({ id: 'UNEW', name: 'Nora', email: 'nora@example.no' });
  });

  afterAll(async () => {
    await h.stop();
  });

  it('answers in time, asks to submit again, and takes the second try', async () => {
    h.slack.slowDown('users.info', 3_500);
    const consent = viewSubmission('UNEW', 'give_consent', stateValues({ purposes: { selected_options: [{ value: 'mentoring' }] } }));
    const started = Date.now();
    const first = await postInteraction(h.base, consent);
    expect(Date.now() - started).toBeLessThan(IN_TIME_MS);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ response_action: 'errors', errors: { purposes: expect.stringContaining('Send inn på nytt') } });
    expect(await h.service.database.prisma.consent.count()).toBe(0);

    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const second = await postInteraction(h.base, consent);
    expect(second.status).toBe(200);
    expect(await second.text()).toBe('');
    expect(await h.service.database.prisma.consent.count()).toBe(1);
  });
});
