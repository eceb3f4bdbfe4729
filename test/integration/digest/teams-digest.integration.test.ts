// The weekly digest in Teams, over real HTTP: an admin types `admin digest add …` in the channel
// itself, the digest arrives there as an Adaptive Card (with "I can help" buttons) and a second
// card with the chart as a PNG image, both within Teams' size limit; the preview is personal.
import { digestFields, runDigests } from '../../../src/jobs/digest.ts';
import { TEAMS_LIMITS } from '../../../src/platforms/teams/adaptive-cards.ts';
import { eventually } from '../../support/eventually.ts';
import { FakeConnector, teamsActivity, type ConnectorCall } from '../../support/fake-connector.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { postInteraction, stateValues, viewSubmission } from '../../support/slack-requests.ts';

const KARI = { userId: '29:kari', aadObjectId: 'aad-kari', name: 'Kari' };
const OLA = { userId: '29:ola', aadObjectId: 'aad-ola', name: 'Ola' };
const CHANNEL = '19:digest@thread.tacv2';
const DAY = 86_400_000;

describe('Teams: the weekly digest', () => {
  let h: SlackHarness;
  let connector: FakeConnector;
  let counter = 0;

  beforeAll(async () => {
    h = await startSlackHarness({ TEAMS_ALLOWED_TENANTS: 'tenant-1' });
    connector = await new FakeConnector().start();
    connector.addMember({ ...KARI, id: KARI.userId, email: 'kari@uni.example' });
    connector.addMember({ ...OLA, id: OLA.userId, email: 'ola@example.no' });
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
  });

  afterAll(async () => {
    await connector.stop();
    await h.stop();
  });

  /** Someone types (or presses a button) in the digest channel or in their personal chat; returns what the bot sent there. */
  async function say(user: typeof KARI, fields: { text?: string; value?: Record<string, unknown> }, where: 'channel' | 'personal'): Promise<ConnectorCall[]> {
    const id = `act-${(counter += 1)}`;
    const activity = teamsActivity(connector.url, { id, type: 'message', ...user, ...(fields.text ? { text: where === 'channel' ? `<at>Alumni Bridge</at> ${fields.text}` : fields.text } : {}), ...(fields.value ? { value: fields.value, replyToId: 'activity-1' } : {}) });
    const sent = where === 'channel'
      ? { ...activity, conversation: { id: `${CHANNEL};messageid=${id}`, conversationType: 'channel', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } } }
      : activity;
    const before = connector.calls.length;
    const response = await fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sent) });
    expect(response.status).toBe(200);
    const conversation = where === 'channel' ? CHANNEL : `a:personal-${user.aadObjectId}`;
    return connector.calls.slice(before).filter((call) => call.method !== 'GET' && call.conversationId.startsWith(conversation));
  }

  const text = (calls: ConnectorCall[]) => calls.map((call) => String(call.body.text ?? '')).join('\n');
  const cardOf = (call: ConnectorCall) => (call.body.attachments as { content: { body: Record<string, unknown>[]; actions?: { data: { action: string } }[] } }[])[0]!.content;

  it('lets an admin add the channel it is typed in; others are refused', async () => {
    const submitted = await postInteraction(h.base, viewSubmission('UKARI', 'post_request', stateValues({
      title: { value: 'Karrierepanel' },
      type: { selected_option: { value: 'career_talk' } },
      unitId: { selected_option: { value: h.unitId } },
      description: { value: 'Om arbeidslivet.' },
      startsAt: { selected_date_time: Math.floor((Date.now() + 30 * DAY) / 1000) },
      format: { selected_option: { value: 'digital' } },
      needed: { value: '2' },
      replyBy: { selected_date: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10) },
      channel: { selected_conversation: 'CSTAFF' },
    })));
    expect(submitted.status).toBe(200);
    expect(text(await say(OLA, { text: 'admin digest list' }, 'personal'))).toContain('Bare administratorer');
    expect(text(await say(KARI, { text: 'admin digest add NOPE' }, 'channel'))).toBe('Det finnes ingen enhet med koden NOPE. Ingenting ble endret.');
    expect(text(await say(KARI, { text: 'admin digest add econ en alumni' }, 'channel'))).toBe('Ukeoversikten for ECON blir lagt ut i denne kanalen på engelsk hver uke til oversiktstiden.');
    expect(text(await say(KARI, { text: 'admin digest add' }, 'personal'))).toContain('i kanalen som skal få ukeoversikten');
    expect(text(await say(KARI, { text: 'admin digest list' }, 'personal'))).toMatch(/^19:digest@thread\.tacv2 \(Teams\): ECON Økonomisk institutt, engelsk, alumner leser den\. Siste oversikt: ingen ennå$/);
  });

  it('posts the digest card and the chart card in the channel, once, within Teams limits', async () => {
    expect(await runDigests(h.service.ctx, digestFields('0 0 * * 1'))).toEqual({ posted: 1, skipped: 0 });
    const [main, chart] = await eventually(() => {
      const posted = connector.activitiesIn(CHANNEL).filter((call) => call.method === 'POST' && call.body.attachments);
      expect(posted).toHaveLength(2);
      return posted;
    }, 15_000);
    for (const call of [main!, chart!]) expect(Buffer.byteLength(JSON.stringify(call.body))).toBeLessThan(TEAMS_LIMITS.payloadBytes);
    expect(JSON.stringify(cardOf(main!))).toContain('alumni activity for Department of Economics');
    expect(cardOf(main!).actions?.map((action) => action.data.action)).toEqual(['digest_help']);
    const image = cardOf(chart!).body.find((element) => element.type === 'Image')!;
    expect(String(image.url)).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(await runDigests(h.service.ctx, digestFields('0 0 * * 1'))).toEqual({ posted: 0, skipped: 0 });
  });

  it('answers "I can help" and shows the preview in the personal chat only', async () => {
    const main = connector.activitiesIn(CHANNEL).find((call) => JSON.stringify(call.body).includes('digest_help'))!;
    const requestId = /"action":"digest_help","value":"([0-9a-f-]+)"/.exec(JSON.stringify(main.body))![1]!;
    expect(text(await say(OLA, { value: { action: 'digest_help', value: requestId } }, 'channel'))).toContain('Oppdater samtykket');
    expect(text(await say(KARI, { text: 'admin digest preview' }, 'channel'))).toContain('skriv `admin digest preview` til meg i vår personlige chat');
    const preview = await say(KARI, { text: 'admin digest preview econ' }, 'personal');
    expect(preview).toHaveLength(2);
    expect(JSON.stringify(cardOf(preview[0]!))).toContain('Karrierepanel');
  });
});
