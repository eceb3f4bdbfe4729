// The delivery side of the ports: how the outbox dispatcher sees messages, platforms and the
// database. Re-exported from ports.ts.
import type { Card } from './domain/cards.ts';
import type { Platform } from './domain/vocabulary.ts';
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

/** Why a platform refused a message: retry later, or give up with a reason. */
export class MessengerError extends Error {
  constructor(
    readonly kind: 'rate_limited' | 'transient' | 'permanent',
    readonly reason: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${kind}: ${reason}`);
    this.name = 'MessengerError';
  }
}

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

/** The dispatcher's view of the outbox and of the references it needs to resolve addresses. */
export interface DispatchStore {
  claimDue(owner: string, platforms: readonly Platform[], now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]>;
  /**
   * Records the send of the claimed version. False when the row changed meanwhile (a newer update
   * was coalesced into it, or the lease was lost): the row is then pending again, to be rendered anew.
   */
  markSent(id: string, ref: MessageRef | null, now: Date, version: number): Promise<boolean>;
  markRetry(id: string, attempts: number, nextAttemptAt: Date, error: string): Promise<void>;
  markFinal(id: string, state: 'dead' | 'skipped', reason: string): Promise<void>;
  /** Gives a claimed row back untouched (shutdown, or a throttle slot too far away). */
  release(id: string, nextAttemptAt: Date): Promise<void>;
  /** Reserves the next send slot of a throttle bucket; returns when this send may happen. */
  reserveSlot(key: string, intervalMs: number, now: Date): Promise<Date>;
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
