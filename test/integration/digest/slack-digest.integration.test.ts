// The weekly digest in Slack, over real HTTP from a fresh install: the admin chooses channels
// with `/alumni admin digest …` (a channel the bot is not in is refused), previews, the job
// posts the digest with its chart (files.uploadV2) in each channel once, a deleted channel
// fails alone and shows as FAILED, alumni press "I can help", and a report lands in the DM.
import { digestFields, runDigests } from '../../../src/jobs/digest.ts';
import { eventually } from '../../support/eventually.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { blockAction, postCommand, postEvent, postInteraction, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';

const DAY = 86_400_000;
const EVERY_WEEK = digestFields('0 0 * * 1'); // Monday 00:00: always past in the current week

describe('Slack: the weekly digest', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness();
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    h.slack.addUser({ id: 'UOLA', name: 'Ola', email: 'ola@example.no' });
    h.slack.addUser({ id: 'UPER', name: 'Per', email: 'per@example.no', locale: 'en-GB' });
    h.slack.refuseChannel('CNOTIN', 'not_in_channel');
  });

  afterAll(async () => {
    await h.stop();
  });

  async function command(userId: string, text: string): Promise<{ text: string; blocks: string }> {
    const before = h.slack.responses.length;
    expect((await postCommand(h.base, slashCommand(h.slack.url, userId, text))).status).toBe(200);
    const answer = h.slack.responses.slice(before).find((response) => response.id === `cmd-${userId}`);
    return { text: String(answer?.body.text ?? ''), blocks: JSON.stringify(answer?.body.blocks ?? []) };
  }

  async function join(userId: string, purpose: string) {
    await postCommand(h.base, slashCommand(h.slack.url, userId, 'join'));
    const response = await postInteraction(h.base, viewSubmission(userId, 'give_consent', stateValues({ purposes: { type: 'multi_static_select', selected_options: [{ value: purpose }] } })));
    expect(response.status).toBe(200);
  }

  it('lets the admin post a request and choose digest channels; refuses what cannot work', async () => {
    await join('UOLA', 'guest_lecture');
    await join('UPER', 'mentoring');
    const request = stateValues({
      title: { type: 'plain_text_input', value: 'Gjesteforelesning om skatt' },
      type: { type: 'static_select', selected_option: { value: 'guest_lecture' } },
      unitId: { type: 'static_select', selected_option: { value: h.unitId } },
      programmeId: { type: 'static_select', selected_option: { value: h.programmeId } },
      course: { type: 'plain_text_input', value: null },
      description: { type: 'plain_text_input', value: 'Nitti minutter.' },
      expertise: { type: 'plain_text_input', value: 'skatt' },
      startsAt: { type: 'datetimepicker', selected_date_time: Math.floor((Date.now() + 40 * DAY) / 1000) },
      format: { type: 'static_select', selected_option: { value: 'campus' } },
      needed: { type: 'number_input', value: '2' },
      replyBy: { type: 'datepicker', selected_date: new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10) },
      channel: { type: 'conversations_select', selected_conversation: 'CSTAFF' },
    });
    expect((await postInteraction(h.base, viewSubmission('UKARI', 'post_request', request))).status).toBe(200);
    // The request card is in the channel (thread lines may follow it under the card).
    await eventually(() => expect(h.slack.messagesIn('CSTAFF').filter((message) => !message.thread_ts)).toHaveLength(1), 15_000);

    expect((await command('UOLA', 'admin digest list')).text).toContain('ikke administrator');
    expect((await command('UKARI', 'admin digest add <#CNOTIN|hemmelig>')).text).toBe('Jeg er ikke med i <#CNOTIN>, så jeg kunne ikke skrive der. Inviter meg (`/invite @Alumni Bridge`) og prøv igjen. Ingenting ble endret.');
    expect((await command('UKARI', 'admin digest add <#CX|x> NOPE')).text).toBe('Det finnes ingen enhet med koden NOPE. Ingenting ble endret.');
    expect((await command('UKARI', 'admin digest add <#CDIGEST|okonomi> econ en alumni')).text).toBe('Ukeoversikten for ECON blir lagt ut i <#CDIGEST> på engelsk hver uke til oversiktstiden.');
    expect(h.slack.messagesIn('CDIGEST').map((message) => message.text)).toEqual(['This channel will get the weekly alumni digest for Department of Economics, in english.']);
    expect((await command('UKARI', 'admin digest add <#CFAC|fakultet>')).text).toContain('<#CFAC>');
    expect((await command('UKARI', 'admin digest list')).text).toBe([
      '<#CFAC> (Slack): hele fakultetet, norsk. Siste oversikt: ingen ennå',
      '<#CDIGEST> (Slack): ECON Økonomisk institutt, engelsk, alumner leser den. Siste oversikt: ingen ennå',
    ].join('\n'));
  });

  it('previews the digest only for the asker, with its chart in the asker’s DM', async () => {
    const uploads = h.slack.uploads.size;
    const preview = await command('UKARI', 'admin digest preview');
    expect(preview.blocks).toContain('alumniaktivitet for fakultetet');
    expect(preview.blocks).toContain('Gjesteforelesning om skatt');
    expect(preview.blocks).toContain('Forhåndsvisning, bare for deg. Diagrammet over de siste 12 ukene ligger i direktemeldingene dine med meg.');
    expect(preview.blocks).not.toContain('digest_help');
    // One file, shared in Kari's DM with the bot and nowhere else.
    expect(h.slack.uploads.size).toBe(uploads + 1);
    const chart = h.slack.filesIn('UKARI').at(-1)!;
    expect(chart.bytes!.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(chart.title).toBe('Forespørsler, invitasjoner og ja-svar, siste 12 uker (fakultetet)');
    expect(chart.comment).toBe('Forhåndsvisning av ukeoversikten, bare for deg: de siste 12 ukene');
    expect([...h.slack.uploads.values()].filter((upload) => upload.channel !== 'DKARI')).toHaveLength(0);
  });

  it('posts once per channel with the chart; a deleted channel fails alone and shows as FAILED', async () => {
    h.slack.refuseChannel('CFAC', 'channel_not_found');
    expect(await runDigests(h.service.ctx, EVERY_WEEK)).toEqual({ posted: 2, skipped: 0 });
    expect(await runDigests(h.service.ctx, EVERY_WEEK)).toEqual({ posted: 0, skipped: 0 });
    const digest = await eventually(() => {
      const posted = h.slack.messagesIn('CDIGEST').filter((message) => JSON.stringify(message.blocks).includes('alumni activity'));
      expect(posted).toHaveLength(1);
      expect(h.slack.filesIn('CDIGEST')).toHaveLength(1);
      return posted[0]!;
    }, 15_000);
    expect(JSON.stringify(digest.blocks)).toContain('Still needs people');
    expect(JSON.stringify(digest.blocks)).toContain('"action_id":"digest_help"');
    const chart = h.slack.filesIn('CDIGEST')[0]!;
    expect(chart.bytes!.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(chart.title).toMatch(/^Requests, invitations and acceptances, last 12 weeks/);
    await eventually(async () => expect((await command('UKARI', 'admin digest list')).text).toMatch(/^<#CFAC> \(Slack\): hele fakultetet, norsk\. Siste oversikt: uke \d+, FEILET \d+\. \w+ \d{4}: kanalen finnes ikke, eller er slettet \(channel_not_found\)\n<#CDIGEST> .*uke \d+, lagt ut$/), 15_000);
    // Kari, the admin, is told once, in her DM.
    const notices = () => h.slack.messagesIn('UKARI').filter((message) => JSON.stringify(message.blocks).includes('En ukeoversikt kunne ikke legges ut'));
    await eventually(() => expect(notices()).toHaveLength(1), 15_000);
    expect(JSON.stringify(notices()[0]!.blocks)).toContain('kunne ikke legges ut i #CFAC (Slack)');
    // The admin status on Kari's Home tab names the failing channel; the working one is not listed.
    const event = { type: 'app_home_opened', user: 'UKARI', channel: 'DUKARI', tab: 'home' };
    expect((await postEvent(h.base, { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: 'EvDigestHome', event_time: 1, event })).status).toBe(200);
    const home = await eventually(() => {
      const view = JSON.stringify(h.slack.callsTo('views.publish').filter((call) => call.params.user_id === 'UKARI').at(-1)?.params.view ?? {});
      expect(view).toContain('#CFAC (Slack)');
      return view;
    }, 15_000);
    expect(home).toMatch(/#CFAC \(Slack\): hele fakultetet, norsk\. Siste oversikt: uke \d+, FEILET/);
    expect(home).not.toContain('#CDIGEST');
    expect(await runDigests(h.service.ctx, EVERY_WEEK)).toEqual({ posted: 0, skipped: 0 });
    expect(await h.service.database.prisma.outboxMessage.count({ where: { idempotencyKey: { startsWith: 'digest-failed:' } } })).toBe(1);
  });

  it('answers "I can help": already asked, or no consent for this kind of work', async () => {
    const digest = h.slack.messagesIn('CDIGEST').find((message) => JSON.stringify(message.blocks).includes('digest_help'))!;
    const requestId = /"action_id":"digest_help","value":"([0-9a-f-]+)"/.exec(JSON.stringify(digest.blocks))![1]!;
    const press = async (userId: string) => {
      const before = h.slack.responses.length;
      expect((await postInteraction(h.base, blockAction(h.slack.url, userId, 'digest_help', requestId, { channel: 'CDIGEST', ts: digest.ts }))).status).toBe(200);
      return String(h.slack.responses.slice(before).at(-1)?.body.text ?? '');
    };
    expect(await press('UOLA')).toBe('Du er allerede spurt om «Gjesteforelesning om skatt»: svar på invitasjonen i direktemeldingene dine.');
    expect(await press('UPER')).toContain('You have not agreed to be asked for this kind of work');
  });

  it('sends a report as a CSV file in the admin’s DM', async () => {
    expect((await command('UKARI', 'admin report requests')).text).toBe('Rapporten (1 rader) ligger i direktemeldingene dine med meg.');
    const file = h.slack.filesIn('UKARI').at(-1)!;
    expect(file.filename).toMatch(/^requests_\d{4}-01-01_\d{4}-12-31\.csv$/);
    const csv = file.bytes!.toString('utf8');
    expect(csv.startsWith('\uFEFFId;Tittel;Type bidrag;Enhet;')).toBe(true);
    expect(csv).toContain(';Gjesteforelesning om skatt;Gjesteforelesning;ECON;MSC-ECON;Åpen;2;0;');
    const usage = 'Skriv `/alumni admin report activity-map|thank-you|requests|invitations|feedback [--from 2026-01-01] [--to 2026-12-31]`: rapporten kommer som en CSV-fil i direktemeldingene dine.';
    expect((await command('UKARI', 'admin report nope')).text).toBe(`Det finnes ingen rapport som heter «nope». ${usage}`);
    expect((await command('UKARI', 'admin report requests --to 2026-13-01')).text).toBe(`«2026-13-01» er ikke en dato: skriv ÅÅÅÅ-MM-DD. ${usage}`);
    expect((await command('UOLA', 'admin report requests')).text).toContain('ikke administrator');
  });
});
