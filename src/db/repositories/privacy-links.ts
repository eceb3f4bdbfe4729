// Link codes (only their hashes) and the count of wrong ones a person typed.
import type { Platform } from '../../domain/vocabulary.ts';
import type { LinkCodeRecord, LinkCodeRepository } from '../../ports.ts';
import type { Db } from './client.ts';

export class PrismaLinkCodeRepository implements LinkCodeRepository {
  constructor(private readonly db: Db) {}

  async create(data: { personId: string; platform: Platform; codeHash: string; expiresAt: Date }): Promise<void> {
    await this.db.linkCode.create({ data });
  }

  async findForUpdate(codeHash: string): Promise<LinkCodeRecord | null> {
    const rows = await this.db.$queryRaw<{ id: string }[]>`SELECT id::text FROM link_codes WHERE code_hash = ${codeHash} FOR UPDATE`;
    if (!rows[0]) return null;
    const row = await this.db.linkCode.findUnique({ where: { id: rows[0].id } });
    return row && { id: row.id, personId: row.personId, platform: row.platform, expiresAt: row.expiresAt, usedAt: row.usedAt };
  }

  async markUsed(id: string, at: Date): Promise<void> {
    await this.db.linkCode.update({ where: { id }, data: { usedAt: at } });
  }

  countFailures(personId: string, since: Date): Promise<number> {
    return this.db.auditEntry.count({ where: { action: 'link.failed', actorId: personId, at: { gte: since } } });
  }
}
