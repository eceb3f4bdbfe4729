// Writes outgoing messages in the caller's transaction. The address is resolved far enough to
// know the platform and the throttle buckets (conversation, workspace); the dispatcher
// resolves the rest (DM channel, message to update) when it sends.
//
// Updates to one message are coalesced: each message has one update row (its key names the
// message), and queuing another update bumps that row's version and makes it pending again.
// The dispatcher renders the message from the current state when it sends, and a send only
// counts if no newer version arrived meanwhile, so an edit can never show an older state.
import type { Platform } from '../../domain/vocabulary.ts';
import type { Address, OutboxEntry, OutboxKind, OutboxRepository } from '../../ports.ts';
import type { Db } from './client.ts';
import { orderedUuid } from '../ordered-id.ts';

interface Route {
  platform: Platform;
  workspaceId: string;
  conversationKey: string;
  workspaceKey: string;
}

/** Kinds that edit a message already sent: one row per message, coalesced. */
const UPDATE_KINDS: ReadonlySet<OutboxKind> = new Set(['invitation_update', 'request_card_update', 'message_update']);

const route = (platform: Platform, workspaceId: string, conversation: string): Route => ({
  platform,
  workspaceId,
  conversationKey: `${platform}:${workspaceId}:${conversation}`,
  workspaceKey: `${platform}:${workspaceId}`,
});

export class PrismaOutboxRepository implements OutboxRepository {
  constructor(private readonly db: Db) {}

  async enqueue(entries: readonly OutboxEntry[]) {
    const rows = [];
    for (const entry of entries) {
      const found = await this.route(entry.address);
      if (!found) continue;
      const row = {
        id: orderedUuid(),
        platform: found.platform,
        target: { address: entry.address, workspaceId: found.workspaceId } as object,
        kind: entry.kind,
        card: entry.card as object,
        idempotencyKey: entry.idempotencyKey,
        conversationKey: found.conversationKey,
        workspaceKey: found.workspaceKey,
        personId: entry.personId ?? null,
        requestId: entry.requestId ?? null,
        ...(entry.delayMs ? { nextAttemptAt: new Date(Date.now() + entry.delayMs) } : {}),
      };
      if (UPDATE_KINDS.has(entry.kind)) await this.coalesce(row);
      else rows.push(row);
    }
    if (rows.length > 0) await this.db.outboxMessage.createMany({ data: rows, skipDuplicates: true });
  }

  /**
   * Writes an update row, or folds this update into the message's existing one: a new version,
   * pending again, with the newest snapshot (the dispatcher renders afresh anyway). A pending row
   * that waits (a delay, a back-off) keeps its later time. Callers hold the row lock of the
   * request the message belongs to, so two writers never race for one message.
   */
  private async coalesce(row: { idempotencyKey: string; card: object; nextAttemptAt?: Date } & Record<string, unknown>) {
    const existing = await this.db.outboxMessage.findUnique({ where: { idempotencyKey: row.idempotencyKey }, select: { state: true, nextAttemptAt: true } });
    if (!existing) {
      await this.db.outboxMessage.create({ data: row as Parameters<Db['outboxMessage']['create']>[0]['data'] });
      return;
    }
    const due = row.nextAttemptAt ?? new Date();
    const later = existing.state === 'pending' && existing.nextAttemptAt > due ? existing.nextAttemptAt : due;
    await this.db.outboxMessage.update({
      where: { idempotencyKey: row.idempotencyKey },
      data: { card: row.card, version: { increment: 1 }, state: 'pending', attempts: 0, lastError: null, nextAttemptAt: later },
    });
  }

  async cancelPending(idempotencyKeys: readonly string[], reason: string) {
    if (idempotencyKeys.length === 0) return;
    await this.db.outboxMessage.updateMany({
      where: { idempotencyKey: { in: [...idempotencyKeys] }, state: 'pending' },
      data: { state: 'skipped', lastError: reason },
    });
  }

  countDead() {
    return this.db.outboxMessage.count({ where: { state: 'dead' } });
  }

  async listPaused() {
    const rows = await this.db.platformPause.findMany({ orderBy: { pausedAt: 'asc' } });
    return rows.map((row) => ({ platform: row.platform, reason: row.reason, since: row.pausedAt }));
  }

  private async route(address: Address): Promise<Route | null> {
    switch (address.kind) {
      case 'channel':
        return route(address.channel.platform, address.channel.workspaceId, address.channel.channelId);
      case 'person':
        return this.personRoute(address.personId, address.platform);
      case 'request_card': {
        const request = await this.db.request.findUnique({ where: { id: address.requestId }, select: { channelPlatform: true, channelWorkspaceId: true, channelId: true } });
        if (!request?.channelPlatform || !request.channelWorkspaceId || !request.channelId) return null;
        return route(request.channelPlatform, request.channelWorkspaceId, request.channelId);
      }
      case 'invitation_message': {
        const invitation = await this.db.invitation.findUnique({ where: { id: address.invitationId }, select: { personId: true, platform: true } });
        return invitation ? this.personRoute(invitation.personId, invitation.platform) : null;
      }
      case 'sent_message': {
        // The same buckets as the message being edited (nothing to edit when it was never queued).
        const rows = await this.db.outboxMessage.findMany({ where: { idempotencyKey: { in: address.keys } }, select: { idempotencyKey: true, platform: true, target: true, conversationKey: true, workspaceKey: true } });
        const first = address.keys.map((key) => rows.find((row) => row.idempotencyKey === key)).find((row) => row !== undefined);
        if (!first) return null;
        return { platform: first.platform, workspaceId: (first.target as { workspaceId: string }).workspaceId, conversationKey: first.conversationKey, workspaceKey: first.workspaceKey };
      }
    }
  }

  /** The person's identity on the platform given, else their preferred one, else the oldest. */
  private async personRoute(personId: string, platform?: Platform | null): Promise<Route | null> {
    const person = await this.db.person.findUnique({
      where: { id: personId },
      select: { preferredPlatform: true, identities: { orderBy: { createdAt: 'asc' } } },
    });
    if (!person) return null;
    const wanted = platform ?? person.preferredPlatform;
    const identity = person.identities.find((candidate) => candidate.platform === wanted) ?? person.identities[0];
    return identity ? route(identity.platform, identity.workspaceId, `dm:${identity.userId}`) : null;
  }
}
