// The delivery side of the ports: how the outbox dispatcher sees messages, platforms and the
// database. Re-exported from ports.ts.
import type { Card } from './domain/cards.ts';
import type { InvitationState } from './domain/invitation-state.ts';
import type { MatchReason } from './domain/matching.ts';
import type { RequestState } from './domain/request-state.ts';
import type { Platform, RequestType } from './domain/vocabulary.ts';
import type { Address, OutboxKind } from './ports.ts';

// ------------------------------------------------------------------ delivery

/** Where a sent message lives on its platform: Slack channel + ts, Teams conversation + activity id. */
export interface MessageRef {
  channelId: string;
  messageId: string;
}

export type SendTarget =
  | { kind: 'user'; workspaceId: string; userId: string }
  | { kind: 'channel'; workspaceId: string; channelId: string; thread?: MessageRef };

/** Why a platform refused a message, by error class (see delivery/error-classes.ts). */
export { MessengerError, type ErrorClass } from './delivery/error-classes.ts';

/** One chat platform's way of sending and editing messages. */
export interface Messenger {
  platform: Platform;
  send(target: SendTarget, card: Card, idempotencyKey: string): Promise<MessageRef>;
  update(ref: MessageRef, card: Card): Promise<void>;
  /**
   * A message already sent with this idempotency key, if the platform can tell (Slack can, via
   * message metadata; Teams cannot). Used before resending a message whose send was interrupted.
   */
  findSent?(target: SendTarget, idempotencyKey: string, since: Date): Promise<MessageRef | null>;
  /**
   * A cheap call that succeeds when the platform accepts us again (Slack: auth.test). Used to
   * resume a paused platform; without it, a paused platform is tried with one waiting message.
   */
  probe?(): Promise<void>;
}

export interface OutboxRow {
  id: string;
  platform: Platform;
  kind: OutboxKind;
  address: Address;
  workspaceId: string;
  card: Card;
  idempotencyKey: string;
  attempts: number;
  requestId: string | null;
  personId: string | null;
  conversationKey: string;
  workspaceKey: string;
  createdAt: Date;
  /** Claimed before by an instance that never finished: the send may have happened. */
  interrupted: boolean;
  /** The row's version when claimed: a coalesced update bumps it, and then this send is not the last. */
  version: number;
}

/** A platform whose messages wait (see delivery/error-classes.ts). */
export interface PlatformPause {
  platform: Platform;
  /** 'platform' (the platform refuses us) or 'unreachable' (many transient failures in a row). */
  errorClass: string;
  reason: string;
  pausedAt: Date;
  probeAt: Date;
  probes: number;
}

/**
 * What deciding and rendering an invitation at send time needs, read in one query (no locks):
 * the invitation, its request, the alumnus' current consent, pause, language and platform user.
 * `viewStamp` changes whenever what the request's card shows may have changed.
 */
export interface InvitationSendFacts {
  invitation: { id: string; requestId: string; personId: string; state: InvitationState; reasons: MatchReason[]; answeredAt: Date | null; sentAt: Date | null };
  request: { state: RequestState; type: RequestType; replyBy: Date; viewStamp: Date };
  consent: { givenAt: Date; textVersion: string; purposes: RequestType[] | null } | null;
  pausedUntil: Date | null;
  person: { locale: string | null; platformLocale: string | null; timeZone: string | null };
  /** The alumnus' user id on the row's platform and workspace, if they have one there. */
  userId: string | null;
}

export interface InvitationFactsQuery {
  invitationId: string;
  /** The platform and workspace of the row, for the alumnus' user id there. */
  platform: Platform;
  workspaceId: string;
}

export interface InvitationSentRecord {
  rowId: string;
  version: number;
  invitationId: string;
  platform: Platform;
  ref: MessageRef;
  now: Date;
  /** now + the wave's reply hours; the request's deadline caps it. */
  replyWindowEnds: Date;
}

