// Each use case against PostgreSQL: authorization, validation, consent, the database side of
// matching, waves on expiry, the send-time check, shortlists and identity linking.
import { CONSENT_TEXT_VERSION } from '../../../src/domain/vocabulary.ts';
import { answerInvitation } from '../../../src/app/answer-invitation.ts';
import { completeRequests } from '../../../src/app/complete-requests.ts';
import { editRequest } from '../../../src/app/edit-request.ts';
import { expireInvitations } from '../../../src/app/expire-invitations.ts';
import { grantRole } from '../../../src/app/grant-role.ts';
import { openRequest } from '../../../src/app/open-request.ts';
import { resolvePerson } from '../../../src/app/resolve-person.ts';
import { updateProfile } from '../../../src/app/update-profile.ts';
import { withdrawConsent } from '../../../src/app/withdraw-consent.ts';
import { HOUR_MS } from '../../../src/domain/time.ts';
import { startCore, type CoreHarness } from '../../support/core.ts';
import { Story } from '../../support/story.ts';

describe('use cases on PostgreSQL', () => {
  let core: CoreHarness;
  let story: Story;

  beforeEach(async () => {
    core = await startCore();
    story = await new Story(core).setup();
  });

  afterEach(async () => {
    await core.close();
  });

  const invitationsOf = (requestId: string) => core.database.prisma.invitation.findMany({ where: { requestId }, orderBy: { score: 'desc' } });

  describe('authorization', () => {
    it('lets only staff post, and only the owner or an admin change a request', async () => {
      const ola = await story.alumnus('Ola');
      await expect(ola.posts()).rejects.toMatchObject({ code: 'forbidden' });
      const kari = await story.staff('Kari');
      const per = await story.staff('Per');
      const { request } = await kari.posts();
      await expect(editRequest(core.ctx, per.actor, request.id, { title: 'Mine now' })).rejects.toMatchObject({ code: 'forbidden' });
      expect((await core.database.prisma.request.count())).toBe(1);
    });

    it('lets an alumnus answer only their own invitation', async () => {
      const kari = await story.staff('Kari');
      await story.alumnus('Ola', { expertise: ['public policy'] });
      const siri = await story.alumnus('Siri', { languages: ['en'] }, ['mentoring']);
      const { request } = await kari.posts();
      const [invitation] = await invitationsOf(request.id);
      await expect(answerInvitation(core.ctx, siri.actor, invitation!.id, 'accept')).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('lets only admins grant roles', async () => {
      const kari = await story.staff('Kari');
      const ola = await story.alumnus('Ola');
      await expect(grantRole(core.ctx, kari.actor, ola.id, 'staff')).rejects.toMatchObject({ code: 'forbidden' });
    });
  });

  describe('posting', () => {
    it('refuses bad input with field problems and writes nothing', async () => {
      const kari = await story.staff('Kari');
      await expect(kari.posts({ needed: 0, replyBy: '2027-03-01T00:00:00Z' })).rejects.toMatchObject({
        code: 'validation',
        details: { fields: [{ field: 'needed', key: 'validation.outOfRange', params: { min: 1, max: 50 } }, { field: 'replyBy', key: 'validation.deadlineAfterStart' }] },
      });
      await expect(kari.posts({ unitId: '0193f1a2-0000-7000-8000-000000000009' })).rejects.toMatchObject({ details: { fields: [{ field: 'unitId', key: 'validation.unknownUnit' }] } });
      expect(await core.database.prisma.request.count()).toBe(0);
      expect(await core.database.prisma.outboxMessage.count()).toBe(0);
    });

    it('holds a shortlist-review request as a draft until the owner sends the invitations', async () => {
      const kari = await story.staff('Kari');
      await story.alumnus('Ola', { expertise: ['public policy'] });
      const { request, invited } = await kari.posts({ reviewShortlist: true });
      expect(request.state).toBe('draft');
      expect(invited).toBe(0);
      await story.deliver();
      expect(kari.lastCard()?.text).toContain('1. Ola — kompetanse: public policy');
      expect(story.requestCard(request.id)).toBeUndefined();
      const opened = await openRequest(core.ctx, kari.actor, request.id);
      expect(opened).toMatchObject({ request: { state: 'open' }, invited: 1 });
      await expect(openRequest(core.ctx, kari.actor, request.id)).rejects.toMatchObject({ code: 'illegal_transition' });
    });
  });

  describe('matching in the database', () => {
    it('never invites people without consent for the type, paused, unavailable, at their cap, or without a platform account', async () => {
      const kari = await story.staff('Kari');
      const ok = await story.alumnus('Ok', { expertise: ['public policy'] });
      await story.alumnus('Mentor', { expertise: ['public policy'] }, ['mentoring']);
      await story.alumnus('Paused', { expertise: ['public policy'], pausedUntil: '2027-06-01T00:00:00Z' });
      await story.alumnus('Busy', { expertise: ['public policy'], availableUntil: '2027-01-01T00:00:00Z' });
      await story.alumnus('Capped', { expertise: ['public policy'], maxAsksPerTerm: 0 });
      const withdrawn = await story.alumnus('Withdrawn', { expertise: ['public policy'] });
      await withdrawConsent(core.ctx, withdrawn.actor, 'slack');
      await core.database.prisma.person.create({
        data: {
          displayName: 'Imported, never seen on a platform',
          roles: ['alumnus'],
          profile: { create: { expertise: ['public policy'], engagementTypes: ['guest_lecture'], consentedTypes: ['guest_lecture'] } },
          consents: { create: { givenAt: new Date(), textVersion: CONSENT_TEXT_VERSION, purposes: ['guest_lecture'], source: 'csv_import' } },
        },
      });
      const { request } = await kari.posts({ needed: 5 });
      expect((await invitationsOf(request.id)).map((i) => i.personId)).toEqual([ok.id]);
    });

    it('stores the score and reasons of each invitation, best first, and never asks the owner', async () => {
      const kari = await story.staff('Kari');
      await updateProfile(core.ctx, kari.actor, { expertise: ['public policy'], engagementTypes: ['guest_lecture'] });
      const ola = await story.alumnus('Ola', { expertise: ['public policy'], programmes: [{ programmeId: story.programmeId, graduationYear: 2016 }] });
      const siri = await story.alumnus('Siri', { expertise: ['public policy'] });
      const { request } = await kari.posts();
      const invitations = await invitationsOf(request.id);
      expect(invitations.map((i) => i.personId)).toEqual([ola.id, siri.id]);
      expect(invitations[0]?.reasons).toContainEqual({ code: 'programme', nameNb: 'Master i samfunnsøkonomi', nameEn: 'MSc Economics', year: 2016 });
      expect(invitations[0]!.score).toBeGreaterThan(invitations[1]!.score);
    });

    it('finds people for a request that names no expertise and no programme', async () => {
      const kari = await story.staff('Kari');
      const ola = await story.alumnus('Ola', {});
      const { request } = await kari.posts({ expertise: [], programmeId: null });
      expect((await invitationsOf(request.id)).map((i) => i.personId)).toEqual([ola.id]);
    });

    it('counts asks per term against the cap', async () => {
      const kari = await story.staff('Kari');
      const ola = await story.alumnus('Ola', { expertise: ['public policy'], maxAsksPerTerm: 2 });
      for (const title of ['A', 'B', 'C']) await kari.posts({ title });
      expect(await core.database.prisma.invitation.count({ where: { personId: ola.id } })).toBe(2);
    });
  });

  describe('waves', () => {
    it('expires unanswered invitations after the reply window and asks the next people', async () => {
      const kari = await story.staff('Kari');
      const people = [];
      for (const name of ['A', 'B', 'C', 'D', 'E']) people.push(await story.alumnus(name, { expertise: ['public policy'] }));
      const { request } = await kari.posts();
      await story.deliver();
      expect((await invitationsOf(request.id)).length).toBe(3);
      core.clock.advance(73 * HOUR_MS);
      expect(await expireInvitations(core.ctx)).toEqual({ expired: 3, invited: 2 });
      await story.deliver();
      const states = (await invitationsOf(request.id)).map((i) => `${i.wave}:${i.state}`).sort();
      expect(states).toEqual(['1:expired', '1:expired', '1:expired', '2:sent', '2:sent']);
      expect(story.thread(request.id)).toContain('3 invitasjoner gikk ut uten svar; jeg spør de neste på lista.');
      expect(story.thread(request.id).at(-1)).toBe('Jeg har invitert 2 personer.');
    });

    it('tells the thread when there is nobody left to ask', async () => {
      const kari = await story.staff('Kari');
      const ola = await story.alumnus('Ola', { expertise: ['public policy'] });
      const { request } = await kari.posts();
      await story.deliver();
      await ola.presses('invitation_decline');
      await story.deliver();
      expect(story.thread(request.id).at(-1)).toBe('Det er ingen flere alumni som passer å spørre nå (0 av 1 plasser er tatt).');
    });
  });

  describe('after the engagement', () => {
    it('completes a filled request once its date has passed, and edits its card', async () => {
      const kari = await story.staff('Kari');
      const ola = await story.alumnus('Ola', { expertise: ['public policy'] });
      const { request } = await kari.posts();
      await story.deliver();
      await ola.presses('invitation_accept');
      expect(await completeRequests(core.ctx)).toEqual({ completed: 0 });
      core.clock.set('2027-02-10T12:00:00Z');
      expect(await completeRequests(core.ctx)).toEqual({ completed: 1 });
      await story.deliver();
      expect(story.requestCard(request.id)?.facts).toContainEqual({ label: 'Status', value: 'Gjennomført · 1 av 1 plass er tatt' });
      expect(await completeRequests(core.ctx)).toEqual({ completed: 0 });
    });
  });

  describe('consent at send time', () => {
    it('drops a queued invitation to someone who withdrew consent, and asks the next person', async () => {
      core.ctx.settings.oversample = 1;
      const kari = await story.staff('Kari');
      const ola = await story.alumnus('Ola', { expertise: ['public policy'] });
      const siri = await story.alumnus('Siri', { expertise: [] });
      const { request } = await kari.posts({ needed: 1 });
      await core.database.prisma.consent.updateMany({ where: { personId: ola.id }, data: { withdrawnAt: new Date() } });
      expect((await invitationsOf(request.id)).map((i) => i.personId)).toEqual([ola.id]);
      await story.deliver();
      await story.deliver();
      expect(ola.inbox()).toHaveLength(0);
      expect(siri.inbox().map((d) => d.kind)).toEqual(['invitation']);
      const dropped = await core.database.prisma.invitation.findFirstOrThrow({ where: { requestId: request.id, personId: ola.id } });
      expect(dropped.state).toBe('withdrawn');
    });

    it('refuses a yes from someone whose consent was withdrawn after the invitation was sent', async () => {
      const kari = await story.staff('Kari');
      const ola = await story.alumnus('Ola', { expertise: ['public policy'] });
      await kari.posts();
      await story.deliver();
      await core.database.prisma.consent.updateMany({ where: { personId: ola.id }, data: { withdrawnAt: new Date() } });
      await expect(ola.presses('invitation_accept')).rejects.toMatchObject({ code: 'no_consent' });
    });

    it('withdraws waiting invitations in one step when consent is withdrawn', async () => {
      const kari = await story.staff('Kari');
      const ola = await story.alumnus('Ola', { expertise: ['public policy'] });
      await kari.posts();
      expect(await withdrawConsent(core.ctx, ola.actor, 'slack')).toEqual({ withdrawnInvitations: 1 });
      await story.deliver();
      expect(ola.inbox()).toHaveLength(0);
    });
  });

  describe('people and profiles', () => {
    it('links the same verified e-mail on Teams to the person already known from Slack', async () => {
      const ola = await story.alumnus('Ola');
      const onTeams = await resolvePerson(core.ctx, { platform: 'teams', workspaceId: 'tenant-1', userId: 'aad-1', displayName: 'Ola N.', email: 'OLA@example.no', emailVerified: true, locale: 'en-US' });
      expect(onTeams.personId).toBe(ola.id);
      expect(await core.database.prisma.platformIdentity.count({ where: { personId: ola.id } })).toBe(2);
      const unverified = await resolvePerson(core.ctx, { platform: 'teams', workspaceId: 'tenant-1', userId: 'aad-2', email: 'ola@example.no', emailVerified: false });
      expect(unverified.personId).not.toBe(ola.id);
    });

    it('makes configured admin e-mails admins, and nobody else', async () => {
      const admin = await resolvePerson(core.ctx, { platform: 'teams', workspaceId: 't', userId: 'x', email: 'admin@uni.example', emailVerified: true });
      expect(admin.roles).toEqual(expect.arrayContaining(['admin', 'staff']));
      const other = await resolvePerson(core.ctx, { platform: 'teams', workspaceId: 't', userId: 'y', email: 'someone@uni.example', emailVerified: true });
      expect(other.roles).toEqual([]);
    });

    it('validates profile edits and keeps the old profile on bad input', async () => {
      const ola = await story.alumnus('Ola', { expertise: ['economics'] });
      await expect(updateProfile(core.ctx, ola.actor, { maxAsksPerTerm: -1, languages: ['norsk'], availableFrom: '2027-05-01', availableUntil: '2027-01-01' })).rejects.toMatchObject({
        code: 'validation',
        details: {
          fields: [
            { field: 'languages.0', key: 'validation.invalidLanguage' },
            { field: 'maxAsksPerTerm', key: 'validation.outOfRange', params: { min: 0, max: 20 } },
            { field: 'availableUntil', key: 'validation.endBeforeStart' },
          ],
        },
      });
      const profile = await core.database.prisma.alumnusProfile.findUniqueOrThrow({ where: { personId: ola.id } });
      expect(profile.expertise).toEqual(['economics']);
      const updated = await updateProfile(core.ctx, ola.actor, { expertise: ['KI', 'Economics'], locale: 'en' });
      expect(updated.expertise).toEqual(['artificial intelligence', 'economics']);
    });

    it('edits an open request, checking the whole request again', async () => {
      const kari = await story.staff('Kari');
      const { request } = await kari.posts();
      const edited = await editRequest(core.ctx, kari.actor, request.id, { title: 'Ny tittel', needed: 2 });
      expect(edited).toMatchObject({ title: 'Ny tittel', needed: 2, description: request.description });
      await expect(editRequest(core.ctx, kari.actor, request.id, { needed: 99 })).rejects.toMatchObject({ code: 'validation' });
    });
  });
});
