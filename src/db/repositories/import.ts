// The CSV importers' reads and writes, set-based: each call sends one JSON parameter that
// jsonb_to_recordset turns into rows, so a thousand alumni cost a handful of statements.
// Works the same on a PostgreSQL server and on embedded PGlite.
import type { Platform } from '../../domain/vocabulary.ts';
import type { AlumnusWrite, CatalogSnapshot, ExistingAlumnus, ImportedProgramme, ImportedUnit, ImportRepository } from '../../ports.ts';
import type { Db } from './client.ts';
import { uuidv7 } from './import-ids.ts';
import { writeAlumni } from './import-alumni.ts';

interface AlumnusRow {
  id: string;
  email: string;
  display_name: string;
  roles: string[];
  locale: string | null;
  time_zone: string | null;
  has_profile: boolean;
  employer: string | null;
  sector: string | null;
  expertise: string[] | null;
  languages: string[] | null;
  engagement_types: string[] | null;
  consented_types: string[] | null;
  thanks_by_name: boolean | null;
  programmes: { programmeId: string; graduationYear: number | null }[] | null;
  in_chat: boolean;
  own_choice: boolean;
  imported_consent: { id: string; givenAt: string; purposes: string[]; sourceDetail: string | null } | null;
}

function toExisting(row: AlumnusRow): ExistingAlumnus {
  const consent = row.imported_consent;
  return {
    personId: row.id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles as ExistingAlumnus['roles'],
    locale: row.locale as ExistingAlumnus['locale'],
    timeZone: row.time_zone,
    profile: row.has_profile
      ? { employer: row.employer, sector: row.sector, expertise: row.expertise ?? [], languages: row.languages ?? [], engagementTypes: (row.engagement_types ?? []) as ExistingAlumnus['consentedTypes'], thanksByName: row.thanks_by_name ?? false }
      : null,
    programmes: row.programmes ?? [],
    inChat: row.in_chat,
    consentedTypes: (row.consented_types ?? []) as ExistingAlumnus['consentedTypes'],
    ownConsentChoice: row.own_choice,
    importedConsent: consent && { id: consent.id, givenAt: new Date(consent.givenAt), purposes: consent.purposes as ExistingAlumnus['consentedTypes'], sourceDetail: consent.sourceDetail },
  };
}

export class PrismaImportRepository implements ImportRepository {
  constructor(private readonly db: Db) {}

  async catalogSnapshot(): Promise<CatalogSnapshot> {
    const units = await this.db.$queryRaw<CatalogSnapshot['units']>`
      SELECT u.id::text AS id, u.code, u.name_nb AS "nameNb", u.name_en AS "nameEn", u.kind::text AS kind, p.code AS "parentCode"
      FROM units u LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.code`;
    const programmes = await this.db.$queryRaw<CatalogSnapshot['programmes']>`
      SELECT pr.id::text AS id, pr.code, pr.name_nb AS "nameNb", pr.name_en AS "nameEn", pr.level::text AS level, u.code AS "unitCode"
      FROM programmes pr JOIN units u ON u.id = pr.unit_id ORDER BY pr.code`;
    return { units, programmes };
  }

  async writeUnits(units: readonly ImportedUnit[]): Promise<void> {
    if (units.length === 0) return;
    const rows = JSON.stringify(units.map((unit) => ({ id: uuidv7(), code: unit.code, name_nb: unit.nameNb, name_en: unit.nameEn, kind: unit.kind, parent_code: unit.parentCode })));
    await this.db.$executeRaw`
      INSERT INTO units (id, code, name_nb, name_en, kind, updated_at)
      SELECT r.id::uuid, r.code, r.name_nb, r.name_en, r.kind::"UnitKind", now()
      FROM jsonb_to_recordset(${rows}::jsonb) AS r(id text, code text, name_nb text, name_en text, kind text)
      ON CONFLICT (code) DO UPDATE SET name_nb = EXCLUDED.name_nb, name_en = EXCLUDED.name_en, kind = EXCLUDED.kind, updated_at = now()
      WHERE (units.name_nb, units.name_en, units.kind) IS DISTINCT FROM (EXCLUDED.name_nb, EXCLUDED.name_en, EXCLUDED.kind)`;
    // Parents second: a unit's parent may come later in the file.
    await this.db.$executeRaw`
      UPDATE units u SET parent_id = p.id, updated_at = now()
      FROM jsonb_to_recordset(${rows}::jsonb) AS r(code text, parent_code text)
      LEFT JOIN units p ON p.code = r.parent_code
      WHERE u.code = r.code AND u.parent_id IS DISTINCT FROM p.id`;
  }

