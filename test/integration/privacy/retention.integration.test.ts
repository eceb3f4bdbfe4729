// Retention and consent renewal with an injected clock, on a real PostgreSQL: after their ages,
// free-text answers, never-consented people, sent messages, event ids and audit details go, and
// nothing else; a consent gets one reminder 30 days before it expires, lapses when it is not
// renewed, and a consent for an older consent text lapses at once and asks again.
import { checkInvitationBeforeSend } from '../../../src/app/deliver-invitation.ts';
import { lapseConsents } from '../../../src/app/privacy/lapse-consents.ts';
import { renewConsent } from '../../../src/app/privacy/renew-consent.ts';
import { runRetention } from '../../../src/app/privacy/run-retention.ts';
import { resolvePerson } from '../../../src/app/resolve-person.ts';
import { startCore, type CoreHarness } from '../../support/core.ts';
import { Story } from '../../support/story.ts';

const DAY = 86_400_000;

describe('retention', () => {
  let core: CoreHarness;
  let story: Story;

  beforeEach(async () => {
    // Rows the database stamps itself (created, received) carry the real time: the clock starts there.
    core = await startCore({}, new Date().toISOString());
    story = await new Story(core).setup();
  });
  afterEach(async () => core.close());

  it('removes what has passed its age, and only that; a second run does nothing more', async () => {
    const prisma = core.database.prisma;
    const kari = await story.staff('Kari');
    const ulla = await story.alumnus('Ulla', { expertise: ['public policy'] });
    const passerby = await resolvePerson(core.ctx, { platform: 'slack', workspaceId: 'T1', userId: 'UPASS', displayName: 'Passer By', email: 'pass@example.no', emailVerified: true });
    const imported = await prisma.person.create({ data: { displayName: 'Imported Never Asked', email: 'never@example.no', roles: ['alumnus'], profile: { create: { expertise: ['statistics'] } } } });
    const { request } = await kari.posts();
    const form = await prisma.formDefinition.create({ data: { key: 'after', version: 1, questions: [{ id: 'rate', kind: 'rating' }, { id: 'say', kind: 'text' }, { id: 'again', kind: 'yesno' }] } });
    await prisma.formSession.create({ data: { formId: form.id, personId: ulla.id, subjectType: 'request', subjectId: request.id, state: 'completed', completedAt: core.clock.now(), answers: { rate: 5, say: 'Veldig bra, hilsen Ulla', again: true }, expiresAt: core.clock.now() } });
    await prisma.outboxMessage.create({ data: { platform: 'slack', target: {}, kind: 'direct', card: { text: 'old note' }, idempotencyKey: 'test:old-note', conversationKey: 'c', workspaceKey: 'w', state: 'sent', sentAt: core.clock.now() } });
    await prisma.processedEvent.create({ data: { platform: 'slack', eventId: 'Ev-old' } });

    core.clock.advance(366 * DAY);
    const result = await runRetention(core.ctx);
    expect(result).toMatchObject({ freeTextAnswers: 1, unconsentedPeople: 2, outboxMessages: 1, auditDetails: 0 });
    expect(result.processedEvents).toBeGreaterThanOrEqual(1);
    expect((await prisma.formSession.findFirstOrThrow()).answers).toEqual({ rate: 5, again: true });
    expect(await prisma.person.findUnique({ where: { id: passerby.personId } })).toBeNull();
    expect(await prisma.person.findUnique({ where: { id: imported.id } })).toBeNull();
    for (const kept of [kari.id, ulla.id]) expect(await prisma.person.findUnique({ where: { id: kept } })).not.toBeNull();
    expect(await prisma.outboxMessage.findUnique({ where: { idempotencyKey: 'test:old-note' } })).toBeNull();
    // The request is still under way: its messages stay (their edits need to know where they landed).
    expect(await prisma.outboxMessage.count({ where: { requestId: request.id } })).toBeGreaterThan(0);
    expect(await prisma.auditEntry.findFirst({ where: { action: 'retention.applied' } })).toMatchObject({ details: { freeTextAnswers: 1, unconsentedPeople: 2 } });
    expect(await runRetention(core.ctx)).toMatchObject({ freeTextAnswers: 0, unconsentedPeople: 0, outboxMessages: 0 });

    const before = await prisma.auditEntry.findMany({ select: { id: true } });
    core.clock.advance(365 * DAY);
    expect((await runRetention(core.ctx)).auditDetails).toBeGreaterThan(0);
    const details = await prisma.auditEntry.findMany({ where: { id: { in: before.map((entry) => entry.id) } }, select: { details: true, action: true } });
    expect(details.filter((entry) => JSON.stringify(entry.details) !== '{}')).toEqual([]);
    expect(details.map((entry) => entry.action)).toEqual(expect.arrayContaining(['consent.given', 'request.posted']));
  });
});

