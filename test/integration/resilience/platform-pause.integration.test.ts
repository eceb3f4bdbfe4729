// A platform-wide refusal never walks through the candidates. The real service over HTTP, with a
// fake Slack and a fake Bot Connector that refuse the way the real ones do: a revoked token, a
// deleted workspace account, a missing scope or an expired Teams secret pause that platform
// (messages wait, nobody is skipped, /healthz says "degraded", admins are told through what
// still works) until a probe succeeds; a message refused as written is a bug: it is kept as dead
// and admins are alerted, and the invitation is not withdrawn.
import { eventually } from '../../support/eventually.ts';
import { FakeConnector, teamsActivity } from '../../support/fake-connector.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { postCommand, postEvent, postInteraction, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';

const DAY = 86_400_000;
const ALUMNI = ['UA', 'UB', 'UC', 'UD'];

describe('a platform that refuses every message', () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness({ OUTBOX_PROBE_MS: '200', OUTBOX_RETRY_BASE_MS: '50' });
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    for (const id of ALUMNI) {
      h.slack.addUser({ id, name: id, email: `${id}@example.no` });
      await postCommand(h.base, slashCommand(h.slack.url, id, 'join'));
      await postInteraction(h.base, viewSubmission(id, 'give_consent', stateValues({ purposes: { selected_options: [{ value: 'guest_lecture' }] } })));
    }
  });

  afterEach(async () => {
    await h.stop();
  });

  async function postRequest(needed = 1): Promise<void> {
    const response = await postInteraction(h.base, viewSubmission('UKARI', 'post_request', stateValues({
      title: { value: 'Panel' }, type: { selected_option: { value: 'guest_lecture' } }, unitId: { selected_option: { value: h.unitId } },
      description: { value: 'Om skatt.' }, startsAt: { selected_date_time: Math.floor((Date.now() + 30 * DAY) / 1000) },
      format: { selected_option: { value: 'digital' } }, needed: { value: String(needed) },
      replyBy: { selected_date: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10) }, channel: { selected_conversation: 'CSTAFF' },
    })));
    expect(await response.text()).toBe('');
  }

  const prisma = () => h.service.database.prisma;
  const invitesTo = (userId: string) => h.slack.messagesIn(userId).filter((m) => JSON.stringify(m.metadata ?? '').includes(':invite'));
  const health = async () => (await fetch(`${h.base}/healthz`)).json() as Promise<Record<string, unknown>>;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Nobody was skipped: every invitation waits, no message died, nobody new was asked. */
  async function expectNothingBurnt(invitations: number): Promise<void> {
    expect((await prisma().invitation.findMany()).map((invitation) => invitation.state)).toEqual(Array(invitations).fill('queued'));
    expect(await prisma().outboxMessage.count({ where: { state: { in: ['dead', 'skipped'] } } })).toBe(0);
    expect(await prisma().auditEntry.count({ where: { action: 'invitation.undeliverable' } })).toBe(0);
  }

  it.each(['token_revoked', 'invalid_auth', 'account_inactive'])('pauses Slack on %s, burns nobody, and resumes by itself', async (code) => {
    for (const method of ['chat.postMessage', 'auth.test', 'conversations.open']) h.slack.failAlways(method, { error: code });
    await postRequest();
    await eventually(async () => expect(await health()).toMatchObject({ status: 'degraded', paused: ['slack'] }), 10_000);
    await sleep(1_500); // several probes fail meanwhile
    await expectNothingBurnt(3);
    expect(await prisma().platformPause.findUniqueOrThrow({ where: { platform: 'slack' } })).toMatchObject({ errorClass: 'platform', reason: code });

    for (const method of ['chat.postMessage', 'auth.test', 'conversations.open']) h.slack.failAlways(method, null);
    await eventually(async () => {
      expect(ALUMNI.map((id) => invitesTo(id).length).sort()).toEqual([0, 1, 1, 1]);
      expect(await health()).toMatchObject({ status: 'ok' });
    }, 15_000);
    // The admin hears that sending has resumed.
    await eventually(() => expect(h.slack.messagesIn('UKARI').map((m) => m.text).join('\n')).toContain('Sending til Slack er i gang igjen'), 10_000);
    expect(await prisma().invitation.count()).toBe(3);
  });

  it('pauses Slack on missing_scope although auth.test works, and shows it on the admin’s Home tab', async () => {
    h.slack.failAlways('chat.postMessage', { error: 'missing_scope' });
    await postRequest();
    await eventually(async () => expect(await health()).toMatchObject({ status: 'degraded', paused: ['slack'] }), 10_000);
    await sleep(1_500); // auth.test succeeds, but the waiting message is refused again: still paused
    expect(await health()).toMatchObject({ status: 'degraded' });
    await expectNothingBurnt(3);
    await postEvent(h.base, { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'EvHome1', event_time: 1, event: { type: 'app_home_opened', user: 'UKARI', channel: 'DKARI', tab: 'home' } });
    const home = await eventually(() => {
      const published = h.slack.callsTo('views.publish').at(-1);
      expect(published).toBeDefined();
      return JSON.stringify(published!.params.view);
    });
    expect(home).toContain('Sending til Slack er på pause siden');
    expect(home).toContain('missing_scope');

    h.slack.failAlways('chat.postMessage', null);
    await eventually(() => expect(ALUMNI.map((id) => invitesTo(id).length).sort()).toEqual([0, 1, 1, 1]), 15_000);
  });

  it('pauses a Slack that answers nothing but 503 as unreachable before any message dies, and resumes', async () => {
    for (const method of ['chat.postMessage', 'auth.test']) h.slack.failAlways(method, { status: 503 });
    await postRequest();
    await eventually(async () => expect(await health()).toMatchObject({ status: 'degraded', paused: ['slack'] }), 10_000);
    await sleep(1_500);
    expect(await prisma().platformPause.findUniqueOrThrow({ where: { platform: 'slack' } })).toMatchObject({ errorClass: 'unreachable', reason: 'http_503' });
    await expectNothingBurnt(3);
    for (const method of ['chat.postMessage', 'auth.test']) h.slack.failAlways(method, null);
    await eventually(() => expect(ALUMNI.map((id) => invitesTo(id).length).sort()).toEqual([0, 1, 1, 1]), 15_000);
  });

  it('keeps a message refused as written as dead, alerts the admin, and withdraws nobody', async () => {
    h.slack.failNextIn('chat.postMessage', 'UB', { error: 'msg_too_long' });
    await postRequest(2); // asks all four at once
    await eventually(async () => {
      for (const id of ['UA', 'UC', 'UD']) expect(invitesTo(id)).toHaveLength(1);
      const dead = await prisma().outboxMessage.findMany({ where: { state: 'dead' } });
      expect(dead.map((row) => [row.kind, row.lastError])).toEqual([['invitation', 'message: msg_too_long']]);
    }, 10_000);
    await eventually(() => expect(h.slack.messagesIn('UKARI').map((m) => m.text).join('\n')).toContain('En melding ble avvist av Slack'), 10_000);
    const invitations = await prisma().invitation.findMany({ include: { person: { include: { identities: true } } } });
    const ub = invitations.find((invitation) => invitation.person.identities.some((identity) => identity.userId === 'UB'));
    expect(ub?.state).toBe('queued');
    expect(await prisma().auditEntry.count({ where: { action: 'invitation.undeliverable' } })).toBe(0);
    expect(await health()).toMatchObject({ status: 'ok' });
  });
});

