// Teams conversation references: a person's personal chat (kept on their Teams identity) and
// the channels the bot is used in, so the bot can write to them later. Refreshed on every message, since Teams can move a conversation's service URL.
import type { PrismaClient } from '../generated/prisma/client.ts';

type Reference = Record<string, unknown>;

export class PrismaConversationRefStore {
  constructor(private readonly prisma: PrismaClient) {}

  async save(tenantId: string, aadObjectId: string, reference: object): Promise<void> {
    await this.prisma.platformIdentity.updateMany({ where: { platform: 'teams', workspaceId: tenantId, userId: aadObjectId }, data: { conversationRef: reference } });
  }

  async saveChannel(conversationId: string, reference: object): Promise<void> {
    await this.prisma.conversationReference.upsert({
      where: { platform_conversationId: { platform: 'teams', conversationId } },
      create: { platform: 'teams', conversationId, reference },
      update: { reference },
    });
  }

  async findChannel(conversationId: string): Promise<Reference | null> {
    const row = await this.prisma.conversationReference.findUnique({ where: { platform_conversationId: { platform: 'teams', conversationId } } });
    return row && typeof row.reference === 'object' && !Array.isArray(row.reference) ? (row.reference as Reference) : null;
  }

  async find(tenantId: string, aadObjectId: string): Promise<Reference | null> {
    const identity = await this.prisma.platformIdentity.findUnique({
      where: { platform_workspaceId_userId: { platform: 'teams', workspaceId: tenantId, userId: aadObjectId } },
      select: { conversationRef: true },
    });
    const reference = identity?.conversationRef;
    return reference && typeof reference === 'object' && !Array.isArray(reference) ? (reference as Reference) : null;
  }
}
