// One reminder before the wave moves on (REMINDER_HOURS, default 48; 0 = none): due that many
// hours after the invitation was sent, only while it is unanswered and its reply time has not
// passed, only once, in the alumnus' working hours, and rendered again when it is sent.
import { answerInvitation } from '../../../src/app/answer-invitation.ts';
import { recordInvitationSent } from '../../../src/app/deliver-invitation.ts';
import { postRequest } from '../../../src/app/post-request.ts';
import { resolvePerson } from '../../../src/app/resolve-person.ts';
import { sendReminders } from '../../../src/app/send-reminders.ts';
import { renderLiveMessage } from '../../../src/app/support/live-messages.ts';
import { invitationReminderKey } from '../../../src/domain/outbox-keys.ts';
import { HOUR_MS } from '../../../src/domain/time.ts';
import { parseWorkingHours } from '../../../src/domain/working-hours.ts';
import type { Card } from '../../../src/domain/cards.ts';
import { eventually } from '../../support/eventually.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { slackSteps } from './slack-steps.ts';
import { equalAlumni, requestInput, startImportedCore, WORKSPACE, type ImportedCore } from './imported-core.ts';

// Monday 30 November 2026, 09:00 UTC (10:00 in Oslo).
const MONDAY = '2026-11-30T09:00:00Z';

describe('the reminder before the wave moves on', () => {
  let core: ImportedCore;

  afterEach(async () => {
    await core.close();
  });

  async function start(settings: Parameters<typeof startImportedCore>[1] = {}) {
    core = await startImportedCore(equalAlumni(2), settings, MONDAY);
    const { request } = await postRequest(core.ctx, core.admin, requestInput(core, { needed: 1, replyBy: '2026-12-20T12:00:00Z' }));
    const invitations = await core.database.prisma.invitation.findMany({ where: { requestId: request.id }, orderBy: { createdAt: 'asc' } });
    for (const invitation of invitations) await recordInvitationSent(core.ctx, invitation.id, 'slack', { channel: 'D1', ts: invitation.id });
    return invitations;
  }
  const reminders = () => core.database.prisma.outboxMessage.findMany({ where: { kind: 'invitation_reminder' }, orderBy: { createdAt: 'asc' } });
  const actorOf = (n: number) => resolvePerson(core.ctx, { platform: 'slack', workspaceId: WORKSPACE, userId: `UA0000${n}`, displayName: `Alumnus ${n}`, locale: 'nb-NO' });
  async function actorFor(personId: string) {
    for (const n of [1, 2]) {
      const actor = await actorOf(n);
      if (actor.personId === personId) return actor;
    }
    throw new Error('not an imported alumnus');
  }

  it('reminds each unanswered invitation once, 48 hours after it was sent, in the reader’s language', async () => {
    const invitations = await start();
    expect(invitations).toHaveLength(2);
    await answerInvitation(core.ctx, await actorFor(invitations[1]!.personId), invitations[1]!.id, 'decline');

    core.clock.advance(47 * HOUR_MS);
    expect(await sendReminders(core.ctx)).toEqual({ reminded: 0 });
    core.clock.advance(1 * HOUR_MS);
    expect(await sendReminders(core.ctx)).toEqual({ reminded: 1 });
    expect(await sendReminders(core.ctx)).toEqual({ reminded: 0 });

    const [reminder] = await reminders();
    expect(reminder).toMatchObject({ idempotencyKey: invitationReminderKey(invitations[0]!.id), personId: invitations[0]!.personId, state: 'pending' });
    // The wave moves on at 72 hours: Thursday 3 December, 10:00 in Oslo.
    expect((reminder!.card as Card).title).toBe('Påminnelse: Gjesteforelesning om offentlig politikk');
    expect((reminder!.card as Card).text).toContain('Svar gjerne innen 3. desember 2026 kl. 10:00');
  });

  it('sends nothing once the wave has moved on, nor with REMINDER_HOURS=0', async () => {
    await start({ reminderHours: 0 });
    core.clock.advance(50 * HOUR_MS);
    expect(await sendReminders(core.ctx)).toEqual({ reminded: 0 });
    core.ctx.settings.reminderHours = 48;
    core.clock.advance(30 * HOUR_MS);
    expect(await sendReminders(core.ctx)).toEqual({ reminded: 0 });
    expect(await reminders()).toEqual([]);
  });

  it('waits for the alumnus’ working hours', async () => {
    await start({ workingHours: parseWorkingHours('Mon-Fri 08:00-20:00') });
    // 48 hours later is Wednesday 10:00 in Oslo, but make it 21:30 there first.
    core.clock.set('2026-12-02T20:30:00Z');
    expect(await sendReminders(core.ctx)).toEqual({ reminded: 0 });
    core.clock.set('2026-12-03T07:00:00Z');
    expect(await sendReminders(core.ctx)).toEqual({ reminded: 2 });
  });

  it('is not sent when the alumnus answered after it was queued', async () => {
    const invitations = await start();
    core.clock.advance(48 * HOUR_MS);
    expect(await sendReminders(core.ctx)).toEqual({ reminded: 2 });
    const first = invitations[0]!;
    expect(await renderLiveMessage(core.ctx, invitationReminderKey(first.id))).toMatchObject({ card: { title: expect.stringContaining('Påminnelse') } });
    await answerInvitation(core.ctx, await actorFor(first.personId), first.id, 'accept');
    expect(await renderLiveMessage(core.ctx, invitationReminderKey(first.id))).toEqual({ skip: 'reminder_not_needed' });
  });
});

describe('Slack: the reminder reaches the alumnus', () => {
  let h: SlackHarness;
  const steps = slackSteps(() => h);

  beforeEach(async () => {
    h = await startSlackHarness();
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    h.slack.addUser({ id: 'UOLA', name: 'Ola', email: 'ola@example.no' });
  });

  afterEach(async () => {
    await h.stop();
  });

  it('as a direct message after the invitation, once', async () => {
    await steps.join('UOLA', ['guest_lecture']);
    await steps.postRequest('UKARI', 'guest_lecture');
    await eventually(() => expect(steps.invitationsOf('UOLA')).toHaveLength(1));
    // Slack shows the message a moment before the outbox records it as sent; reminders count from that record.
    await eventually(async () => expect(await h.service.database.prisma.invitation.count({ where: { state: 'sent' } })).toBe(1), 15_000);
    // The scheduled job, two days on (the job reads the clock it is given).
    const later = { ...h.service.ctx, clock: { now: () => new Date(Date.now() + 49 * HOUR_MS) } };
    expect(await sendReminders(later)).toEqual({ reminded: 1 });
    expect(await sendReminders(later)).toEqual({ reminded: 0 });
    const reminder = await eventually(() => {
      const found = steps.dmOf('UOLA').find((message) => steps.blocksText(message).includes('Påminnelse: Mentor for masterstudenter'));
      expect(found).toBeDefined();
      return found!;
    });
    expect(steps.blocksText(reminder)).toContain('knappene er i invitasjonen over');
    expect(steps.dmOf('UOLA').filter((message) => steps.blocksText(message).includes('Påminnelse'))).toHaveLength(1);
  });
});
