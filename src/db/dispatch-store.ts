// The outbox as the dispatcher sees it. Rows are claimed with a lease under FOR UPDATE SKIP
// LOCKED, so several instances share the work without taking the same row twice.
import type { Card } from '../domain/cards.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Address, DispatchStore, MessageRef, OutboxKind, OutboxRow, PlatformPause } from '../ports.ts';
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
  conversation_key: string;
  workspace_key: string;
  created_at: Date;
  previous_owner: string | null;
  maybe_sent: boolean;
  version: number;
}

function isRef(value: unknown): value is MessageRef {
  return typeof value === 'object' && value !== null && typeof (value as MessageRef).channelId === 'string' && typeof (value as MessageRef).messageId === 'string';
}

export class PrismaDispatchStore implements DispatchStore {
  constructor(private readonly prisma: PrismaClient) {}

  async claimDue(owner: string, platforms: readonly Platform[], now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    // One conversation is served by one instance at a time, which keeps its messages in order.
    const rows = await this.prisma.$queryRaw<ClaimedRow[]>`
      WITH due AS (
        SELECT o.id, o.lease_owner AS previous_owner FROM outbox_messages o
        WHERE o.state = 'pending' AND o.platform::text = ANY (${[...platforms]}::text[]) AND o.next_attempt_at <= ${now}
          AND (o.lease_until IS NULL OR o.lease_until < ${now})
          AND NOT EXISTS (
            SELECT 1 FROM outbox_messages busy
            WHERE busy.conversation_key = o.conversation_key AND busy.state = 'pending'
              AND busy.lease_until >= ${now} AND busy.lease_owner <> ${owner})
        ORDER BY o.next_attempt_at, o.id
        FOR UPDATE SKIP LOCKED
        LIMIT ${limit}
      )
      UPDATE outbox_messages m SET lease_owner = ${owner}, lease_until = ${leaseUntil}, updated_at = ${now}
      FROM due WHERE m.id = due.id
      RETURNING m.id, m.platform, m.kind, m.target, m.card, m.idempotency_key, m.attempts, m.request_id, m.person_id,
                m.conversation_key, m.workspace_key, m.created_at, m.version, m.maybe_sent, due.previous_owner`;
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
        conversationKey: row.conversation_key,
        workspaceKey: row.workspace_key,
        createdAt: row.created_at,
        interrupted: row.previous_owner !== null || row.maybe_sent,
        version: row.version,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async markSent(id: string, ref: MessageRef | null, now: Date, version: number) {
    const done = await this.prisma.outboxMessage.updateMany({
      where: { id, version },
      data: { state: 'sent', sentAt: now, platformRef: ref ? (ref as object) : undefined, leaseOwner: null, leaseUntil: null, maybeSent: false, attempts: { increment: 1 } },
    });
    if (done.count === 1) return true;
    // A newer update was folded into this row while it was being sent: send it again, rendered anew.
    await this.prisma.outboxMessage.update({ where: { id }, data: { leaseOwner: null, leaseUntil: null } });
    return false;
  }

  async markRetry(id: string, attempts: number, nextAttemptAt: Date, error: string, maybeSent = false) {
    await this.prisma.outboxMessage.update({
      where: { id },
      data: { attempts, nextAttemptAt, lastError: error.slice(0, 1000), leaseOwner: null, leaseUntil: null, ...(maybeSent ? { maybeSent: true } : {}) },
    });
  }

  async extendLeases(ids: readonly string[], owner: string, until: Date) {
    if (ids.length === 0) return 0;
    const done = await this.prisma.outboxMessage.updateMany({ where: { id: { in: [...ids] }, leaseOwner: owner, state: 'pending' }, data: { leaseUntil: until } });
    return done.count;
  }

  async markFinal(id: string, state: 'dead' | 'skipped', reason: string) {
    await this.prisma.outboxMessage.update({ where: { id }, data: { state, lastError: reason.slice(0, 1000), leaseOwner: null, leaseUntil: null } });
  }

  async release(id: string, nextAttemptAt: Date) {
    await this.prisma.outboxMessage.update({ where: { id }, data: { nextAttemptAt, leaseOwner: null, leaseUntil: null } });
  }

  async reserveSlot(key: string, intervalMs: number, now: Date): Promise<Date> {
    const [row] = await this.prisma.$queryRaw<{ slot: Date }[]>`
      INSERT INTO delivery_slots (key, next_at) VALUES (${key}, ${new Date(now.getTime() + intervalMs)})
      ON CONFLICT (key) DO UPDATE SET next_at = GREATEST(delivery_slots.next_at, ${now}) + make_interval(secs => ${intervalMs / 1000})
      RETURNING next_at - make_interval(secs => ${intervalMs / 1000}) AS slot`;
    return row?.slot ?? now;
  }

  async releaseSlot(key: string, slot: Date, intervalMs: number) {
    // Only when nobody reserved a later slot meanwhile; otherwise the gap is simply not used.
    await this.prisma.$executeRaw`UPDATE delivery_slots SET next_at = ${slot} WHERE key = ${key} AND next_at = ${new Date(slot.getTime() + intervalMs)}`;
  }

  async pausedPlatforms(): Promise<PlatformPause[]> {
    const rows = await this.prisma.platformPause.findMany({ orderBy: { pausedAt: 'asc' } });
    return rows.map((row) => ({ platform: row.platform, errorClass: row.errorClass, reason: row.reason, pausedAt: row.pausedAt, probeAt: row.probeAt, probes: row.probes }));
  }

  async pause(pause: Omit<PlatformPause, 'probes'>) {
    const done = await this.prisma.platformPause.createMany({ data: [{ ...pause, reason: pause.reason.slice(0, 200) }], skipDuplicates: true });
    return done.count === 1;
  }

  async claimProbe(platform: Platform, now: Date, nextProbeAt: Date) {
    const done = await this.prisma.platformPause.updateMany({ where: { platform, probeAt: { lte: now } }, data: { probeAt: nextProbeAt, probes: { increment: 1 } } });
    return done.count === 1;
  }

  async resume(platform: Platform) {
    const [row] = await this.prisma.$queryRaw<{ paused_at: Date }[]>`DELETE FROM platform_pauses WHERE platform = ${platform}::"Platform" RETURNING paused_at`;
    return row ? { pausedAt: row.paused_at } : null;
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

  async findSentMessage(keys: readonly string[]) {
    const rows = await this.prisma.outboxMessage.findMany({ where: { idempotencyKey: { in: [...keys] } }, select: { idempotencyKey: true, state: true, platformRef: true } });
    const sent = keys.map((key) => rows.find((row) => row.idempotencyKey === key && row.state === 'sent' && isRef(row.platformRef))).find(Boolean);
    return { ref: sent && isRef(sent.platformRef) ? sent.platformRef : null, pending: rows.some((row) => row.state === 'pending') };
  }

  async isPending(key: string) {
    return (await this.prisma.outboxMessage.count({ where: { idempotencyKey: key, state: 'pending' } })) > 0;
  }

  async findTimeZone(personId: string) {
    const person = await this.prisma.person.findUnique({ where: { id: personId }, select: { timeZone: true } });
    return person?.timeZone ?? null;
  }

  async findInvitationMessage(invitationId: string) {
    const invitation = await this.prisma.invitation.findUnique({ where: { id: invitationId }, select: { messageRef: true } });
    return isRef(invitation?.messageRef) ? invitation.messageRef : null;
  }
}