  async writeProgrammes(programmes: readonly ImportedProgramme[]): Promise<void> {
    if (programmes.length === 0) return;
    const rows = JSON.stringify(programmes.map((programme) => ({ id: uuidv7(), code: programme.code, name_nb: programme.nameNb, name_en: programme.nameEn, level: programme.level, unit_code: programme.unitCode })));
    await this.db.$executeRaw`
      INSERT INTO programmes (id, code, name_nb, name_en, level, unit_id, updated_at)
      SELECT r.id::uuid, r.code, r.name_nb, r.name_en, r.level::"ProgrammeLevel", u.id, now()
      FROM jsonb_to_recordset(${rows}::jsonb) AS r(id text, code text, name_nb text, name_en text, level text, unit_code text)
      JOIN units u ON u.code = r.unit_code
      ON CONFLICT (code) DO UPDATE SET name_nb = EXCLUDED.name_nb, name_en = EXCLUDED.name_en, level = EXCLUDED.level, unit_id = EXCLUDED.unit_id, updated_at = now()
      WHERE (programmes.name_nb, programmes.name_en, programmes.level, programmes.unit_id) IS DISTINCT FROM (EXCLUDED.name_nb, EXCLUDED.name_en, EXCLUDED.level, EXCLUDED.unit_id)`;
  }

  async findAlumni(emails: readonly string[]): Promise<ExistingAlumnus[]> {
    if (emails.length === 0) return [];
    const rows = await this.db.$queryRaw<AlumnusRow[]>`
      SELECT p.id::text AS id, p.email, p.display_name, p.roles::text[] AS roles, p.locale::text AS locale, p.time_zone,
        ap.person_id IS NOT NULL AS has_profile, ap.employer, ap.sector, ap.expertise, ap.languages,
        ap.engagement_types::text[] AS engagement_types, ap.consented_types::text[] AS consented_types, ap.thanks_by_name,
        (SELECT jsonb_agg(jsonb_build_object('programmeId', pr.programme_id, 'graduationYear', pr.graduation_year))
           FROM alumnus_programmes pr WHERE pr.profile_id = p.id) AS programmes,
        EXISTS (SELECT 1 FROM platform_identities pi WHERE pi.person_id = p.id AND pi.workspace_id <> '') AS in_chat,
        EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id
                  AND (c.source <> 'csv_import' OR coalesce(c.withdrawn_source <> 'csv_import', false))) AS own_choice,
        (SELECT jsonb_build_object('id', c.id, 'givenAt', c.given_at, 'purposes', c.purposes, 'sourceDetail', c.source_detail)
           FROM consents c WHERE c.person_id = p.id AND c.withdrawn_at IS NULL AND c.source = 'csv_import'
           ORDER BY c.given_at DESC, c.id DESC LIMIT 1) AS imported_consent
      FROM people p LEFT JOIN alumnus_profiles ap ON ap.person_id = p.id
      WHERE p.erased_at IS NULL AND p.email IN (SELECT jsonb_array_elements_text(${JSON.stringify(emails)}::jsonb))`;
    return rows.map(toExisting);
  }

  async findIdentityOwners(platform: Platform, userIds: readonly string[]): Promise<Map<string, string>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.db.$queryRaw<{ user_id: string; person_id: string }[]>`
      SELECT DISTINCT ON (user_id) user_id, person_id::text AS person_id FROM platform_identities
      WHERE platform = ${platform}::"Platform" AND user_id IN (SELECT jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb))
      ORDER BY user_id, created_at`;
    return new Map(rows.map((row) => [row.user_id, row.person_id]));
  }

  writeAlumni(alumni: readonly AlumnusWrite[], at: Date): Promise<void> {
    return writeAlumni(this.db, alumni, at);
  }
}