describe('Teams refusing the bot (an expired secret)', () => {
  let h: SlackHarness;
  let connector: FakeConnector;
  let counter = 0;
  const OLA = { userId: '29:ola', aadObjectId: 'aad-ola', name: 'Ola' };

  beforeEach(async () => {
    h = await startSlackHarness({ OUTBOX_PROBE_MS: '200', OUTBOX_RETRY_BASE_MS: '50' });
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    connector = await new FakeConnector().start();
    connector.addMember({ id: OLA.userId, aadObjectId: OLA.aadObjectId, name: 'Ola', email: 'ola@example.no' });
  });

  afterEach(async () => {
    await connector.stop();
    await h.stop();
  });

  const post = (activity: Record<string, unknown>) => fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const invitesToOla = (from = 0) => connector.calls.slice(from).filter((call) => call.method === 'POST' && call.conversationId === `a:personal-${OLA.aadObjectId}` && JSON.stringify(call.body).includes('Kan du bidra?'));

  it.each([401, 403])('pauses Teams on %i, tells the admin on Slack, and sends once the secret works again', async (status) => {
    await post(teamsActivity(connector.url, { id: `act-${(counter += 1)}`, type: 'conversationUpdate', ...OLA, membersAdded: [{ id: '28:alumni-bot' }] }));
    await post(teamsActivity(connector.url, { id: `act-${(counter += 1)}`, type: 'message', ...OLA, value: { action: 'give_consent', value: '', purposes: 'guest_lecture' } }));
    connector.failAlways(status);
    await postCommand(h.base, slashCommand(h.slack.url, 'UKARI', 'help'));
    const response = await postInteraction(h.base, viewSubmission('UKARI', 'post_request', stateValues({
      title: { value: 'Panel' }, type: { selected_option: { value: 'guest_lecture' } }, unitId: { selected_option: { value: h.unitId } },
      description: { value: 'Om skatt.' }, startsAt: { selected_date_time: Math.floor((Date.now() + 30 * DAY) / 1000) },
      format: { selected_option: { value: 'digital' } }, needed: { value: '1' },
      replyBy: { selected_date: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10) }, channel: { selected_conversation: 'CSTAFF' },
    })));
    expect(await response.text()).toBe('');
    await eventually(async () => expect(await (await fetch(`${h.base}/healthz`)).json()).toMatchObject({ status: 'degraded', paused: ['teams'] }), 10_000);
    await eventually(() => expect(h.slack.messagesIn('UKARI').map((m) => m.text).join('\n')).toContain('Sending til Microsoft Teams er satt på pause'), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await h.service.database.prisma.invitation.findMany()).map((invitation) => invitation.state)).toEqual(['queued']);
    expect(await h.service.database.prisma.outboxMessage.count({ where: { state: 'dead' } })).toBe(0);

    // Refused tries (the probes) reached the connector too; what counts is what it took after the fix.
    const fixedAt = connector.calls.length;
    connector.failAlways(null);
    await eventually(() => expect(invitesToOla(fixedAt)).toHaveLength(1), 15_000);
    await eventually(async () => expect(await (await fetch(`${h.base}/healthz`)).json()).toMatchObject({ status: 'ok' }), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(invitesToOla(fixedAt)).toHaveLength(1);
  });
});
