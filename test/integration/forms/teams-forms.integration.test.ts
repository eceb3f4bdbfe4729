// Feedback forms over real HTTP on Teams (Bot Framework activities in, fake Bot Connector out):
// the owner marks the request as held from its card in the channel, the alumnus answers in
// personal chat with buttons (cards replaced in place) and typed replies, the owner answers hers,
// gets the summary, and the request closes.
import { eventually } from '../../support/eventually.ts';
import { FakeConnector, teamsActivity, type ConnectorCall } from '../../support/fake-connector.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { ShiftedClock } from '../lifecycle/lifecycle-harness.ts';

const KARI = { userId: '29:kari', aadObjectId: 'aad-kari', name: 'Kari' };
const OLA = { userId: '29:ola', aadObjectId: 'aad-ola', name: 'Ola' };
const CHANNEL = '19:staff@thread.tacv2';
const DAY = 86_400_000;
const TITLE = 'Gjesteforelesning i Teams';

describe('Feedback forms in Teams', () => {
  let h: SlackHarness;
  let connector: FakeConnector;
  let counter = 0;
  const clock = new ShiftedClock();

  beforeEach(async () => {
    h = await startSlackHarness();
    h.service.ctx.clock = clock;
    connector = await new FakeConnector().start();
    connector.addMember({ id: KARI.userId, aadObjectId: KARI.aadObjectId, name: 'Kari', email: 'kari@uni.example' });
    connector.addMember({ id: OLA.userId, aadObjectId: OLA.aadObjectId, name: 'Ola', email: 'ola@example.no' });
  });

  afterEach(async () => {
    await connector.stop();
    await h.stop();
  });

  const post = async (activity: Record<string, unknown>) => {
    const response = await fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(response.status).toBe(200);
  };
  const nextId = () => `act-${(counter += 1)}`;
  const json = (call: ConnectorCall) => JSON.stringify(call.body);
  const personal = (who: { aadObjectId: string }) => `a:personal-${who.aadObjectId}`;
  const inChannel = (fields: Parameters<typeof teamsActivity>[1]) => ({
    ...teamsActivity(connector.url, fields),
    conversation: { id: `${CHANNEL};messageid=${fields.id}`, conversationType: 'channel', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } },
  });
  const type = (who: typeof OLA, text: string) => post(teamsActivity(connector.url, { id: nextId(), type: 'message', ...who, text }));
  const press = (who: typeof OLA, action: string, value: string, replyToId: string) => post(teamsActivity(connector.url, { id: nextId(), type: 'message', ...who, value: { action, value }, replyToId }));

  /** The newest message sent (not an update) to someone's personal chat that says this. */
  const sentTo = (who: typeof OLA, text: string): Promise<ConnectorCall & { id: string }> =>
    eventually(() => {
      const index = connector.calls.map((call, i) => [call, i] as const).filter(([call]) => call.method === 'POST' && call.conversationId === personal(who) && json(call).includes(text)).at(-1);
      expect(index).toBeDefined();
      return { ...index![0], id: `activity-${countPostsBefore(index![1]) + 1}` };
    }, 10_000);
  /** The fake connector numbers the activities it accepts (POSTs of messages) in order. */
  const countPostsBefore = (index: number) => connector.calls.slice(0, index).filter((call) => call.method === 'POST' && !call.path.endsWith('/members')).length;
  const button = (call: ConnectorCall, action: string) => new RegExp(`"action":"${action}","value":"([^"]+)"`).exec(json(call))?.[1] ?? '';

  it('takes a whole form from "Mark as held" to the owner\'s summary, and closes the request', async () => {
    for (const who of [OLA, KARI]) await post(teamsActivity(connector.url, { id: nextId(), type: 'conversationUpdate', ...who, membersAdded: [{ id: '28:alumni-bot' }] }));
    await post(teamsActivity(connector.url, { id: nextId(), type: 'message', ...OLA, value: { action: 'give_consent', value: '', purposes: 'guest_lecture' } }));
    await post(inChannel({ id: 'form-1', type: 'message', ...KARI, text: '<at>Alumni Bridge</at> request' }));
    await post(inChannel({
      id: nextId(), type: 'message', ...KARI, replyToId: 'activity-form',
      value: {
        action: 'post_request', value: '', title: TITLE, type: 'guest_lecture', unitId: h.unitId, description: 'Om digital forvaltning.', expertise: '',
        startsAt: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10), startsAt_time: '10:15', format: 'campus', needed: '1',
        replyBy: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10),
      },
    }));
    const invitation = await sentTo(OLA, 'Kan du bidra?');
    await press(OLA, 'invitation_accept', button(invitation, 'invitation_accept'), invitation.id);
    const requestCard = await eventually(() => {
      const found = connector.calls.filter((call) => call.conversationId.startsWith(CHANNEL) && json(call).includes('"action":"request_complete"')).at(-1);
      expect(found).toBeDefined();
      return found!;
    }, 10_000);
    clock.advance(31 * DAY);
    let from = connector.calls.length;
    await post(inChannel({ id: nextId(), type: 'message', ...KARI, value: { action: 'request_complete', value: button(requestCard, 'request_complete') } }));
    expect(connector.calls.slice(from).map(json).join('\n')).toContain(`«${TITLE}» er merket som gjennomført.`);

    // Ola answers: a button, then typed replies (one refused), a choice, yes, a comment, and sends.
    const q1 = await sentTo(OLA, 'Hvordan gikk det, alt i alt?');
    expect(json(q1)).toContain(`«${TITLE}» (gjesteforelesning,`);
    expect(json(q1)).toContain('"title":"4 · Svært bra"');
    from = connector.calls.length;
    await press(OLA, 'form_answer_4', button(q1, 'form_answer_4'), q1.id);
    const replaced = connector.calls.slice(from).find((call) => call.method === 'PUT' && call.activityId === q1.id);
    expect(replaced && json(replaced)).toContain('Ditt svar: 4 – Svært bra');
    expect(json(replaced!)).not.toContain('form_answer');
    await sentTo(OLA, '2. Hvor godt forberedte');
    await type(OLA, '0');
    await sentTo(OLA, '0 er ikke på skalaen.');
    await type(OLA, '5');
    const q3 = await sentTo(OLA, '3. Hvordan passet nivået');
    await press(OLA, 'form_answer_2', button(q3, 'form_answer_2'), q3.id);
    await sentTo(OLA, '4. Vil du gjerne');
    await type(OLA, 'ja');
    await sentTo(OLA, '5. Noe vi bør gjøre annerledes');
    await type(OLA, 'Mer tid til spørsmål.');
    const review = await sentTo(OLA, 'Her er svarene dine.');
    await press(OLA, 'form_submit', button(review, 'form_submit'), review.id);
    await eventually(() => expect(connector.calls.some((call) => call.method === 'PUT' && call.activityId === review.id && json(call).includes('Takk! Svarene dine er lagret.'))).toBe(true));

    // Kari answers the owner's form by typing, then gets the summary; the request is closed.
    await sentTo(KARI, 'Ville du invitert dem igjen?');
    for (const answer of ['ja', '5', 'Gode eksempler.', 'hopp over']) await type(KARI, answer);
    await sentTo(KARI, 'Her er svarene dine.');
    await type(KARI, 'send');
    const summary = await sentTo(KARI, `Tilbakemeldinger om «${TITLE}»`);
    expect(json(summary)).toContain('Hvordan gikk det, alt i alt?: 4 – Svært bra');
    expect(json(summary)).toContain('Hvordan passet nivået for studentene?: Passe');
    await eventually(async () => expect(await h.service.database.prisma.request.findFirst({ select: { state: true } })).toEqual({ state: 'closed' }));
    const sessions = await h.service.database.prisma.formSession.findMany({ orderBy: { createdAt: 'asc' }, select: { answers: true, platform: true, state: true } });
    expect(sessions).toEqual([
      { answers: { overall: 4, preparation: 5, level: 'right', again: true, comment: 'Mer tid til spørsmål.' }, platform: 'teams', state: 'completed' },
      { answers: { invite_again: true, goals: 5, worked: 'Gode eksempler.' }, platform: 'teams', state: 'completed' },
    ]);
    // With no form going, a typed word is a command again.
    from = connector.calls.length;
    await type(OLA, 'feedback');
    await eventually(() => expect(connector.calls.slice(from).map(json).join('\n')).toContain('Du har ingen åpne tilbakemeldingsskjemaer. Takk!'));
  });
});
