// The whole story in Teams: staff post a request with the card form in a channel, alumni get
// Adaptive Card invitations (in Teams and in Slack), one accepts, the channel card and thread
// follow, and the others are told it is filled.
import { eventually } from '../../support/eventually.ts';
import { FakeConnector, teamsActivity } from '../../support/fake-connector.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { postCommand, postInteraction, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';

const KARI = { userId: '29:kari', aadObjectId: 'aad-kari', name: 'Kari' };
const OLA = { userId: '29:ola', aadObjectId: 'aad-ola', name: 'Ola' };
const CHANNEL = '19:staff@thread.tacv2';
const DAY = 86_400_000;

describe('Teams: posting a request in a channel', () => {
  let h: SlackHarness;
  let connector: FakeConnector;
  let counter = 0;

  beforeEach(async () => {
    h = await startSlackHarness();
    connector = await new FakeConnector().start();
    connector.addMember({ id: KARI.userId, aadObjectId: KARI.aadObjectId, name: 'Kari', email: 'kari@uni.example' });
    connector.addMember({ id: OLA.userId, aadObjectId: OLA.aadObjectId, name: 'Ola', email: 'ola@example.no' });
    h.slack.addUser({ id: 'USIRI', name: 'Siri', email: 'siri@example.no' });
  });

  afterEach(async () => {
    await connector.stop();
    await h.stop();
  });

  const post = (activity: Record<string, unknown>) => fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const nextId = () => `act-${(counter += 1)}`;
  const inChannel = (fields: Parameters<typeof teamsActivity>[1]) => {
    const activity = teamsActivity(connector.url, fields);
    return { ...activity, conversation: { id: `${CHANNEL};messageid=${fields.id}`, conversationType: 'channel', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } } };
  };
  const json = (call: { body: Record<string, unknown> }) => JSON.stringify(call.body);

  it('runs from the channel form to a filled request on both platforms', async () => {
    // Ola joins in Teams; Siri joins in Slack.
    await post(teamsActivity(connector.url, { id: nextId(), type: 'conversationUpdate', ...OLA, membersAdded: [{ id: '28:alumni-bot' }] }));
    await post(teamsActivity(connector.url, { id: nextId(), type: 'message', ...OLA, value: { action: 'give_consent', value: '', purposes: 'guest_lecture' } }));
    await postCommand(h.base, slashCommand(h.slack.url, 'USIRI', 'join'));
    await postInteraction(h.base, viewSubmission('USIRI', 'give_consent', stateValues({ purposes: { selected_options: [{ value: 'guest_lecture' }] } })));

    // Kari (staff through ADMIN_EMAILS) asks for the form in the staff channel.
    await post(inChannel({ id: 'form-1', type: 'message', ...KARI, text: '<at>Alumni Bridge</at> forespørsel' }));
    const form = connector.calls.find((call) => call.method === 'POST' && json(call).includes('Be om bidrag fra alumni'))!;
    expect(json(form)).toContain('"action":"post_request"');
    expect(json(form)).toContain('"id":"startsAt_time"');

    // A first submit with a problem comes back on the card, with what was typed.
    const values = {
      action: 'post_request', value: '', title: 'Gjesteforelesning i Teams', type: 'guest_lecture', unitId: h.unitId, description: 'Om digital forvaltning.',
      expertise: '', startsAt: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10), startsAt_time: '10:15', format: 'campus', needed: '0',
      replyBy: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10),
    };
    await post(inChannel({ id: nextId(), type: 'message', ...KARI, value: values, replyToId: 'activity-form' }));
    const corrected = connector.calls.filter((call) => call.method === 'PUT').at(-1)!;
    expect(corrected.activityId).toBe('activity-form');
    expect(json(corrected)).toContain('Rett dette: Antall personer: Skriv et tall fra 1 til 50.');
    expect(json(corrected)).toContain('Gjesteforelesning i Teams');
    expect(await h.service.database.prisma.request.count()).toBe(0);

    await post(inChannel({ id: nextId(), type: 'message', ...KARI, value: { ...values, needed: '1' }, replyToId: 'activity-form' }));
    expect(json(connector.calls.filter((call) => call.method === 'PUT').at(-1)!)).toContain('Forespørselen din er lagt ut i denne kanalen.');

    // The request card lands in the channel; both alumni are invited on their own platform.
    const requestCard = await eventually(() => {
      const posted = connector.calls.find((call) => call.method === 'POST' && call.conversationId === CHANNEL && json(call).includes('"action":"request_cancel"'));
      expect(posted).toBeDefined();
      return posted!;
    });
    expect(json(requestCard)).toContain('10:15');
    const invitation = await eventually(() => {
      const sent = connector.calls.find((call) => call.conversationId === `a:personal-${OLA.aadObjectId}` && json(call).includes('Kan du bidra? Gjesteforelesning i Teams'));
      expect(sent).toBeDefined();
      expect(h.slack.messagesIn('USIRI').some((m) => JSON.stringify(m.blocks).includes('Kan du bidra?'))).toBe(true);
      return sent!;
    });

    // Ola accepts in Teams: the thread and card follow, and Siri (in Slack) is told it is filled.
    const accept = /"action":"invitation_accept","value":"([0-9a-f-]+)"/.exec(json(invitation))![1]!;
    await post(teamsActivity(connector.url, { id: nextId(), type: 'message', ...OLA, value: { action: 'invitation_accept', value: accept }, replyToId: 'activity-invite' }));
    await eventually(() => {
      const thread = connector.calls.filter((call) => call.conversationId.startsWith(`${CHANNEL};messageid=`)).map(json).join('\n');
      expect(thread).toContain('Ola sa ja (1 av 1).');
      expect(thread).toContain('Forespørselen er fylt. Takk, alle sammen!');
      expect(connector.calls.some((call) => call.method === 'PUT' && call.conversationId === CHANNEL && json(call).includes('Fylt · 1 av 1 plass er tatt'))).toBe(true);
      expect(h.slack.messagesIn('USIRI').some((m) => JSON.stringify(m.blocks).includes('Denne forespørselen er fylt.'))).toBe(true);
    }, 10_000);
  });

  it('explains that requests are posted from a channel when asked in a personal chat', async () => {
    await post(teamsActivity(connector.url, { id: nextId(), type: 'message', ...KARI, text: 'request' }));
    expect(connector.calls.some((call) => json(call).includes('Legg ut forespørsler i en teamkanal'))).toBe(true);
  });
});
