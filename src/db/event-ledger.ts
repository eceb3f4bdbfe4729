// Processed platform events, one row per platform × event id: the first delivery wins.
import type { Platform } from '../domain/vocabulary.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';

export class PrismaEventLedger {
  constructor(private readonly prisma: PrismaClient) {}

  async firstSeen(platform: Platform, eventId: string): Promise<boolean> {
    const result = await this.prisma.processedEvent.createMany({ data: [{ platform, eventId: eventId.slice(0, 300) }], skipDuplicates: true });
    return result.count === 1;
  }
}
