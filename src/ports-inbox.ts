// The durable inbox as its worker sees the database: platform requests recorded before they are
// acknowledged, then processed at least once (see src/inbox/inbox.ts).
import type { Platform } from './domain/vocabulary.ts';

export interface InboxEntry {
  platform: Platform;
  /** The same request delivered again (a Slack retry) has the same key. */
  dedupeKey: string;
  kind: string;
  body: unknown;
}

export interface InboxRecord {
  id: string;
  platform: Platform;
  kind: string;
  body: unknown;
  attempts: number;
}

export interface InboxStore {
  /** Records a request, leased to `owner` until `leaseUntil`; null when its key was recorded before. */
  record(entry: InboxEntry, owner: string, leaseUntil: Date): Promise<string | null>;
  /**
   * Events left unfinished (their lease ran out) or due for another try, leased to `owner`.
   * Commands and interactions are never processed again: Slack does not send them again either,
   * and doing one twice (a form submitted twice) could act twice.
   */
  claimDue(owner: string, now: Date, limit: number, leaseUntil: Date): Promise<InboxRecord[]>;
  /** Keeps requests this owner is still working on from being taken over. */
  extendLeases(ids: readonly string[], owner: string, until: Date): Promise<void>;
  /** Done: the body (personal data) is cleared. */
  markDone(id: string, now: Date): Promise<void>;
  /** Failed: tried again from `nextAttemptAt`, or given up (`dead`, body cleared). */
  markFailed(id: string, attempts: number, nextAttemptAt: Date, error: string, dead: boolean): Promise<void>;
  /** Deletes finished requests (and commands or interactions left behind) received before `before`; how many. */
  prune(before: Date): Promise<number>;
}
