// The durable inbox in PostgreSQL: one row per platform request, unique per platform and key,
// claimed with a lease under FOR UPDATE SKIP LOCKED so any instance can finish what another
// left behind. The two writes every request makes (record before the acknowledgement, done
// after the work) are the hot path: given a `pg` pool of their own they run as prepared
// statements, which costs about half the CPU of the same SQL through Prisma (bench/README.md).
import type { Platform } from '../domain/vocabulary.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { JsonText } from '../inbox/inbox.ts';
import type { InboxEntry, InboxRecord, InboxStore } from '../ports-inbox.ts';
import { INBOX_KEY_MAX, recordInboxRow, type InboxQueryable } from './inbox-sql.ts';

export type { InboxQueryable };

const DONE_SQL = `UPDATE inbox_events SET state = 'done', done_at = $1, body = NULL, lease_owner = NULL, lease_until = NULL WHERE id = $2::uuid`;

/** The body as JSON text: as it came when it came as JSON. */
const jsonOf = (body: unknown): string => (body instanceof JsonText ? body.text : JSON.stringify(body));

export class PrismaInboxStore implements InboxStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly fast?: InboxQueryable,
  ) {}

  async record(entry: InboxEntry, owner: string, leaseUntil: Date): Promise<string | null> {
    if (this.fast) return recordInboxRow(this.fast, { platform: entry.platform, key: entry.dedupeKey, kind: entry.kind, json: jsonOf(entry.body), owner, leaseUntil });
    const key = entry.dedupeKey.slice(0, INBOX_KEY_MAX);
    const [row] = await this.prisma.$queryRaw<{ id: string }[]>`
      INSERT INTO inbox_events (id, platform, dedupe_key, kind, body, lease_owner, lease_until)
      VALUES (gen_random_uuid(), ${entry.platform}::"Platform", ${key}, ${entry.kind}, ${jsonOf(entry.body)}::jsonb, ${owner}, ${leaseUntil})
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
    if (this.fast) {
      await this.fast.query({ name: 'inbox_done', text: DONE_SQL, values: [now, id] });
      return;
    }
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
