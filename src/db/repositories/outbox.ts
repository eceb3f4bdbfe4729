// Writes outgoing messages in the caller's transaction. The address is resolved far enough to
// know the platform and the throttle buckets (conversation, workspace); the dispatcher
// resolves the rest (DM channel, message to update) when it sends.
import type { Platform } from '../../domain/vocabulary.ts';
import type { Address, OutboxEntry, OutboxRepository } from '../../ports.ts';
import type { Db } from './client.ts';

interface Route {
  platform: Platform;
  workspaceId: string;
  conversation: string;
}

export class PrismaOutboxRepository implements OutboxRepository {
  constructor(private readonly db: Db) {}

  async enqueue(entries: readonly OutboxEntry[]) {
    const rows = [];
    for (const entry of entries) {
      const route = await this.route(entry.address);
      if (!route) continue;
      rows.push({
        platform: route.platform,
        target: { address: entry.address, workspaceId: route.workspaceId } as object,
        kind: entry.kind,
        card: entry.card as object,
        idempotencyKey: entry.idempotencyKey,
        conversationKey: `${route.platform}:${route.workspaceId}:${route.conversation}`,
        workspaceKey: `${route.platform}:${route.workspaceId}`,
        personId: entry.personId ?? null,
        requestId: entry.requestId ?? null,
      });
    }
    if (rows.length > 0) await this.db.outboxMessage.createMany({ data: rows, skipDuplicates: true });
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

  private async route(address: Address): Promise<Route | null> {
    switch (address.kind) {
      case 'channel':
        return { platform: address.channel.platform, workspaceId: address.channel.workspaceId, conversation: address.channel.channelId };
      case 'person':
        return this.personRoute(address.personId);
      case 'request_card': {
        const request = await this.db.request.findUnique({ where: { id: address.requestId }, select: { channelPlatform: true, channelWorkspaceId: true, channelId: true } });
        if (!request?.channelPlatform || !request.channelWorkspaceId || !request.channelId) return null;
        return { platform: request.channelPlatform, workspaceId: request.channelWorkspaceId, conversation: request.channelId };
      }
      case 'invitation_message': {
        const invitation = await this.db.invitation.findUnique({ where: { id: address.invitationId }, select: { personId: true, platform: true } });
        return invitation ? this.personRoute(invitation.personId, invitation.platform) : null;
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
    return identity ? { platform: identity.platform, workspaceId: identity.workspaceId, conversation: `dm:${identity.userId}` } : null;
  }
}
