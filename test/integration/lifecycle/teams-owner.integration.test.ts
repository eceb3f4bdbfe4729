// Teams over HTTP (real service, fake Bot Connector): a staff member who never installed the
// app personally has no personal chat with the bot, so their notices cannot reach them there.
// They land in the request's thread in the channel instead, and the owner confirms from there.
import { eventually } from '../../support/eventually.ts';
import { FakeConnector, teamsActivity, type ConnectorCall } from '../../support/fake-connector.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';

const KARI = { userId: '29:kari', aadObjectId: 'aad-kari', name: 'Kari' };
const PER = { userId: '29:per', aadObjectId: 'aad-per', name: 'Per' };
const OLA = { userId: '29:ola', aadObjectId: 'aad-ola', name: 'Ola' };
const CHANNEL = '19:staff@thread.tacv2';
const DAY = 86_400_000;

describe('Lifecycle: a Teams owner without a personal chat', () => {
  let h: SlackHarness;
  let connector: FakeConnector;
  let counter = 0;

  beforeEach(async () => {
    h = await startSlackHarness();
    connector = await new FakeConnector().start();
    connector.addMember({ id: KARI.userId, aadObjectId: KARI.aadObjectId, name: 'Kari', email: 'kari@uni.example' });
    connector.addMember({ id: PER.userId, aadObjectId: PER.aadObjectId, name: 'Per', email: 'per@uni.example' });
    connector.addMember({ id: OLA.userId, aadObjectId: OLA.aadObjectId, name: 'Ola', email: 'ola@example.no' });
  });

  afterEach(async () => {
    await connector.stop();
    await h.stop();
  });

  const post = (activity: Record<string, unknown>) => fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const nextId = () => `act-${(counter += 1)}`;
  const inChannel = (fields: Parameters<typeof teamsActivity>[1], thread = fields.id) => {
    const activity = teamsActivity(connector.url, fields);
    return { ...activity, conversation: { id: `${CHANNEL};messageid=${thread}`, conversationType: 'channel', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } } };
  };
  const json = (call: { body: Record<string, unknown> }) => JSON.stringify(call.body);
  const inThread = () => connector.calls.filter((call) => call.conversationId.startsWith(`${CHANNEL};messageid=`));
  const said = (from: number) => connector.calls.slice(from).map(json).join('\n');

  it('posts the "said yes" notice with its Confirm button in the request thread, and the owner confirms there', async () => {
    await post(teamsActivity(connector.url, { id: nextId(), type: 'conversationUpdate', ...OLA, membersAdded: [{ id: '28:alumni-bot' }] }));
    await post(teamsActivity(connector.url, { id: nextId(), type: 'message', ...OLA, value: { action: 'give_consent', value: '', purposes: 'guest_lecture' } }));
    await post(inChannel({ id: 'form-1', type: 'message', ...KARI, text: '<at>Alumni Bridge</at> request' }));
    await post(inChannel({
      id: nextId(), type: 'message', ...KARI, replyToId: 'activity-form',
      value: {
        action: 'post_request', value: '', title: 'Gjesteforelesning i Teams', type: 'guest_lecture', unitId: h.unitId, description: 'Om digital forvaltning.', expertise: '',
        startsAt: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10), startsAt_time: '10:15', format: 'campus', needed: '1',
        replyBy: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10),
      },
    }));
    const invitation = await eventually(() => {
      const sent = connector.calls.find((call) => call.conversationId === `a:personal-${OLA.aadObjectId}` && json(call).includes('Kan du bidra?'));
      expect(sent).toBeDefined();
      return sent!;
    });
    const accept = /"action":"invitation_accept","value":"([0-9a-f-]+)"/.exec(json(invitation))![1]!;
    await post(teamsActivity(connector.url, { id: nextId(), type: 'message', ...OLA, value: { action: 'invitation_accept', value: accept }, replyToId: 'activity-invite' }));

    const notice: ConnectorCall = await eventually(() => {
      const found = inThread().find((call) => json(call).includes('"action":"request_confirm"'));
      expect(found).toBeDefined();
      return found!;
    }, 10_000);
    expect(json(notice)).toContain('Ola sa ja til «Gjesteforelesning i Teams»');
    expect(json(notice)).toContain('Til Kari: Jeg nådde deg ikke i en personlig chat.');
    const confirm = /"action":"request_confirm","value":"([0-9a-f-]+)"/.exec(json(notice))![1]!;
    const thread = notice.conversationId.split('messageid=')[1]!;

    // Per is not the owner: he is told who may confirm, and nothing changes.
    let from = connector.calls.length;
    await post(inChannel({ id: nextId(), type: 'message', ...PER, value: { action: 'request_confirm', value: confirm }, replyToId: 'notice-activity' }, thread));
    expect(said(from)).toContain('Bare Kari, som la ut forespørselen, eller en admin kan gjøre dette.');

    from = connector.calls.length;
    await post(inChannel({ id: nextId(), type: 'message', ...KARI, value: { action: 'request_confirm', value: confirm }, replyToId: 'notice-activity' }, thread));
    const replaced = connector.calls.slice(from).find((call) => call.method === 'PUT' && call.activityId === 'notice-activity');
    expect(replaced && json(replaced)).toContain('Du bekreftet Ola for «Gjesteforelesning i Teams».');
    expect(json(replaced!)).not.toContain('request_confirm');
    await eventually(() => {
      expect(connector.calls.some((call) => call.conversationId === `a:personal-${OLA.aadObjectId}` && json(call).includes('Du er bekreftet for «Gjesteforelesning i Teams».'))).toBe(true);
      expect(inThread().map(json).join('\n')).toContain('Kari bekreftet Ola.');
    });
    const state = await h.service.database.prisma.invitation.findUniqueOrThrow({ where: { id: confirm } });
    expect(state.state).toBe('confirmed');
  });
});
