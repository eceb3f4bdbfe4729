// The outbox as the dispatcher sees it. Rows are claimed with a lease under FOR UPDATE SKIP
// LOCKED, so several instances share the work without taking the same row twice.
import type { Card } from '../domain/cards.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Address, DispatchStore, MessageRef, OutboxKind, OutboxRow } from '../ports.ts';
import type { Platform } from '../domain/vocabulary.ts';

interface ClaimedRow {
  id: string;
  platform: Platform;
  kind: OutboxKind;
  target: { address: Address; workspaceId: string };
  card: Card;
  idempotency_key: string;
  attempts: number;
  request_id: string | null;
  person_id: string | null;
}

function isRef(value: unknown): value is MessageRef {
  return typeof value === 'object' && value !== null && typeof (value as MessageRef).channelId === 'string' && typeof (value as MessageRef).messageId === 'string';
}

export class PrismaDispatchStore implements DispatchStore {
  constructor(private readonly prisma: PrismaClient) {}

  async claimDue(owner: string, platforms: readonly Platform[], now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    const rows = await this.prisma.$queryRaw<ClaimedRow[]>`
      UPDATE outbox_messages SET lease_owner = ${owner}, lease_until = ${leaseUntil}, updated_at = ${now}
      WHERE id IN (
        SELECT id FROM outbox_messages
        WHERE state = 'pending' AND platform::text = ANY (${[...platforms]}::text[]) AND next_attempt_at <= ${now} AND (lease_until IS NULL OR lease_until < ${now})
        ORDER BY next_attempt_at, id
        FOR UPDATE SKIP LOCKED
        LIMIT ${limit}
      )
      RETURNING id, platform, kind, target, card, idempotency_key, attempts, request_id, person_id`;
    return rows
      .map((row) => ({
        id: row.id,
        platform: row.platform,
        kind: row.kind,
        address: row.target.address,
        workspaceId: row.target.workspaceId,
        card: row.card,
        idempotencyKey: row.idempotency_key,
        attempts: row.attempts,
        requestId: row.request_id,
        personId: row.person_id,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async markSent(id: string, ref: MessageRef | null, now: Date) {
    await this.prisma.outboxMessage.update({ where: { id }, data: { state: 'sent', sentAt: now, platformRef: ref ? (ref as object) : undefined, leaseOwner: null, leaseUntil: null, attempts: { increment: 1 } } });
  }

  async markRetry(id: string, attempts: number, nextAttemptAt: Date, error: string) {
    await this.prisma.outboxMessage.update({ where: { id }, data: { attempts, nextAttemptAt, lastError: error.slice(0, 1000), leaseOwner: null, leaseUntil: null } });
  }

  async markFinal(id: string, state: 'dead' | 'skipped', reason: string) {
    await this.prisma.outboxMessage.update({ where: { id }, data: { state, lastError: reason.slice(0, 1000), leaseOwner: null, leaseUntil: null } });
  }

  async findUserId(personId: string, platform: Platform, workspaceId: string) {
    const identity = await this.prisma.platformIdentity.findFirst({ where: { personId, platform, workspaceId }, select: { userId: true } });
    return identity?.userId ?? null;
  }

  async findRequestMessage(requestId: string) {
    const request = await this.prisma.request.findUnique({ where: { id: requestId }, select: { messageRef: true } });
    const card = await this.prisma.outboxMessage.findUnique({ where: { idempotencyKey: `request:${requestId}:card` }, select: { state: true } });
    return { ref: isRef(request?.messageRef) ? request.messageRef : null, cardPending: card?.state === 'pending' };
  }

  async saveRequestMessage(requestId: string, ref: MessageRef) {
    await this.prisma.request.update({ where: { id: requestId }, data: { messageRef: ref as object } });
  }

  async findInvitationMessage(invitationId: string) {
    const invitation = await this.prisma.invitation.findUnique({ where: { id: invitationId }, select: { messageRef: true } });
    return isRef(invitation?.messageRef) ? invitation.messageRef : null;
  }
}
