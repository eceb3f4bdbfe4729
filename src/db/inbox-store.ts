// The durable inbox in PostgreSQL: one row per platform request, unique per platform and key,
// claimed with a lease under FOR UPDATE SKIP LOCKED so any instance can finish what another
// left behind.
import type { Platform } from '../domain/vocabulary.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { InboxEntry, InboxRecord, InboxStore } from '../ports-inbox.ts';

export class PrismaInboxStore implements InboxStore {
  constructor(private readonly prisma: PrismaClient) {}

  async record(entry: InboxEntry, owner: string, leaseUntil: Date): Promise<string | null> {
    const [row] = await this.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO inbox_events (id, platform, dedupe_key, kind, body, lease_owner, lease_until)
      VALUES (gen_random_uuid(), ${entry.platform}::"Platform", ${entry.dedupeKey.slice(0, 300)}, ${entry.kind}, ${JSON.stringify(entry.body)}::jsonb, ${owner}, ${leaseUntil})
      ON CONFLICT (platform, dedupe_key) DO NOTHING
      RETURNING id`;
    return row?.id ?? null;
  }

  async claimDue(owner: string, now: Date, limit: number, leaseUntil: Date): Promise<InboxRecord[]> {
    if (limit <= 0) return [];
    const rows = await this.prisma.$queryRaw<{ id: string; platform: Platform; kind: string; body: unknown; attempts: number }[]>`
      WITH due AS (
        SELECT id FROM inbox_events
        WHERE state = 'pending' AND kind = 'event' AND next_attempt_at <= ${now} AND (lease_until IS NULL OR lease_until < ${now})
        ORDER BY received_at
        FOR UPDATE SKIP LOCKED
        LIMIT ${limit}
      )
      UPDATE inbox_events e SET lease_owner = ${owner}, lease_until = ${leaseUntil}
      FROM due WHERE e.id = due.id
      RETURNING e.id, e.platform, e.kind, e.body, e.attempts`;
    return rows;
  }

  async extendLeases(ids: readonly string[], owner: string, until: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.prisma.inboxEvent.updateMany({ where: { id: { in: [...ids] }, leaseOwner: owner, state: 'pending' }, data: { leaseUntil: until } });
  }

  async markDone(id: string, now: Date): Promise<void> {
    await this.prisma.$executeRaw`UPDATE inbox_events SET state = 'done', done_at = ${now}, body = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ${id}::uuid`;
  }

  async markFailed(id: string, attempts: number, nextAttemptAt: Date, error: string, dead: boolean): Promise<void> {
    await this.prisma.inboxEvent.update({
      where: { id },
      data: { attempts, nextAttemptAt, lastError: error.slice(0, 300), leaseOwner: null, leaseUntil: null, ...(dead ? { state: 'dead' as const } : {}) },
    });
    if (dead) await this.prisma.$executeRaw`UPDATE inbox_events SET body = NULL WHERE id = ${id}::uuid`;
  }

  async prune(before: Date): Promise<number> {
    return this.prisma.$executeRaw`DELETE FROM inbox_events WHERE (state <> 'pending' OR kind <> 'event') AND received_at < ${before}`;
  }
}
