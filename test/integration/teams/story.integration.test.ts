// Teams over real HTTP: Bot Framework activities posted to the running service, the bot's
// replies, proactive invitations and card updates received by a local fake Bot Connector.
// One core, two platforms: staff post in Slack, an alumnus answers in Teams.
import { CONSENT_TEXT_VERSION } from '../../../src/domain/vocabulary.ts';
import { eventually } from '../../support/eventually.ts';
import { FakeConnector, teamsActivity } from '../../support/fake-connector.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { postInteraction, stateValues, viewSubmission } from '../../support/slack-requests.ts';

const OLA = { userId: '29:ola', aadObjectId: 'aad-ola', name: 'Ola' };
const DAY = 86_400_000;

describe('Teams: personal chat and invitations', () => {
  let h: SlackHarness;
  let connector: FakeConnector;
  let counter = 0;

  beforeEach(async () => {
    h = await startSlackHarness({ TEAMS_ALLOWED_TENANTS: 'tenant-1' });
    connector = await new FakeConnector().start();
    connector.addMember({ id: OLA.userId, aadObjectId: OLA.aadObjectId, name: 'Ola', email: 'ola@example.no' });
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
  });

  afterEach(async () => {
    await connector.stop();
    await h.stop();
  });

  const post = (activity: Record<string, unknown>) =>
    fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const nextId = () => `act-${(counter += 1)}`;
  const card = (call: { body: Record<string, unknown> }) => JSON.stringify((call.body.attachments as { content: unknown }[] | undefined)?.[0]?.content ?? call.body.text ?? '');
  const conversation = `a:personal-${OLA.aadObjectId}`;

  async function install(extra: Partial<Parameters<typeof teamsActivity>[1]> = {}) {
    return post(teamsActivity(connector.url, { id: nextId(), type: 'conversationUpdate', ...OLA, membersAdded: [{ id: '28:alumni-bot' }], ...extra }));
  }

  async function consent() {
    await install();
    const welcome = connector.activitiesIn(conversation).at(-1)!;
    const response = await post(teamsActivity(connector.url, { id: nextId(), type: 'message', ...OLA, value: { action: 'give_consent', value: '', purposes: 'guest_lecture' }, replyToId: 'activity-1' }));
    expect(response.status).toBe(200);
    return welcome;
  }

  it('welcomes a new user with the consent step and records their consent', async () => {
    const welcome = await consent();
    expect(card(welcome)).toContain('Velkommen til alumninettverket!');
    expect(card(welcome)).toContain('"type":"Input.ChoiceSet"');
    const update = connector.calls.find((call) => call.method === 'PUT')!;
    expect(card(update)).toContain('Du kan bli spurt om: gjesteforelesning.');
    const person = await h.service.database.prisma.person.findFirstOrThrow({ where: { email: 'ola@example.no' }, include: { consents: true, identities: true } });
    expect(person.consents[0]?.source).toBe('teams');
    expect(person.identities[0]?.conversationRef).toMatchObject({ conversation: { id: conversation }, serviceUrl: connector.url });
  });

  it('invites a Teams alumnus to a request posted in Slack; the answer updates the card and the Slack thread', async () => {
    await consent();
    const submitted = await postInteraction(h.base, viewSubmission('UKARI', 'post_request', stateValues({
      title: { value: 'Karrierepanel' },
      type: { selected_option: { value: 'guest_lecture' } },
      unitId: { selected_option: { value: h.unitId } },
      description: { value: 'Om arbeidslivet.' },
      startsAt: { selected_date_time: Math.floor((Date.now() + 30 * DAY) / 1000) },
      format: { selected_option: { value: 'digital' } },
      needed: { value: '1' },
      replyBy: { selected_date: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10) },
      channel: { selected_conversation: 'CSTAFF' },
    })));
    expect(await submitted.text()).toBe('');

    const invitation = await eventually(() => {
      const sent = connector.activitiesIn(conversation).find((call) => card(call).includes('Kan du bidra? Karrierepanel'));
      expect(sent).toBeDefined();
      return sent!;
    });
    const accept = /"action":"invitation_accept","value":"([0-9a-f-]+)"/.exec(card(invitation))![1]!;
    const answered = await post(teamsActivity(connector.url, { id: nextId(), type: 'message', ...OLA, value: { action: 'invitation_accept', value: accept }, replyToId: 'activity-9' }));
    expect(answered.status).toBe(200);
    const update = connector.calls.filter((call) => call.method === 'PUT').at(-1)!;
    expect(update.activityId).toBe('activity-9');
    expect(card(update)).toContain('Takk for at du sa ja!');
    await eventually(() => expect(h.slack.messagesIn('CSTAFF').map((m) => m.text)).toContain('Ola sa ja (1 av 1).'));
  });

  it('handles the same activity id once', async () => {
    await consent();
    const activity = teamsActivity(connector.url, { id: 'same-id', type: 'message', ...OLA, text: 'help' });
    await post(activity);
    await post(activity);
    expect(connector.activitiesIn(conversation).filter((call) => card(call).includes('Alumni Bridge: dette kan jeg'))).toHaveLength(1);
  });

  it('serves no tenant off the allowlist: no reply, nothing stored', async () => {
    const response = await install({ tenantId: 'other-tenant' });
    expect(response.status).toBeLessThan(500);
    expect(connector.calls).toHaveLength(0);
    expect(await h.service.database.prisma.person.count()).toBe(0);
  });

  it('answers only loopback service URLs when it runs without an app id', async () => {
    const response = await post({ ...teamsActivity('https://smba.trafficmanager.net/emea/', { id: nextId(), type: 'message', ...OLA, text: 'help' }) });
    expect(response.status).toBe(401);
    expect(await h.service.database.prisma.person.count()).toBe(0);
  });

  it('never answers malformed activities with a 5xx', async () => {
    for (const body of ['{', '{}', JSON.stringify({ type: 'message' }), JSON.stringify({ type: 'message', serviceUrl: connector.url, text: 'x'.repeat(50_000) })]) {
      const response = await fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status).toBeLessThan(500);
    }
  });
});

