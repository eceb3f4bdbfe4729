// ADMIN_EMAILS as the source of truth for the admins it names, role grants by e-mail that wait
// for the person's first contact, and imported identities bound at first contact.
import { findActor } from '../../../src/app/find-actor.ts';
import { giveConsent } from '../../../src/app/give-consent.ts';
import { grantRole, grantRoleByEmail } from '../../../src/app/grant-role.ts';
import { resolvePerson } from '../../../src/app/resolve-person.ts';
import { operatorActor } from '../../../src/app/support/actor.ts';
import { syncAdminEmails } from '../../../src/app/sync-admin-emails.ts';
import type { AppContext } from '../../../src/ports.ts';
import { startCore, type CoreHarness } from '../../support/core.ts';

describe('admins and staff', () => {
  let core: CoreHarness;
  const cli = operatorActor('en');

  beforeEach(async () => {
    core = await startCore({ adminEmails: [] });
  });
  afterEach(async () => core.close());

  const withAdmins = (emails: string[]): AppContext => ({ ...core.ctx, settings: { ...core.ctx.settings, adminEmails: emails } });
  const meet = (ctx: AppContext, userId: string, email: string, verified = true) =>
    resolvePerson(ctx, { platform: 'slack', workspaceId: 'T1', userId, displayName: userId, email, emailVerified: verified });
  const rolesOf = async (email: string) => (await core.database.prisma.person.findFirstOrThrow({ where: { email } })).roles.sort();

  // People who consented: only then is their verified e-mail stored (nothing personal before consent).
  const member = async (ctx: AppContext, userId: string, email: string) => {
    const actor = await meet(ctx, userId, email);
    await giveConsent(ctx, actor, { purposes: ['mentoring'], source: 'slack' });
    return actor;
  };

  it('makes a known person admin at their next contact once their e-mail is added to ADMIN_EMAILS', async () => {
    const kari = await member(core.ctx, 'UKARI', 'kari@uni.example');
    expect(kari.roles).toEqual([]);
    const later = await findActor(withAdmins(['kari@uni.example']), 'slack', 'T1', 'UKARI');
    expect([...later!.roles].sort()).toEqual(['admin', 'alumnus', 'staff']);
    const audit = await core.database.prisma.auditEntry.findMany({ where: { action: 'role.granted', personId: kari.personId } });
    expect(audit).toHaveLength(1);
  });

  it('never makes an unverified e-mail admin', async () => {
    await meet(withAdmins(['kari@uni.example']), 'UKARI', 'kari@uni.example', false);
    const person = await core.database.prisma.person.findFirst({ where: { identities: { some: { userId: 'UKARI' } } } });
    expect(person!.roles).toEqual([]);
  });

  it('at start grants the listed admins and removes only admins that came from the list', async () => {
    await member(core.ctx, 'UKARI', 'kari@uni.example');
    await meet(withAdmins(['ola@uni.example']), 'UOLA', 'ola@uni.example');
    await member(core.ctx, 'UPER', 'per@uni.example');
    await grantRoleByEmail(core.ctx, cli, 'per@uni.example', 'admin');

    const first = await syncAdminEmails(withAdmins(['kari@uni.example']));
    expect(first).toEqual({ granted: 1, revoked: 1 });
    expect(await rolesOf('kari@uni.example')).toEqual(['admin', 'alumnus', 'staff']);
    // Ola was admin only because of the list: he keeps staff, loses admin.
    expect(await rolesOf('ola@uni.example')).toEqual(['staff']);
    // Per was made admin by the CLI: the list does not take it away.
    expect(await rolesOf('per@uni.example')).toEqual(['admin', 'alumnus', 'staff']);
    expect(await syncAdminEmails(withAdmins(['kari@uni.example']))).toEqual({ granted: 0, revoked: 0 });
    const revoked = await core.database.prisma.auditEntry.findMany({ where: { action: 'role.revoked' } });
    expect(revoked.map((entry) => entry.details)).toEqual([{ role: 'admin', source: 'ADMIN_EMAILS' }]);
  });

  it('keeps a grant for an e-mail nobody has used until that person arrives with it verified', async () => {
    const result = await grantRoleByEmail(core.ctx, cli, ' Siri@Uni.Example ', 'staff');
    expect(result).toMatchObject({ pending: true, changed: true });
    const siri = await meet(core.ctx, 'USIRI', 'siri@uni.example');
    expect(siri.roles).toEqual(['staff']);
    expect(siri.displayName).toBe('USIRI');
    const person = await core.database.prisma.person.findUniqueOrThrow({ where: { id: siri.personId } });
    expect(person.emailVerified).toBe(true);
    expect(await core.database.prisma.person.count()).toBe(1);
  });

  it('refuses non-admins, own admin removal, bad e-mails and revoking unknown addresses', async () => {
    const ola = await meet(core.ctx, 'UOLA', 'ola@uni.example');
    await expect(grantRoleByEmail(core.ctx, ola, 'per@uni.example', 'staff')).rejects.toMatchObject({ code: 'forbidden' });
    const kari = await meet(withAdmins(['kari@uni.example']), 'UKARI', 'kari@uni.example');
    await expect(grantRole(core.ctx, kari, kari.personId, 'admin', false)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(grantRoleByEmail(core.ctx, kari, 'not-an-email', 'staff')).rejects.toMatchObject({ code: 'validation' });
    await expect(grantRoleByEmail(core.ctx, kari, 'nobody@uni.example', 'staff', false)).rejects.toMatchObject({ code: 'not_found' });
    expect(await core.database.prisma.person.count()).toBe(2);
  });

  it('binds an imported identity (no workspace yet) to the workspace at first contact', async () => {
    const prisma = core.database.prisma;
    const imported = await prisma.person.create({ data: { displayName: 'Åse Ødegård', email: 'ase@example.no', roles: ['alumnus'] } });
    await prisma.platformIdentity.create({ data: { personId: imported.id, platform: 'slack', workspaceId: '', userId: 'U0ALUM01' } });
    const actor = await resolvePerson(core.ctx, { platform: 'slack', workspaceId: 'T1', userId: 'U0ALUM01', displayName: 'Åse', email: null });
    expect(actor.personId).toBe(imported.id);
    expect(await prisma.platformIdentity.findMany({ where: { personId: imported.id } })).toEqual([expect.objectContaining({ workspaceId: 'T1', userId: 'U0ALUM01' })]);
    expect(await findActor(core.ctx, 'slack', 'T1', 'U0ALUM01')).toMatchObject({ personId: imported.id });
  });
});
