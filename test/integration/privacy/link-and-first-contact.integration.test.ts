// Nothing personal before consent, and the link step, on the core with a real PostgreSQL: a
// first contact keeps only ids and language (unless ADMIN_EMAILS names the verified address);
// consent stores name and e-mail; a link code joins a Slack and a Teams account once, and every
// wrong use of it gets its own answer and changes nothing.
import { giveConsent } from '../../../src/app/give-consent.ts';
import { createLinkCode, redeemLinkCode } from '../../../src/app/privacy/link-identities.ts';
import { resolvePerson } from '../../../src/app/resolve-person.ts';
import type { Actor } from '../../../src/app/support/actor.ts';
import { startCore, type CoreHarness } from '../../support/core.ts';

describe('nothing personal before consent', () => {
  let core: CoreHarness;

  beforeEach(async () => {
    core = await startCore({ adminEmails: ['admin@uni.example'] });
  });
  afterEach(async () => core.close());

  const meet = (userId: string, name: string, email: string) => resolvePerson(core.ctx, { platform: 'slack', workspaceId: 'T1', userId, displayName: name, email, emailVerified: true, locale: 'en-GB' });
  const stored = (personId: string) => core.database.prisma.person.findUniqueOrThrow({ where: { id: personId }, include: { identities: true } });

  it('keeps only the ids and the language until the person consents, then their name and verified e-mail', async () => {
    const ola = await meet('UOLA', 'Ola Olsen', 'ola@example.no');
    expect(ola).toMatchObject({ displayName: 'Ola Olsen', keepsPersonalData: false, locale: 'en' });
    let row = await stored(ola.personId);
    expect(row).toMatchObject({ displayName: '', email: null, emailVerified: false });
    expect(row.identities).toEqual([expect.objectContaining({ userId: 'UOLA', email: null, locale: 'en-GB' })]);

    await giveConsent(core.ctx, ola, { purposes: ['mentoring'], source: 'slack' });
    row = await stored(ola.personId);
    expect(row).toMatchObject({ displayName: 'Ola Olsen', email: 'ola@example.no', emailVerified: true });
    expect(row.identities[0]).toMatchObject({ email: 'ola@example.no' });
  });

  it('stores an admin at once, their verified address matched against ADMIN_EMAILS in memory', async () => {
    const admin = await meet('UADM', 'Ada Admin', 'admin@uni.example');
    expect(admin.roles).toEqual(expect.arrayContaining(['admin', 'staff']));
    expect(await stored(admin.personId)).toMatchObject({ displayName: 'Ada Admin', email: 'admin@uni.example' });
  });
});

describe('the link step', () => {
  let core: CoreHarness;

  beforeEach(async () => {
    core = await startCore();
  });
  afterEach(async () => core.close());

  const onSlack = (userId: string, name: string, email: string) => resolvePerson(core.ctx, { platform: 'slack', workspaceId: 'T1', userId, displayName: name, email, emailVerified: true });
  const onTeams = (userId: string, name: string, email: string) => resolvePerson(core.ctx, { platform: 'teams', workspaceId: 'tenant-1', userId, displayName: name, email, emailVerified: true });
  const joined = async (actor: Actor) => {
    await giveConsent(core.ctx, actor, { purposes: ['mentoring'], source: 'slack' });
    return actor;
  };
  const refusal = (promise: Promise<unknown>) => promise.then(() => 'linked', (error: { details?: { messageKey?: string } }) => error.details?.messageKey);

  it('joins a consented Slack account and a fresh Teams account with a code typed on Teams, once', async () => {
    const slack = await joined(await onSlack('UANNE', 'Anne', 'anne@private.example'));
    let teams = await onTeams('aad-anne', 'Anne B.', 'anne@uni.example');
    const { code, minutes } = await createLinkCode(core.ctx, slack, 'slack');
    expect(minutes).toBe(10);
    expect(await core.database.prisma.linkCode.count({ where: { codeHash: { contains: code } } })).toBe(0);

    expect(await refusal(redeemLinkCode(core.ctx, teams, 'teams', 'ABCD-EFGH'))).toBe('privacy.link.invalid');
    expect(await refusal(redeemLinkCode(core.ctx, slack, 'slack', code))).toBe('privacy.link.samePlatform');
    expect(await redeemLinkCode(core.ctx, teams, 'teams', code.toLowerCase())).toEqual({ personId: slack.personId });

    const person = await core.database.prisma.person.findUniqueOrThrow({ where: { id: slack.personId }, include: { identities: true } });
    expect(person.identities.map((identity) => identity.platform).sort()).toEqual(['slack', 'teams']);
    expect(await core.database.prisma.person.count()).toBe(1);
    teams = await onTeams('aad-anne', 'Anne B.', 'anne@uni.example');
    expect(teams.personId).toBe(slack.personId);
    expect(await refusal(redeemLinkCode(core.ctx, teams, 'teams', code))).toBe('privacy.link.already');
  });

  it('refuses an expired code, accounts that both hold data, and a third account; too many wrong codes make the person wait', async () => {
    const slack = await joined(await onSlack('UBO', 'Bo', 'bo@private.example'));
    const teams = await onTeams('aad-bo', 'Bo', 'bo@uni.example');
    const first = await createLinkCode(core.ctx, slack, 'slack');
    core.clock.advance(11 * 60_000);
    expect(await refusal(redeemLinkCode(core.ctx, teams, 'teams', first.code))).toBe('privacy.link.expired');

    const both = await joined(await onTeams('aad-bo-2', 'Bo Two', 'bo2@uni.example'));
    const second = await createLinkCode(core.ctx, slack, 'slack');
    expect(await refusal(redeemLinkCode(core.ctx, both, 'teams', second.code))).toBe('privacy.link.bothHaveData');

    expect(await redeemLinkCode(core.ctx, teams, 'teams', second.code)).toEqual({ personId: slack.personId });
    const third = await onTeams('aad-bo-3', 'Bo Three', 'bo3@uni.example');
    const another = await createLinkCode(core.ctx, slack, 'slack');
    expect(await refusal(redeemLinkCode(core.ctx, third, 'teams', another.code))).toBe('privacy.link.otherAccount');
    expect(await core.database.prisma.platformIdentity.count({ where: { personId: slack.personId } })).toBe(2);

    for (let i = 0; i < 5; i += 1) expect(await refusal(redeemLinkCode(core.ctx, third, 'teams', `WXYZ-WXY${i + 2}`))).toBe('privacy.link.invalid');
    const fresh = await createLinkCode(core.ctx, slack, 'slack');
    expect(await refusal(redeemLinkCode(core.ctx, third, 'teams', fresh.code))).toBe('privacy.link.tooManyTries');
  });
});
