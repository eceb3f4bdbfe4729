import type { AuditInput, AuditRepository } from '../../ports.ts';
import type { Db } from './client.ts';

export class PrismaAuditRepository implements AuditRepository {
  constructor(private readonly db: Db) {}

  async record(entry: AuditInput) {
    await this.db.auditEntry.create({
      data: {
        actorId: entry.actorId,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectId: entry.subjectId ?? null,
        personId: entry.personId ?? null,
        details: (entry.details ?? {}) as object,
      },
    });
  }
}
