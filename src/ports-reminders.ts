// The port for the one reminder before a wave moves on (src/app/send-reminders.ts).

export interface DueReminder {
  invitationId: string;
  requestId: string;
  personId: string;
}

export interface ReminderRepository {
  /** Sent, unanswered invitations on open requests, sent before `sentBefore`, not yet reminded, not yet expired at `now`. */
  findDue(sentBefore: Date, now: Date, limit: number): Promise<DueReminder[]>;
  /** Records the reminder once; false when the invitation was reminded or answered meanwhile. */
  markReminded(invitationId: string, at: Date): Promise<boolean>;
}