describe('consent renewal', () => {
  let core: CoreHarness;
  let story: Story;

  beforeEach(async () => {
    core = await startCore({}, '2026-11-28T09:00:00Z');
    story = await new Story(core).setup();
  });
  afterEach(async () => core.close());

  it('reminds once 30 days before, lapses a consent not renewed, and no invitation goes out on it', async () => {
    const prisma = core.database.prisma;
    const kari = await story.staff('Kari');
    const ulla = await story.alumnus('Ulla', { expertise: ['public policy'] });
    const siri = await story.alumnus('Siri', { expertise: ['public policy'] });

    core.clock.set('2028-10-28T09:00:00Z');
    expect(await lapseConsents(core.ctx)).toEqual({ lapsed: 0, asked: 0, reminded: 0 });
    core.clock.set('2028-10-30T09:00:00Z');
    expect(await lapseConsents(core.ctx)).toEqual({ lapsed: 0, asked: 0, reminded: 2 });
    expect(await lapseConsents(core.ctx)).toMatchObject({ reminded: 0 });
    const reminders = await prisma.outboxMessage.findMany({ where: { idempotencyKey: { endsWith: ':renewal-reminder' } } });
    expect(reminders.map((row) => row.personId).sort()).toEqual([siri.id, ulla.id].sort());
    expect(JSON.stringify(reminders[0]!.card)).toContain('consent_renew');

    // Siri keeps hers; Ulla does nothing.
    await renewConsent(core.ctx, siri.actor, 'slack', siri.id);
    // A request posted the day before Ulla's consent ends, delivered the day after: she is not asked.
    core.clock.set('2028-11-27T09:00:00Z');
    const { request } = await kari.posts({ needed: 2, startsAt: '2029-02-10T09:00:00Z', replyBy: '2029-01-20T12:00:00Z' });
    const invitation = await prisma.invitation.findFirstOrThrow({ where: { requestId: request.id, personId: ulla.id } });
    core.clock.set('2028-11-29T09:00:00Z');
    expect(await checkInvitationBeforeSend(core.ctx, invitation.id)).toEqual({ send: false, reason: 'no_consent' });
    expect(await lapseConsents(core.ctx)).toMatchObject({ lapsed: 1, asked: 0 });
    expect((await prisma.alumnusProfile.findUniqueOrThrow({ where: { personId: ulla.id } })).consentedTypes).toEqual([]);
    expect((await prisma.alumnusProfile.findUniqueOrThrow({ where: { personId: siri.id } })).consentedTypes).toEqual(['guest_lecture']);
    expect(await prisma.consent.findFirst({ where: { personId: ulla.id, lapseReason: 'expired' } })).not.toBeNull();
  });

  it('asks again when the consent text has changed, and counts the old consent as none until then', async () => {
    const prisma = core.database.prisma;
    const ulla = await story.alumnus('Ulla', { expertise: ['public policy'] });
    await prisma.consent.updateMany({ where: { personId: ulla.id }, data: { textVersion: '2025-01' } });
    expect(await lapseConsents(core.ctx)).toEqual({ lapsed: 1, asked: 1, reminded: 0 });
    const asked = await prisma.outboxMessage.findFirstOrThrow({ where: { idempotencyKey: { endsWith: ':new-text' } } });
    expect(asked.personId).toBe(ulla.id);
    expect(JSON.stringify(asked.card)).toContain('Vil du si ja igjen?');
    expect((await prisma.alumnusProfile.findUniqueOrThrow({ where: { personId: ulla.id } })).consentedTypes).toEqual([]);
    await renewConsent(core.ctx, ulla.actor, 'slack', ulla.id);
    expect((await prisma.alumnusProfile.findUniqueOrThrow({ where: { personId: ulla.id } })).consentedTypes).toEqual(['guest_lecture']);
  });
});
