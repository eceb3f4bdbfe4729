// Who a Teams user is, over real HTTP: an e-mail from Teams counts only from the faculty's own
// tenant, and links two platforms only when both sides verified it; names and language come
// from Teams' roster and from later activities, never the account's object id; a very long name
// or locale does not break a turn.
import { cli } from '../../support/faculty.ts';
import { teamsActivity } from '../../support/fake-connector.ts';
import { postCommand, slashCommand } from '../../support/slack-requests.ts';
import { postActivity, sentTo, startTrustHarness, type ActivityFields, type TrustHarness } from './support.ts';

const FORBIDDEN_NB = 'Bare administratorer kan bruke administrasjonskommandoene';
const ADMIN_CARD_NB = 'Gi rollen ansatt';

describe('Teams identities: whose e-mail counts', () => {
  let h: TrustHarness;
  let counter = 0;

  beforeAll(async () => {
    h = await startTrustHarness({ MICROSOFT_APP_TENANT_ID: 'tenant-own', TEAMS_ALLOWED_TENANTS: 'tenant-own,tenant-partner' }, { processBeforeResponse: true });
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
  });

  afterAll(async () => {
    await h.stop();
  });

  const say = async (user: ActivityFields, text: string) => {
    const before = h.connector.calls.length;
    const response = await postActivity(h.base, teamsActivity(h.connector.url, { ...user, id: `m-${(counter += 1)}`, type: 'message', text }));
    expect(response.status).toBe(200);
    return h.connector.calls.slice(before).map((call) => JSON.stringify(call.body)).join('\n');
  };
  const people = () => cli(h.databaseEnv, ['people', 'list']);

  it('never makes a partner tenant user admin, nor joins them to the admin on Slack, because their directory says the admin’s e-mail', async () => {
    await postCommand(h.base, slashCommand(h.slack.url, 'UKARI', 'help'));
    const mallory = { id: '', type: '', userId: '29:mallory', aadObjectId: 'aad-mallory', name: 'Mallory', tenantId: 'tenant-partner' };
    h.connector.addMember({ id: mallory.userId, aadObjectId: mallory.aadObjectId, name: 'Mallory', email: 'kari@uni.example' });

    const answer = await say(mallory, 'admin');
    expect(answer).toContain(FORBIDDEN_NB);
    expect(answer).not.toContain(ADMIN_CARD_NB);
    const listed = await people();
    expect(listed).toMatch(/^Kari\tkari@uni\.example\t.*admin.*\tslack$/m);
    // Nothing personal before consent (issue 15): Mallory is stored with ids and language only.
    expect(listed).toMatch(/^\t–\t–\tteams$/m);
    expect(listed).not.toContain('Mallory');
  });

  it('makes the admin admin in Teams too, from the faculty’s own tenant, as one person on both platforms', async () => {
    const kari = { id: '', type: '', userId: '29:kari', aadObjectId: 'aad-kari', name: 'Kari', tenantId: 'tenant-own' };
    h.connector.addMember({ id: kari.userId, aadObjectId: kari.aadObjectId, name: 'Kari', email: 'kari@uni.example' });
    expect(await say(kari, 'admin')).toContain(ADMIN_CARD_NB);
    expect(await people()).toMatch(/^Kari\tkari@uni\.example\t.*admin.*\tslack, teams$/m);
  });

  it('does not join a Teams user to someone on Slack whose address only an import vouched for', async () => {
    await cli(h.databaseEnv, ['import-alumni', 'alumni.csv'], { 'alumni.csv': 'email,name,slack_user_id\nsiri@example.no,Siri Imported,USIRI\n' });
    h.slack.addUser({ id: 'USIRI', name: 'Siri Slack', email: 'siri.private@example.com' });
    await postCommand(h.base, slashCommand(h.slack.url, 'USIRI', 'profile'));
    const other = { id: '', type: '', userId: '29:siri', aadObjectId: 'aad-siri', name: 'Siri Teams', tenantId: 'tenant-own' };
    h.connector.addMember({ id: other.userId, aadObjectId: other.aadObjectId, name: 'Siri Teams', email: 'siri@example.no' });
    await say(other, 'profil');
    const listed = await people();
    // Neither has consented, so neither platform's name is stored (issue 15); they stay two people.
    expect(listed).toMatch(/^Siri Imported\tsiri@example\.no\t.*\tslack$/m);
    expect(listed).toMatch(/^\t–\t–\tteams$/m);
    expect(listed).not.toContain('Siri Teams');
  });
});

