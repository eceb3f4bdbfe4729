// Issue 10, seen problem 4 (second half): the profile's matching columns (consented_types,
// programme_ids) are derived by the database from consents and programme links, whoever
// writes them and in whatever order, and a first profile saved at the same moment as a consent
// always ends with the consent's purposes.
import { giveConsent } from '../../../src/app/give-consent.ts';
import { resolvePerson } from '../../../src/app/resolve-person.ts';
import { updateProfile } from '../../../src/app/update-profile.ts';
import { withdrawConsent } from '../../../src/app/withdraw-consent.ts';
import type { Actor } from '../../../src/app/support/actor.ts';
import { startCore, type CoreHarness } from '../../support/core.ts';
import { Story } from '../../support/story.ts';

describe('matching columns kept by the database', () => {
  let core: CoreHarness;
  let story: Story;

  beforeEach(async () => {
    core = await startCore();
    story = await new Story(core).setup();
  });

  afterEach(async () => {
    await core.close();
  });

  const person = (userId: string): Promise<Actor> =>
    resolvePerson(core.ctx, { platform: 'slack', workspaceId: 'T0001', userId, displayName: userId, locale: 'nb-NO' });
  const columns = (personId: string) =>
    core.database.prisma.alumnusProfile.findUniqueOrThrow({ where: { personId }, select: { consentedTypes: true, programmeIds: true } });

  it('follows consents and programme links, even when they are written without a word to the profile', async () => {
    const ola = await person('UOLA');
    await giveConsent(core.ctx, ola, { purposes: ['guest_lecture', 'mentoring'], source: 'slack' });
    await updateProfile(core.ctx, { ...ola, roles: ['alumnus'] }, { programmes: [{ programmeId: story.programmeId, graduationYear: 2016 }] });
    expect(await columns(ola.personId)).toEqual({ consentedTypes: ['guest_lecture', 'mentoring'], programmeIds: [story.programmeId] });

    // A writer that forgets the profile (or writes it wrong) changes nothing that matching sees.
    const prisma = core.database.prisma;
    await prisma.$executeRaw`UPDATE alumnus_profiles SET consented_types = '{board_seat}', programme_ids = '{}' WHERE person_id = ${ola.personId}::uuid`;
    expect(await columns(ola.personId)).toEqual({ consentedTypes: ['guest_lecture', 'mentoring'], programmeIds: [story.programmeId] });
    await prisma.alumnusProgramme.deleteMany({ where: { profileId: ola.personId } });
    await prisma.consent.updateMany({ where: { personId: ola.personId }, data: { purposes: ['career_talk'] } });
    expect(await columns(ola.personId)).toEqual({ consentedTypes: ['career_talk'], programmeIds: [] });

    await withdrawConsent(core.ctx, { ...ola, roles: ['alumnus'] }, 'slack');
    expect(await columns(ola.personId)).toEqual({ consentedTypes: [], programmeIds: [] });
  });

  it('ends with the consent when a first profile is saved at the same moment (25 people at once)', async () => {
    const people = await Promise.all(Array.from({ length: 25 }, (_, i) => person(`URACE${i}`)));
    await Promise.all(
      people.flatMap((actor) => [
        giveConsent(core.ctx, actor, { purposes: ['mentoring'], source: 'slack' }),
        updateProfile(core.ctx, actor, { expertise: ['public policy'], programmes: [{ programmeId: story.programmeId, graduationYear: 2020 }] }),
      ]),
    );
    const rows = await core.database.prisma.alumnusProfile.findMany({ where: { personId: { in: people.map((p) => p.personId) } }, select: { consentedTypes: true, programmeIds: true, engagementTypes: true } });
    expect(rows).toHaveLength(25);
    // Neither save is lost: the consent's purposes, the welcomed kind it brought, and the programme.
    for (const row of rows) expect(row).toEqual({ consentedTypes: ['mentoring'], programmeIds: [story.programmeId], engagementTypes: ['mentoring'] });
  });
});
