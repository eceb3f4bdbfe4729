// Invitations waiting for their one reminder: sent, not answered, on an open request, sent at
// least REMINDER_HOURS ago, and not yet moved on from (their reply time has not passed).
import type { DueReminder, ReminderRepository } from '../../ports.ts';
import type { Db } from './client.ts';

export class PrismaReminderRepository implements ReminderRepository {
  constructor(private readonly db: Db) {}

  async findDue(sentBefore: Date, now: Date, limit: number): Promise<DueReminder[]> {
    const rows = await this.db.invitation.findMany({
      where: { state: 'sent', remindedAt: null, sentAt: { lte: sentBefore }, expiresAt: { gt: now }, request: { state: 'open' } },
      select: { id: true, requestId: true, personId: true },
      orderBy: { sentAt: 'asc' },
      take: limit,
    });
    return rows.map((row) => ({ invitationId: row.id, requestId: row.requestId, personId: row.personId }));
  }

  async markReminded(invitationId: string, at: Date): Promise<boolean> {
    const result = await this.db.invitation.updateMany({ where: { id: invitationId, state: 'sent', remindedAt: null }, data: { remindedAt: at } });
    return result.count === 1;
  }
}
