// The weekly digest in Teams, over real HTTP: an admin types `admin digest add …` in the channel
// itself, the digest arrives there as an Adaptive Card (with "I can help" buttons) and a second
// card with the chart as a PNG image, both within Teams' size limit; the preview is personal.
// Reports come as CSV files through the file-consent card, to admins only; a channel added from
// the CLI that the bot cannot reach fails alone, shows as FAILED with the day, and admins are
// told once.
import { digestFields, runDigests } from '../../../src/jobs/digest.ts';
import { cli } from '../../support/faculty.ts';
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

  /** Someone answers a file-consent card in their personal chat; returns what the bot sent there. */
  async function consent(user: typeof KARI, action: 'accept' | 'decline', offered: { name: string; content: { acceptContext: unknown } }): Promise<ConnectorCall[]> {
    const activity = { ...teamsActivity(connector.url, { id: `act-${(counter += 1)}`, type: 'invoke', ...user }), name: 'fileConsent/invoke', value: { type: 'fileUpload', action, context: offered.content.acceptContext, ...(action === 'accept' ? { uploadInfo: { name: offered.name, uploadUrl: connector.uploadUrl(offered.name), contentUrl: `https://onedrive.example/${offered.name}`, uniqueId: `file-${counter}`, fileType: 'csv' } } : {}) } };
    const before = connector.calls.length;
    const response = await fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    expect(response.status).toBe(200);
    return connector.calls.slice(before).filter((call) => call.method !== 'GET' && call.conversationId === `a:personal-${user.aadObjectId}`);
  }

  type Offered = { contentType: string; name: string; content: { sizeInBytes: number; acceptContext: unknown } };
  const offeredFile = (calls: ConnectorCall[]) => (calls[0]?.body.attachments as Offered[] | undefined)?.[0];

  it('gives an admin a report as a CSV file through the file-consent card', async () => {
    const offer = await say(KARI, { text: 'admin report requests' }, 'personal');
    expect(text(offer)).toMatch(/^Rapporten requests_\d{4}-01-01_\d{4}-12-31\.csv er klar \(1 rader, \d+ B\)\. Godta for å lagre den i OneDrive\.$/);
    const file = offeredFile(offer)!;
    expect(file.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
    expect(file.name).toMatch(/^requests_\d{4}-01-01_\d{4}-12-31\.csv$/);

    const saved = await consent(KARI, 'accept', file);
    const uploaded = connector.uploads.get(file.name)!;
    expect(uploaded.bytes.length).toBe(file.content.sizeInBytes);
    expect(uploaded.range).toBe(`bytes 0-${uploaded.bytes.length - 1}/${uploaded.bytes.length}`);
    const csv = uploaded.bytes.toString('utf8');
    expect(csv.startsWith('\uFEFFId;Tittel;Type bidrag;Enhet;')).toBe(true);
    expect(csv).toContain(';Karrierepanel;Karriereprat;ECON;;Åpen;2;0;');
    expect(text(saved)).toBe(`Rapporten er lagret i OneDrive som ${file.name}.`);
    expect((saved[0]!.body.attachments as { contentType: string }[])[0]!.contentType).toBe('application/vnd.microsoft.teams.card.file.info');
  });

  it('refuses reports to others, answers bad input with the usage, and sends files only in the personal chat', async () => {
    expect(text(await say(OLA, { text: 'admin report requests' }, 'personal'))).toContain('Bare administratorer');
    const offered = offeredFile(await say(KARI, { text: 'admin report thank-you --from 2026-01-01 --to 2026-06-30 --delimiter ,' }, 'personal'))!;
    expect(offered.name).toBe('thank-you_2026-01-01_2026-06-30.csv');
    // Someone else sending back the admin's card gets nothing uploaded.
    const uploads = connector.uploads.size;
    expect(text(await consent(OLA, 'accept', offered))).toBe('Denne filen ble tilbudt en annen.');
    expect(connector.uploads.size).toBe(uploads);
    expect(text(await consent(KARI, 'decline', offered))).toBe('Greit, ingen fil ble lagret. Skriv `admin report …` igjen når du vil.');

    const usage = 'Skriv `admin report activity-map|thank-you|requests|invitations|feedback [--from 2026-01-01] [--to 2026-12-31]` til meg i vår personlige chat: rapporten kommer som en CSV-fil.';
    expect(text(await say(KARI, { text: 'admin report nope' }, 'personal'))).toBe(`Det finnes ingen rapport som heter «nope». ${usage}`);
    expect(text(await say(KARI, { text: 'admin report feedback --from 2026-02-30' }, 'personal'))).toBe(`«2026-02-30» er ikke en dato: skriv ÅÅÅÅ-MM-DD. ${usage}`);
    expect(text(await say(KARI, { text: 'admin report feedback --from 2026-05-01 --to 2026-04-01' }, 'personal'))).toBe(`--from kan ikke være etter --to. ${usage}`);
    expect(text(await say(KARI, { text: 'admin report' }, 'personal'))).toBe(usage);
    expect(text(await say(KARI, { text: 'admin report requests' }, 'channel'))).toContain('jeg kan bare sende deg en fil i vår personlige chat');
  });

  it('shows a channel added from the CLI that the bot cannot reach, or a deleted one, as FAILED with the day; admins are told once', async () => {
    const LOST = '19:cli-added@thread.tacv2';
    expect(await cli(h.databaseEnv, ['digest', 'add', 'teams', 'tenant-1', LOST])).toContain(LOST);
    expect(await runDigests(h.service.ctx, digestFields('0 0 * * 1'))).toEqual({ posted: 1, skipped: 0 });
    const failed = /^19:cli-added@thread\.tacv2 \(Teams\): hele fakultetet, norsk\. Siste oversikt: uke \d+, FEILET \d+\. \w+ \d{4}: boten har aldri vært brukt i denne kanalen, så Teams når den ikke der \(channel_unknown\)$/m;
    await eventually(async () => expect(text(await say(KARI, { text: 'admin digest list' }, 'personal'))).toMatch(failed), 15_000);
    // The other channel still shows its digest as posted.
    expect(text(await say(KARI, { text: 'admin digest list' }, 'personal'))).toMatch(/^19:digest@thread\.tacv2 \(Teams\): ECON .*uke \d+, lagt ut$/m);
    expect(await cli(h.databaseEnv, ['digest', 'list'])).toMatch(/19:cli-added@thread\.tacv2 \(tenant-1\) \(Teams\): .*FEILET \d+\. \w+ \d{4}: boten har aldri vært brukt/);
    // Kari uses Slack too (she posted the request there): the notice goes where she prefers.
    const notices = () => [...connector.activitiesIn(`a:personal-${KARI.aadObjectId}`).map((call) => JSON.stringify(call.body)), ...h.slack.messagesIn('UKARI').map((message) => JSON.stringify(message))].filter((body) => body.includes('kunne ikke legges ut'));
    await eventually(() => expect(notices()).toHaveLength(1), 15_000);
    expect(notices()[0]).toContain('19:cli-added@thread.tacv2 (Teams)');

    // A week later it fails again, and the ECON channel has been deleted in Teams (the connector answers 404):
    // both show as FAILED, the lost channel is not news any more, the deleted one is.
    const nextWeek = { ...h.service.ctx, clock: { now: () => new Date(Date.now() + 7 * DAY) } };
    connector.failNext(404);
    expect(await runDigests(nextWeek, digestFields('0 0 * * 1'))).toEqual({ posted: 2, skipped: 0 });
    // Nothing else is sent until the digest is through (the fake's failure goes to the next send).
    await eventually(async () => expect(await h.service.database.prisma.digestRun.count({ where: { state: 'failed' } })).toBe(3), 15_000);
    const lines = text(await say(KARI, { text: 'admin digest list' }, 'personal'));
    expect(lines).toMatch(/^19:digest@thread\.tacv2 \(Teams\): ECON .*uke \d+, FEILET \d+\. \w+ \d{4}: kanalen finnes ikke, eller er slettet \(http_404\)$/m);
    expect(lines.match(/FEILET/g)).toHaveLength(2);
    expect(await h.service.database.prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'digest-failed:' } } })).toBe(2);
    await eventually(() => expect(notices()).toHaveLength(2), 15_000);
    expect(notices()[1]).toContain('ECON');
  });
});
