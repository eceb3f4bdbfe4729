// Privacy by design, over real HTTP on the fake Slack and the fake Bot Connector, from a fresh
// install (the faculty imported by the CLI, everyone else arriving through chat):
// nothing personal is stored before consent; "my data" reaches the person as a file on both
// platforms and lists every table that references them; a link code joins their two accounts;
// after they erase themselves, messages that named them are edited and a full pg_dump of the
// database holds none of their name, e-mails, Slack id or Teams ids; the audit log holds ids
// only; and the service's logs of the whole story hold no token, e-mail or name.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cli } from '../../support/faculty.ts';
import { eventually } from '../../support/eventually.ts';
import { teamsActivity } from '../../support/fake-connector.ts';
import { FAKE_TOKEN } from '../../support/fake-slack.ts';
import { tablesReferencingPeople, readSchema } from '../../support/schema-tables.ts';
import { blockAction, postCommand, postEvent, postInteraction, SIGNING_SECRET, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';
import { postActivity, sentTo, startTrustHarness, type TrustHarness } from '../trust/support.ts';

const DAY = 86_400_000;
const PRIVACY_URL = 'https://uni.example/personvern/alumnibroen';
const HASH_KEY = 'privacy-story-hash-key-0123456789abcdef';
const ULLA = { slackId: 'UULLA7', name: 'Ulla Sletteberg', email: 'ulla.sletteberg@alumni.example' };
const ULLA_TEAMS = { userId: '29:ulla-teams-7f3', aadObjectId: 'aad-ulla-7f3', name: 'Ulla S.', email: 'ulla@ulla-privat.example' };
const TOR = { userId: '29:tor-installer', aadObjectId: 'aad-tor-5e1', name: 'Tor Installer', email: 'tor.installer@alumni.example' };

type Fields = { userId: string; aadObjectId: string; name: string };

describe('privacy by design, over real HTTP on Slack and Teams', () => {
  let h: TrustHarness;
  let counter = 0;

  beforeAll(async () => {
    h = await startTrustHarness({ WORKING_HOURS: 'always', PRIVACY_URL, PRIVACY_HASH_KEY: HASH_KEY }, { processBeforeResponse: true });
    h.slack.addUser({ id: 'UKARI', name: 'Kari Nordmann', email: 'kari@uni.example' });
    h.slack.addUser({ id: ULLA.slackId, name: ULLA.name, email: ULLA.email });
    for (const user of [ULLA_TEAMS, TOR]) h.connector.addMember({ id: user.userId, aadObjectId: user.aadObjectId, name: user.name, email: user.email });
  });

  afterAll(async () => {
    await h?.stop();
  });

  const prisma = () => h.service.database.prisma;
  const slash = async (userId: string, text: string) => {
    const before = h.slack.responses.length;
    expect((await postCommand(h.base, slashCommand(h.slack.url, userId, text))).status).toBe(200);
    return h.slack.responses.slice(before).map((response) => response.body);
  };
  const teams = async (user: Fields, fields: { type?: string; text?: string; value?: unknown; name?: string }) => {
    const activity = { ...teamsActivity(h.connector.url, { ...user, id: `p-${(counter += 1)}`, type: fields.type ?? 'message', text: fields.text, value: fields.value }), ...(fields.name ? { name: fields.name } : {}) };
    const before = h.connector.calls.length;
    const response = await postActivity(h.base, activity);
    expect(response.status).toBe(200);
    return { body: await response.text(), sent: h.connector.calls.slice(before).filter((call) => call.method !== 'GET').map((call) => call.body) };
  };
  const personOf = (platform: 'slack' | 'teams', userId: string) => prisma().person.findFirst({ where: { identities: { some: { platform, userId } } }, include: { identities: true } });

  it('stores nothing personal before consent, and says what is stored, why, how long and where the record is', async () => {
    const [help] = await slash(ULLA.slackId, 'help');
    expect(help?.text).toContain('mydata');
    await slash(ULLA.slackId, 'join');
    const modal = JSON.stringify(h.slack.callsTo('views.open').at(-1)!.params.view);
    for (const words of [PRIVACY_URL, '24 måneder', '365 dager', 'navnet og e-postadressen din fra Slack']) expect(modal).toContain(words);
    // She closes the form without joining: only her ids and language are stored.
    let ulla = await personOf('slack', ULLA.slackId);
    expect(ulla).toMatchObject({ displayName: '', email: null, roles: [] });
    expect(ulla!.identities).toEqual([expect.objectContaining({ email: null, locale: 'nb-NO' })]);

    // Tor installs the app in Teams and does nothing more.
    await postActivity(h.base, { ...teamsActivity(h.connector.url, { ...TOR, id: `p-${(counter += 1)}`, type: 'conversationUpdate', membersAdded: [{ id: '28:alumni-bot' }] }) });
    expect(sentTo(h.connector, `a:personal-${TOR.aadObjectId}`).join('\n')).toContain(PRIVACY_URL);
    const tor = await personOf('teams', TOR.aadObjectId);
    expect(tor).toMatchObject({ displayName: '', email: null });
    expect(tor!.identities[0]).toMatchObject({ email: null, conversationRef: null });

    expect((await postInteraction(h.base, viewSubmission(ULLA.slackId, 'give_consent', stateValues({ purposes: { selected_options: [{ value: 'guest_lecture' }] } })))).status).toBe(200);
    ulla = await personOf('slack', ULLA.slackId);
    expect(ulla).toMatchObject({ displayName: ULLA.name, email: ULLA.email });
  });

  it('lets staff ask her, and her answer is named in the thread and to the owner', async () => {
    const posted = await postInteraction(h.base, viewSubmission('UKARI', 'post_request', stateValues({
      title: { value: 'Gjesteforelesning om skatt' },
      type: { selected_option: { value: 'guest_lecture' } },
      unitId: { selected_option: { value: (await prisma().unit.findFirstOrThrow()).id } },
      description: { value: 'Nitti minutter.' },
      startsAt: { selected_date_time: Math.floor((Date.now() + 30 * DAY) / 1000) },
      format: { selected_option: { value: 'digital' } },
      needed: { value: '1' },
      replyBy: { selected_date: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10) },
      channel: { selected_conversation: 'CSTAFF' },
    })));
    expect(await posted.text()).toBe('');
    const invitation = await eventually(() => {
      const found = h.slack.messagesIn(ULLA.slackId).find((message) => JSON.stringify(message.blocks).includes('invitation_accept'));
      expect(found).toBeDefined();
      return found!;
    }, 15_000);
    const accept = (invitation.blocks as { elements?: { action_id: string; value: string }[] }[]).flatMap((block) => block.elements ?? []).find((element) => element.action_id === 'invitation_accept')!;
    await postInteraction(h.base, blockAction(h.slack.url, ULLA.slackId, 'invitation_accept', accept.value, { channel: invitation.channel, ts: invitation.ts }));
    await eventually(() => {
      expect(h.slack.messagesIn('CSTAFF').filter((message) => message.thread_ts).map((message) => message.text).join('\n')).toContain(`${ULLA.name} sa ja`);
      expect(h.slack.messagesIn('UKARI').map((message) => message.text).join('\n')).toContain(ULLA.name);
    }, 15_000);
  });

  it('links her Teams account (another e-mail) with a code typed there; wrong or repeated codes change nothing', async () => {
    const [answer] = await slash(ULLA.slackId, 'link');
    const code = /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(String(answer?.text))?.[1];
    expect(code).toBeDefined();
    const first = await teams(ULLA_TEAMS, { text: 'hei' });
    expect(JSON.stringify(first.sent)).toContain('Alumni Bridge');
    expect((await personOf('teams', ULLA_TEAMS.aadObjectId))!.displayName).toBe('');

    expect(JSON.stringify((await teams(ULLA_TEAMS, { text: 'ZZZZ-ZZZZ' })).sent)).toContain('ikke en gyldig koblingskode');
    expect(JSON.stringify((await teams(ULLA_TEAMS, { text: code!.toLowerCase() })).sent)).toContain('kontoene dine er koblet');
    expect(JSON.stringify((await teams(ULLA_TEAMS, { text: code! })).sent)).toContain('allerede koblet');
    const ulla = await personOf('slack', ULLA.slackId);
    expect(ulla!.identities.map((identity) => identity.platform).sort()).toEqual(['slack', 'teams']);
    expect(ulla!.identities.find((identity) => identity.platform === 'teams')!.conversationRef).not.toBeNull();
  });

  it('reads a code asked for in Teams and typed in the Slack DM (after any open form), joining two accounts that hold nothing yet', async () => {
    const asked = await teams(TOR, { text: 'koble' });
    const code = /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(JSON.stringify(asked.sent))?.[1];
    expect(code).toBeDefined();
    h.slack.addUser({ id: 'UTOR', name: TOR.name, email: 'tor@slack.example' });
    const event = { type: 'message', channel_type: 'im', channel: 'DTOR', user: 'UTOR', text: code, ts: `${Date.now() / 1000}`, event_ts: `${Date.now() / 1000}` };
    expect((await postEvent(h.base, { token: 'x', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: `Ev-link-${counter}`, event_time: Math.floor(Date.now() / 1000), event })).status).toBe(200);
    await eventually(() => expect(h.slack.messagesIn('UTOR').map((message) => message.text).join('\n')).toContain('kontoene dine er koblet'));
    const tor = await personOf('teams', TOR.aadObjectId);
    expect(tor!.identities.map((identity) => identity.platform).sort()).toEqual(['slack', 'teams']);
    expect(tor).toMatchObject({ displayName: '', email: null });
  });

  it('gives her everything stored about her as a file: in her Slack DM, and through the Teams file-consent card', async () => {
    const [answer] = await slash(ULLA.slackId, 'mydata');
    expect(answer?.text).toContain('alt som er lagret om deg');
    const [file] = h.slack.filesIn(ULLA.slackId);
    expect(file?.filename).toMatch(/^alumni-bridge-my-data-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(file!.bytes!.toString('utf8')) as { tables: Record<string, Record<string, unknown>[]> };
    expect(Object.keys(data.tables).sort()).toEqual([...tablesReferencingPeople(readSchema()).keys()].sort());
    // Teams showed her name as "Ulla S." when she linked: the platform's name is kept, and her Slack name stays in messages.
    expect(data.tables.people![0]).toMatchObject({ display_name: ULLA_TEAMS.name, email: ULLA.email });
    expect(data.tables.platform_identities).toHaveLength(2);
    expect(data.tables.invitations).toHaveLength(1);
    expect(data.tables.outbox_messages!.length).toBeGreaterThan(0);
    expect(data.tables.audit_entries!.map((row) => row.action)).toEqual(expect.arrayContaining(['consent.given', 'identity.linked', 'privacy.exported']));

    const offer = await teams(ULLA_TEAMS, { text: 'mine data' });
    const consentCard = (offer.sent[0]?.attachments as { contentType: string; name: string; content: { acceptContext: unknown; sizeInBytes: number } }[])[0]!;
    expect(consentCard.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
    expect(consentCard.content.sizeInBytes).toBeGreaterThan(1000);
    const accepted = await teams(ULLA_TEAMS, {
      type: 'invoke',
      name: 'fileConsent/invoke',
      value: { type: 'fileUpload', action: 'accept', context: consentCard.content.acceptContext, uploadInfo: { name: consentCard.name, uploadUrl: h.connector.uploadUrl(consentCard.name), contentUrl: `https://onedrive.example/${consentCard.name}`, uniqueId: 'file-1', fileType: 'json' } },
    });
    const uploaded = h.connector.uploads.get(consentCard.name);
    expect(uploaded?.range).toBe(`bytes 0-${uploaded!.bytes.length - 1}/${uploaded!.bytes.length}`);
    expect(Object.keys((JSON.parse(uploaded!.bytes.toString('utf8')) as { tables: object }).tables)).toContain('audit_entries');
    expect(JSON.stringify(accepted.sent)).toContain('application/vnd.microsoft.teams.card.file.info');
  });

  it('erases her after a confirmation: messages that named her are edited, and a pg_dump holds nothing of her', async () => {
    const [confirm] = await slash(ULLA.slackId, 'erase');
    const button = (confirm?.blocks as { elements?: { action_id: string; value: string }[] }[]).flatMap((block) => block.elements ?? []).find((element) => element.action_id === 'erase_confirm');
    expect(button).toBeDefined();
    const before = h.slack.responses.length;
    await postInteraction(h.base, blockAction(h.slack.url, ULLA.slackId, 'erase_confirm', button!.value, { channel: 'CSTAFF', ts: '1.000001' }));
    expect(h.slack.responses.slice(before).map((response) => response.body.text).join('\n')).toContain('Alt om deg er slettet');
    await eventually(() => {
      const thread = h.slack.messagesIn('CSTAFF').filter((message) => message.thread_ts).map((message) => message.text).join('\n');
      // The line named her by a name she no longer had (her Teams name replaced it): it says so, without any name.
      expect(thread).toContain('Denne linjen nevnte en person som siden har fått dataene sine slettet');
      expect(thread).not.toContain(ULLA.name);
      expect(h.slack.messagesIn('UKARI').map((message) => `${message.text} ${JSON.stringify(message.blocks)}`).join('\n')).not.toContain(ULLA.name);
    }, 15_000);
    await eventually(async () => expect(await prisma().outboxMessage.count({ where: { state: 'pending' } })).toBe(0), 15_000);

    const { stdout } = await promisify(execFile)('pg_dump', [h.databaseEnv.DATABASE_URL!], { maxBuffer: 64 * 1024 * 1024 });
    expect(stdout).toContain('COPY public.people');
    for (const trace of [ULLA.name, ULLA.email, ULLA.slackId, ULLA_TEAMS.aadObjectId, ULLA_TEAMS.userId, ULLA_TEAMS.email, ULLA_TEAMS.name]) {
      // On failure: the dump's lines that hold it (which table kept it).
      expect({ trace, found: stdout.split('\n').filter((line) => line.includes(trace)).map((line) => line.slice(0, 300)) }).toEqual({ trace, found: [] });
    }

    // Pressed again: nothing more to do. The admin's request by e-mail finds nothing either.
    const again = h.slack.responses.length;
    await postInteraction(h.base, blockAction(h.slack.url, ULLA.slackId, 'erase_confirm', button!.value, { channel: 'CSTAFF', ts: '1.000001' }));
    expect(h.slack.responses.slice(again).map((response) => response.body.text).join('\n')).toContain('allerede slettet');
    expect(await cli(h.databaseEnv, ['erase', ULLA.email])).toContain('Ingenting er lagret om');
  });

  it('shows admins an audit log of ids only, in chat and from the CLI', async () => {
    const [audit] = await slash('UKARI', 'admin audit 50');
    expect(audit?.text).toContain('person.erased');
    expect(audit?.text).toContain('consent.given');
    const listed = await cli(h.databaseEnv, ['audit', 'list', '--action', 'person.']);
    expect(listed).toMatch(/\tperson\.erased\tperson\terased:[0-9a-f]{20}\t/);
    for (const text of [audit?.text ?? '', listed]) for (const trace of [ULLA.name, ULLA.email, 'kari@uni.example', 'Kari Nordmann']) expect(text).not.toContain(trace);
    const [refused] = await slash(ULLA.slackId, 'admin audit');
    expect(refused?.text).not.toContain('person.erased');
  });

  it('erases in Teams too, after a confirmation card; someone who never joined leaves nothing behind', async () => {
    const [card] = (await teams(TOR, { text: 'slett meg' })).sent;
    const confirm = (card?.attachments as { content: { actions: { data: { action: string; value: string } }[] } }[])[0]!.content.actions.find((action) => action.data.action === 'erase_confirm')!;
    const erased = await teams(TOR, { value: confirm.data });
    expect(JSON.stringify(erased.sent)).toContain('Jeg lagrer ingenting om deg');
    expect(await personOf('teams', TOR.aadObjectId)).toBeNull();
    expect(await personOf('slack', 'UTOR')).toBeNull();
  });

  it('wrote no token, e-mail or name to the logs in the whole story', () => {
    const logs = h.logText();
    expect(logs.length).toBeGreaterThan(1000);
    for (const secret of [FAKE_TOKEN, SIGNING_SECRET, HASH_KEY, ULLA.name, ULLA.email, ULLA_TEAMS.email, ULLA_TEAMS.name, TOR.name, TOR.email, 'Kari Nordmann', 'kari@uni.example']) {
      expect({ secret, found: logs.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
