// Scheduled: one reminder per invitation before the wave moves on. It is due REMINDER_HOURS
// after the invitation was sent (0 = no reminders), if the alumnus has not answered and their
// reply time has not passed. Like invitations, it reaches people in their own working hours, and
// it is rendered again when it is sent: a reminder about an invitation answered, withdrawn or
// expired meanwhile is not sent. Runs on one instance per slot (the run coordinator).
import { invitationReminderKey } from '../domain/outbox-keys.ts';
import { reminderCard } from '../domain/reminder-card.ts';
import { HOUR_MS } from '../domain/time.ts';
import { nextWorkingMoment } from '../domain/working-hours.ts';
import type { Card } from '../domain/cards.ts';
import type { AppContext, DueReminder, Repositories } from '../ports.ts';
import { loadView, translatorFor } from './support/messages.ts';

export const DEFAULT_REMINDER_HOURS = 48;

export function reminderHoursOf(ctx: AppContext): number {
  return ctx.settings.reminderHours ?? DEFAULT_REMINDER_HOURS;
}

/** The reminder as it reads now, or why it is not wanted any more. */
export async function reminderCardNow(ctx: AppContext, repos: Repositories, invitationId: string): Promise<{ card: Card } | { skip: string }> {
  const invitation = await repos.invitations.findById(invitationId);
  const now = ctx.clock.now();
  if (!invitation || invitation.state !== 'sent' || !invitation.expiresAt || invitation.expiresAt <= now) return { skip: 'reminder_not_needed' };
  const request = await repos.requests.findById(invitation.requestId);
  if (!request || request.state !== 'open') return { skip: 'reminder_not_needed' };
  const tr = await translatorFor(ctx, repos, invitation.personId);
  return { card: reminderCard(await loadView(repos, request.id), invitation.expiresAt, tr) };
}

async function inWorkingHours(ctx: AppContext, repos: Repositories, personId: string, now: Date): Promise<boolean> {
  const hours = ctx.settings.workingHours;
  if (!hours) return true;
  const zone = (await repos.people.findContacts([personId])).get(personId)?.timeZone ?? ctx.settings.timeZone;
  return nextWorkingMoment(now, zone, hours) <= now;
}

/** Queues one reminder; false when it is not (or not yet) wanted. */
async function remind(ctx: AppContext, due: DueReminder, now: Date): Promise<boolean> {
  return ctx.store.transaction(async (repos) => {
    // Lock order (src/db/store.ts): the request first, as answers and expiry do.
    await repos.requests.findByIdForUpdate(due.requestId);
    if (!(await inWorkingHours(ctx, repos, due.personId, now))) return false;
    const rendered = await reminderCardNow(ctx, repos, due.invitationId);
    if ('skip' in rendered || !(await repos.reminders.markReminded(due.invitationId, now))) return false;
    await repos.outbox.enqueue([
      { idempotencyKey: invitationReminderKey(due.invitationId), kind: 'invitation_reminder', address: { kind: 'person', personId: due.personId }, card: rendered.card, personId: due.personId, requestId: due.requestId },
    ]);
    return true;
  });
}

export async function sendReminders(ctx: AppContext, batchSize = 200): Promise<{ reminded: number }> {
  const hours = reminderHoursOf(ctx);
  if (hours <= 0) return { reminded: 0 };
  const now = ctx.clock.now();
  const due = await ctx.store.transaction((repos) => repos.reminders.findDue(new Date(now.getTime() - hours * HOUR_MS), now, batchSize));
  let reminded = 0;
  for (const one of due) if (await remind(ctx, one, now)) reminded += 1;
  return { reminded };
}