describe('Teams identities: names and language', () => {
  let h: TrustHarness;

  beforeAll(async () => {
    h = await startTrustHarness({ TEAMS_ALLOWED_TENANTS: 'tenant-1' }, { processBeforeResponse: true });
  });

  afterAll(async () => {
    await h.stop();
  });

  /** The welcome card's consent form, submitted (joining). */
  function join(aadObjectId: string, userId: string, name: string): Record<string, unknown> {
    return teamsActivity(h.connector.url, { id: `join-${aadObjectId}`, type: 'message', userId, aadObjectId, name, value: { action: 'give_consent', purposes: 'mentoring' } });
  }

  /** An install as Microsoft's documentation shows it: the sender has ids, but no name and no locale. */
  function documentedInstall(aadObjectId: string, userId: string): Record<string, unknown> {
    const activity = teamsActivity(h.connector.url, { id: `install-${aadObjectId}`, type: 'conversationUpdate', userId, aadObjectId, name: '', membersAdded: [{ id: '28:alumni-bot' }] });
    delete activity.locale;
    return { ...activity, from: { id: userId, aadObjectId } };
  }

  it('names a person as Teams’ roster does, answers in the language of their later messages, and follows a new name', async () => {
    h.connector.addMember({ id: '29:ola', aadObjectId: 'aad-ola', name: 'Ola Nordmann', email: 'ola@example.no' });
    expect((await postActivity(h.base, documentedInstall('aad-ola', '29:ola'))).status).toBe(200);
    // Nothing personal before consent (issue 15); the roster's name is stored when Ola joins.
    expect(await cli(h.databaseEnv, ['people', 'list'])).not.toContain('Ola');
    expect((await postActivity(h.base, join('aad-ola', '29:ola', 'Ola Nordmann'))).status).toBe(200);
    expect(await cli(h.databaseEnv, ['people', 'list'])).toMatch(/^Ola Nordmann\t/m);

    const help = teamsActivity(h.connector.url, { id: 'm-en', type: 'message', userId: '29:ola', aadObjectId: 'aad-ola', name: 'Ola Nordmann', text: 'help', locale: 'en-US' });
    expect((await postActivity(h.base, help)).status).toBe(200);
    expect(sentTo(h.connector, 'a:personal-aad-ola').at(-1)).toContain('Alumni Bridge: what I can do');

    const renamed = teamsActivity(h.connector.url, { id: 'm-renamed', type: 'message', userId: '29:ola', aadObjectId: 'aad-ola', name: 'Ola N. Nordmann', text: 'help', locale: 'en-US' });
    expect((await postActivity(h.base, renamed)).status).toBe(200);
    const listed = await cli(h.databaseEnv, ['people', 'list']);
    expect(listed).toMatch(/^Ola N\. Nordmann\t/m);
    expect(listed).not.toContain('aad-ola');
  });

  it('asks the roster again when it did not answer at first contact, and then counts the e-mail', async () => {
    const kari = { id: '', type: '', userId: '29:kari', aadObjectId: 'aad-kari', name: 'Kari' };
    const say = async (id: string, text: string) => {
      expect((await postActivity(h.base, teamsActivity(h.connector.url, { ...kari, id, type: 'message', text }))).status).toBe(200);
      return sentTo(h.connector, 'a:personal-aad-kari').at(-1) ?? '';
    };
    expect(await say('k1', 'admin')).toContain('Bare administratorer');
    h.connector.addMember({ id: kari.userId, aadObjectId: kari.aadObjectId, name: 'Kari', email: 'kari@uni.example' });
    expect(await say('k2', 'admin')).toContain('Gi rollen ansatt');
  });

  it('welcomes someone whose name and locale are longer than the database holds', async () => {
    const longName = `Maria ${'Skjønberg-'.repeat(30)}Olsen`;
    h.connector.addMember({ id: '29:maria', aadObjectId: 'aad-maria', name: longName });
    const install = teamsActivity(h.connector.url, { id: 'install-maria', type: 'conversationUpdate', userId: '29:maria', aadObjectId: 'aad-maria', name: longName, membersAdded: [{ id: '28:alumni-bot' }], locale: 'en-GB-x-a-very-long-private-use-tag' });
    expect((await postActivity(h.base, install)).status).toBe(200);
    expect(sentTo(h.connector, 'a:personal-aad-maria').at(-1)).toContain('Welcome to the alumni network!');
    expect((await postActivity(h.base, join('aad-maria', '29:maria', longName))).status).toBe(200);
    expect(await cli(h.databaseEnv, ['people', 'list'])).toContain(longName.slice(0, 200));
  });
});
