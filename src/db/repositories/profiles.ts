// Profiles. The matching columns (consented_types, programme_ids) are not written here: a
// database trigger derives them from consents and programme links (see the migration
// matching_columns_trigger), so no writer can forget them.
import type { AlumnusProfile, AlumnusProgramme } from '../../generated/prisma/client.ts';
import type { RequestType } from '../../domain/vocabulary.ts';
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

  async findByPersonIdForUpdate(personId: string) {
    await this.db.$queryRaw`SELECT id FROM people WHERE id = ${personId}::uuid FOR NO KEY UPDATE`;
    return this.findByPersonId(personId);
  }

  async upsert(personId: string, data: ProfileData) {
    const { programmes, ...fields } = data;
    await this.db.alumnusProfile.upsert({ where: { personId }, create: { personId, ...fields }, update: fields });
    await this.db.alumnusProgramme.deleteMany({ where: { profileId: personId } });
    if (programmes.length > 0) {
      await this.db.alumnusProgramme.createMany({ data: programmes.map((p) => ({ profileId: personId, programmeId: p.programmeId, graduationYear: p.graduationYear })) });
    }
    const row = await this.db.alumnusProfile.findUniqueOrThrow({ where: { personId }, include: { programmes: true } });
    return toProfile(row);
  }

  /** Adds kinds of work to those the person welcomes, creating the profile if there is none (one statement). */
  async welcome(personId: string, types: readonly RequestType[], whenNew: ProfileData) {
    const { programmes: _programmes, ...fields } = whenNew;
    const wanted = [...new Set([...fields.engagementTypes, ...types])];
    await this.db.$executeRaw`
      INSERT INTO alumnus_profiles (person_id, expertise, languages, engagement_types, formats, max_asks_per_term, updated_at)
      VALUES (${personId}::uuid, ${fields.expertise}::text[], ${fields.languages}::text[], ${wanted}::"RequestType"[],
              ${fields.formats}::"RequestFormat"[], ${fields.maxAsksPerTerm}, now())
      ON CONFLICT (person_id) DO UPDATE SET
        engagement_types = ARRAY(SELECT DISTINCT t FROM unnest(alumnus_profiles.engagement_types || EXCLUDED.engagement_types) AS t ORDER BY t),
        updated_at = now()
      WHERE NOT (alumnus_profiles.engagement_types @> EXCLUDED.engagement_types)`;
  }
}