describe('Teams with an app id', () => {
  it('refuses a request without a valid token with 401, writing nothing', async () => {
    const h = await startSlackHarness({ MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: 'secret', MICROSOFT_APP_TENANT_ID: 'tenant-1' });
    try {
      const response = await fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teamsActivity('http://127.0.0.1:9', { id: 'x', type: 'message', ...OLA, text: 'help' })) });
      expect(response.status).toBe(401);
      expect(await h.service.database.prisma.person.count()).toBe(0);
    } finally {
      await h.stop();
    }
  });
});

describe('Teams delivery', () => {
  let h: SlackHarness;
  let connector: FakeConnector;

  beforeEach(async () => {
    h = await startSlackHarness();
    connector = await new FakeConnector().start();
    connector.addMember({ id: OLA.userId, aadObjectId: OLA.aadObjectId, name: 'Ola', email: 'ola@example.no' });
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
  });

  afterEach(async () => {
    await connector.stop();
    await h.stop();
  });

  const post = (activity: Record<string, unknown>) =>
    fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });

  async function postFromSlack() {
    await postInteraction(h.base, viewSubmission('UKARI', 'post_request', stateValues({
      title: { value: 'Mentorkveld' },
      type: { selected_option: { value: 'guest_lecture' } },
      unitId: { selected_option: { value: h.unitId } },
      description: { value: 'Mentorer for førsteårsstudenter.' },
      startsAt: { selected_date_time: Math.floor((Date.now() + 30 * DAY) / 1000) },
      format: { selected_option: { value: 'either' } },
      needed: { value: '1' },
      replyBy: { selected_date: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10) },
      channel: { selected_conversation: 'CSTAFF' },
    })));
  }

  it('retries Teams throttling answers (429, 412, 502, 504) until the invitation lands once', async () => {
    await post(teamsActivity(connector.url, { id: 'i1', type: 'conversationUpdate', ...OLA, membersAdded: [{ id: '28:alumni-bot' }] }));
    await post(teamsActivity(connector.url, { id: 'i2', type: 'message', ...OLA, value: { action: 'give_consent', value: '', purposes: 'guest_lecture' } }));
    for (const status of [429, 412, 502, 504]) connector.failNext(status);
    await postFromSlack();
    await eventually(async () => {
      expect(await h.service.database.prisma.outboxMessage.count({ where: { platform: 'teams', kind: 'invitation', state: 'sent' } })).toBe(1);
    }, 20_000);
    const invitations = connector.calls.filter((call) => call.method === 'POST' && JSON.stringify(call.body).includes('Kan du bidra? Mentorkveld'));
    expect(invitations.length).toBe(5);
  });

  it("tells the owner when a match has not installed the app in Teams, and asks the next person", async () => {
    const prisma = h.service.database.prisma;
    await prisma.person.create({
      data: {
        displayName: 'Siri', roles: ['alumnus'],
        identities: { create: { platform: 'teams', workspaceId: 'tenant-1', userId: 'aad-siri' } },
        profile: { create: { engagementTypes: ['guest_lecture'], consentedTypes: ['guest_lecture'] } },
        consents: { create: { givenAt: new Date(), textVersion: CONSENT_TEXT_VERSION, purposes: ['guest_lecture'], source: 'csv_import' } },
      },
    });
    await postFromSlack();
    await eventually(() => {
      const notice = h.slack.messagesIn('UKARI').map((m) => m.text).find((text) => text.includes('har ikke installert boten'));
      expect(notice).toContain('Siri passet til «Mentorkveld»');
    }, 10_000);
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { person: { displayName: 'Siri' } } });
    expect(invitation.state).toBe('withdrawn');
  });
});