/** The dispatcher's view of the outbox and of the references it needs to resolve addresses. */
export interface DispatchStore {
  /** Claims due rows with a lease, leaving out `busyConversations` (this instance is still sending in them). */
  claimDue(owner: string, platforms: readonly Platform[], now: Date, limit: number, leaseMs: number, busyConversations?: readonly string[]): Promise<OutboxRow[]>;
  /**
   * Records the send of the claimed version. False when the row changed meanwhile (a newer update
   * was coalesced into it, or the lease was lost): the row is then pending again, to be rendered anew.
   */
  markSent(id: string, ref: MessageRef | null, now: Date, version: number): Promise<boolean>;
  /** Puts the row back for a later attempt; `maybeSent` when the failure came after the request left. */
  markRetry(id: string, attempts: number, nextAttemptAt: Date, error: string, maybeSent?: boolean): Promise<void>;
  /** Keeps rows this owner is still working on from being taken over; how many it still holds. */
  extendLeases(ids: readonly string[], owner: string, until: Date): Promise<number>;
  markFinal(id: string, state: 'dead' | 'skipped', reason: string): Promise<void>;
  /** Gives a claimed row back untouched (shutdown, or a throttle slot too far away). */
  release(id: string, nextAttemptAt: Date): Promise<void>;
  /** Gives claimed rows back untouched, each to wait until its moment (one round trip). */
  releaseMany(rows: readonly { id: string; at: Date }[]): Promise<void>;
  /**
   * Reserves `count` consecutive send slots, `intervalMs` apart, in each throttle bucket (shared by
   * all instances); returns the first slot of each run, in the runs' order.
   */
  reserveRuns(runs: readonly { key: string; intervalMs: number; count: number }[], now: Date): Promise<Date[]>;
  /** Gives back the unused tail of runs reserved by reserveRuns (from `from` up to `end`), where nobody reserved after it. */
  giveBackRuns(tails: readonly { key: string; from: Date; end: Date }[]): Promise<void>;
  /** Everything the send-time check and rendering of these invitations read, in one query, by invitation id (absent: gone). */
  invitationSendFacts(wanted: readonly InvitationFactsQuery[]): Promise<Map<string, InvitationSendFacts>>;
  /**
   * Records sent invitations that were still queued (state sent, where, reply window) together
   * with their outbox rows (as markSent), in one statement; answers in the same order.
   * `invitation` false: it was not queued, nothing was written for it. `outbox` false with
   * `invitation` true: the row changed meanwhile and is pending again.
   */
  markInvitationsSent(sent: readonly InvitationSentRecord[]): Promise<{ invitation: boolean; outbox: boolean }[]>;
  /** Platforms paused now (shared by every instance). */
  pausedPlatforms(): Promise<PlatformPause[]>;
  /** Pauses a platform; false when it was paused already. */
  pause(pause: Omit<PlatformPause, 'probes'>): Promise<boolean>;
  /** Takes the turn to probe a paused platform when its probe is due; false when it is not (or another instance took it). */
  claimProbe(platform: Platform, now: Date, nextProbeAt: Date): Promise<boolean>;
  /** Ends a pause; when it was paused, since when. */
  resume(platform: Platform): Promise<{ pausedAt: Date } | null>;
  findUserId(personId: string, platform: Platform, workspaceId: string): Promise<string | null>;
  findRequestMessage(requestId: string): Promise<{ ref: MessageRef | null; cardPending: boolean }>;
  saveRequestMessage(requestId: string, ref: MessageRef): Promise<void>;
  findInvitationMessage(invitationId: string): Promise<MessageRef | null>;
  /** Where the first of these rows that was sent landed; `pending` when one of them is still to be sent. */
  findSentMessage(keys: readonly string[]): Promise<{ ref: MessageRef | null; pending: boolean }>;
  /** Whether the row with this key is still to be sent. */
  isPending(key: string): Promise<boolean>;
  /** The person's own time zone, if they have one. */
  findTimeZone(personId: string): Promise<string | null>;
}
