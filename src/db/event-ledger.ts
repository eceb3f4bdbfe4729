// Processed platform events, one row per platform × event id: the first delivery wins.
import type { Platform } from '../domain/vocabulary.ts';
import type { EventRepository } from '../ports.ts';
import type { Db } from './repositories/client.ts';

export class PrismaEventLedger implements EventRepository {
  constructor(private readonly db: Db) {}

  async claim(platform: Platform, eventId: string): Promise<boolean> {
    const result = await this.db.processedEvent.createMany({ data: [{ platform, eventId: eventId.slice(0, 300) }], skipDuplicates: true });
    return result.count === 1;
  }
}
