// What this instance knows it sent but could not record yet: the platform answered (perhaps
// after the dispatcher stopped waiting), and then the database failed, or the answer came late.
// The next attempt at the row records this reference instead of sending the message again. It
// lives in memory: a crash loses it, and then the "maybe sent" checks take over (Slack looks
// for the message by its metadata; Teams cannot, see the README).
import type { MessageRef } from '../ports.ts';

/** More than any outage leaves behind at once; the oldest are forgotten first. */
const MAX_ENTRIES = 10_000;

export class SentJournal {
  private readonly entries = new Map<string, MessageRef>();

  remember(rowId: string, ref: MessageRef): void {
    this.entries.delete(rowId);
    this.entries.set(rowId, ref);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
  }

  find(rowId: string): MessageRef | undefined {
    return this.entries.get(rowId);
  }

  forget(rowId: string): void {
    this.entries.delete(rowId);
  }
}
