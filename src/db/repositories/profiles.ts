import type { AlumnusProfile, AlumnusProgramme } from '../../generated/prisma/client.ts';
import type { ProfileData, ProfileRecord, ProfileRepository } from '../../ports.ts';
import type { Db } from './client.ts';

function toProfile(row: AlumnusProfile & { programmes: AlumnusProgramme[] }): ProfileRecord {
  return {
    personId: row.personId,
    employer: row.employer,
    sector: row.sector,
    expertise: row.expertise,
    languages: row.languages,
    region: row.region,
    engagementTypes: row.engagementTypes,
    formats: row.formats,
    availableFrom: row.availableFrom,
    availableUntil: row.availableUntil,
    maxAsksPerTerm: row.maxAsksPerTerm,
    pausedUntil: row.pausedUntil,
    programmes: row.programmes.map((p) => ({ programmeId: p.programmeId, graduationYear: p.graduationYear })),
  };
}

export class PrismaProfileRepository implements ProfileRepository {
  constructor(private readonly db: Db) {}

  async findByPersonId(personId: string) {
    const row = await this.db.alumnusProfile.findUnique({ where: { personId }, include: { programmes: true } });
    return row && toProfile(row);
  }

  async upsert(personId: string, data: ProfileData) {
    const { programmes, ...rest } = data;
    const fields = { ...rest, programmeIds: [...new Set(programmes.map((p) => p.programmeId))].sort() };
    const consent = await this.db.consent.findFirst({ where: { personId, withdrawnAt: null }, orderBy: { givenAt: 'desc' }, select: { purposes: true } });
    await this.db.alumnusProfile.upsert({
      where: { personId },
      create: { personId, ...fields, consentedTypes: consent?.purposes ?? [] },
      update: fields,
    });
    await this.db.alumnusProgramme.deleteMany({ where: { profileId: personId } });
    if (programmes.length > 0) {
      await this.db.alumnusProgramme.createMany({ data: programmes.map((p) => ({ profileId: personId, programmeId: p.programmeId, graduationYear: p.graduationYear })) });
    }
    const row = await this.db.alumnusProfile.findUniqueOrThrow({ where: { personId }, include: { programmes: true } });
    return toProfile(row);
  }
}
