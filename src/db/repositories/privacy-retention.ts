// Retention and consent renewal: what lapses, what is reminded, and what is removed or pruned
// after its age. Each statement touches only rows that still have something to remove, so a
// second run finds nothing to do.
import type { ConsentDue, RetentionRepository } from '../../ports.ts';
import type { Db } from './client.ts';
import { WITHOUT_FREE_TEXT } from './privacy.ts';

type ConsentRow = { id: string; personId: string; givenAt: Date; textVersion: string; purposes: ConsentDue['purposes'] };

const toDue = (row: ConsentRow): ConsentDue => ({ consentId: row.id, personId: row.personId, givenAt: row.givenAt, textVersion: row.textVersion, purposes: row.purposes });

/** People removed per statement: a large backlog is removed in several short statements. */
const BATCH = 2_000;

export class PrismaRetentionRepository implements RetentionRepository {
  constructor(private readonly db: Db) {}

  async findLapsing(currentVersion: string, validSince: Date, limit: number): Promise<ConsentDue[]> {
    const rows = await this.db.consent.findMany({
      where: { withdrawnAt: null, OR: [{ textVersion: { not: currentVersion } }, { givenAt: { lt: validSince } }] },
      orderBy: [{ givenAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map(toDue);
  }

  async lapse(consentIds: readonly string[], reason: 'new_text' | 'expired', at: Date): Promise<number> {
    if (consentIds.length === 0) return 0;
    const result = await this.db.consent.updateMany({ where: { id: { in: [...consentIds] }, withdrawnAt: null }, data: { withdrawnAt: at, lapseReason: reason } });
    return result.count;
  }

  async findToRemind(currentVersion: string, givenBefore: Date, limit: number): Promise<ConsentDue[]> {
    const rows = await this.db.consent.findMany({
      where: { withdrawnAt: null, textVersion: currentVersion, renewalRemindedAt: null, givenAt: { lte: givenBefore } },
      orderBy: [{ givenAt: 'asc' }, { id: 'asc' }],
      take: limit,
    });
    return rows.map(toDue);
  }

  async markReminded(consentId: string, at: Date): Promise<boolean> {
    const result = await this.db.consent.updateMany({ where: { id: consentId, renewalRemindedAt: null, withdrawnAt: null }, data: { renewalRemindedAt: at } });
    return result.count === 1;
  }

  removeFreeTextBefore(cutoff: Date): Promise<number> {
    return this.db.$executeRawUnsafe(
      `UPDATE form_sessions s SET answers = ${WITHOUT_FREE_TEXT}
       FROM form_definitions f
       WHERE f.id = s.form_id AND s.state <> 'active' AND coalesce(s.completed_at, s.updated_at) < $1
         AND jsonb_typeof(s.answers) = 'object' AND s.answers <> ${WITHOUT_FREE_TEXT}`,
      cutoff,
    );
  }

  async removeUnconsentedBefore(cutoff: Date): Promise<number> {
    let removed = 0;
    for (;;) {
      const count = await this.db.$executeRaw`
        DELETE FROM people WHERE id IN (
          SELECT p.id FROM people p
          WHERE p.erased_at IS NULL AND p.created_at < ${cutoff} AND p.updated_at < ${cutoff}
            AND NOT (p.roles && ARRAY['staff', 'admin']::"Role"[])
            AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.owner_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM form_sessions f WHERE f.person_id = p.id)
            AND NOT EXISTS (SELECT 1 FROM platform_identities pi WHERE pi.person_id = p.id AND pi.updated_at >= ${cutoff})
          ORDER BY p.id LIMIT ${BATCH})`;
      removed += count;
      if (count < BATCH) return removed;
    }
  }

  pruneOutboxBefore(cutoff: Date): Promise<number> {
    // Rows of requests still under way stay: edits of their messages need to know where they landed.
    return this.db.$executeRaw`
      DELETE FROM outbox_messages o
      WHERE o.state <> 'pending' AND coalesce(o.sent_at, o.updated_at) < ${cutoff}
        AND (o.request_id IS NULL OR EXISTS (SELECT 1 FROM requests r WHERE r.id = o.request_id AND r.state IN ('completed', 'closed', 'cancelled')))`;
  }

  async pruneProcessedEventsBefore(cutoff: Date): Promise<number> {
    const result = await this.db.processedEvent.deleteMany({ where: { receivedAt: { lt: cutoff } } });
    return result.count;
  }

  clearAuditDetailsBefore(cutoff: Date): Promise<number> {
    return this.db.$executeRaw`UPDATE audit_entries SET details = '{}'::jsonb WHERE at < ${cutoff} AND details <> '{}'::jsonb`;
  }

  async pruneLinkCodesBefore(cutoff: Date): Promise<number> {
    const result = await this.db.linkCode.deleteMany({ where: { expiresAt: { lt: cutoff } } });
    return result.count;
  }
}
