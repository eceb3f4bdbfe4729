// Consents. The profile's consented_types follows the current consent through a database
// trigger (migration matching_columns_trigger), whoever writes the consents table.
import type { Consent } from '../../generated/prisma/client.ts';
import type { ConsentRecord, ConsentRepository } from '../../ports.ts';
import type { ConsentSource } from '../../domain/vocabulary.ts';
import type { Db } from './client.ts';

function toConsent(row: Consent): ConsentRecord {
  return { id: row.id, personId: row.personId, givenAt: row.givenAt, textVersion: row.textVersion, purposes: row.purposes, source: row.source, withdrawnAt: row.withdrawnAt };
}

export class PrismaConsentRepository implements ConsentRepository {
  constructor(private readonly db: Db) {}

  async findCurrent(personId: string) {
    const row = await this.db.consent.findFirst({ where: { personId, withdrawnAt: null }, orderBy: [{ givenAt: 'desc' }, { id: 'desc' }] });
    return row && toConsent(row);
  }

  async create(data: Omit<ConsentRecord, 'id' | 'withdrawnAt'>) {
    return toConsent(await this.db.consent.create({ data }));
  }

  async withdrawAll(personId: string, at: Date, source: ConsentSource) {
    const result = await this.db.consent.updateMany({ where: { personId, withdrawnAt: null }, data: { withdrawnAt: at, withdrawnSource: source } });
    return result.count;
  }
}
