// Writing one chunk of imported alumni: people, profiles, programme links, platform identities
// and consents, each table in one statement over a JSON parameter. Values arrive final (the use
// case merged them with what was stored); only the alumnus role is added here, in SQL, so a
// role granted meanwhile is never lost.
import { CONSENT_TEXT_VERSION } from '../../domain/vocabulary.ts';
import type { AlumnusWrite } from '../../ports.ts';
import type { Db } from './client.ts';
import { uuidv7 } from './import-ids.ts';

type Written = AlumnusWrite & { id: string };

async function writePeople(db: Db, alumni: readonly Written[]): Promise<void> {
  const rows = JSON.stringify(alumni.map((a) => ({ id: a.id, email: a.email, display_name: a.displayName, locale: a.locale, time_zone: a.timeZone })));
  await db.$executeRaw`
    INSERT INTO people (id, display_name, email, email_verified, roles, locale, time_zone, updated_at)
    SELECT r.id::uuid, r.display_name, r.email, false, '{alumnus}'::"Role"[], r.locale::"Locale", r.time_zone, now()
    FROM jsonb_to_recordset(${rows}::jsonb) AS r(id text, email text, display_name text, locale text, time_zone text)
    ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, locale = EXCLUDED.locale, time_zone = EXCLUDED.time_zone,
      roles = CASE WHEN 'alumnus' = ANY(people.roles) THEN people.roles ELSE array_append(people.roles, 'alumnus'::"Role") END,
      updated_at = now()`;
}

async function writeProfiles(db: Db, alumni: readonly Written[]): Promise<void> {
  const rows = JSON.stringify(
    alumni.map(({ id, profile: p }) => ({
      person_id: id,
      employer: p.employer,
      sector: p.sector,
      expertise: p.expertise,
      languages: p.languages,
      engagement_types: p.engagementTypes,
      consented_types: p.consentedTypes,
      programme_ids: p.programmeIds,
      thanks_by_name: p.thanksByName,
    })),
  );
  await db.$executeRaw`
    INSERT INTO alumnus_profiles (person_id, employer, sector, expertise, languages, engagement_types, consented_types, programme_ids, thanks_by_name, updated_at)
    SELECT r.person_id::uuid, r.employer, r.sector, r.expertise, r.languages, r.engagement_types::"RequestType"[],
      r.consented_types::"RequestType"[], r.programme_ids::uuid[], coalesce(r.thanks_by_name, false), now()
    FROM jsonb_to_recordset(${rows}::jsonb)
      AS r(person_id text, employer text, sector text, expertise text[], languages text[], engagement_types text[], consented_types text[], programme_ids text[], thanks_by_name boolean)
    ON CONFLICT (person_id) DO UPDATE SET employer = EXCLUDED.employer, sector = EXCLUDED.sector, expertise = EXCLUDED.expertise, thanks_by_name = EXCLUDED.thanks_by_name,
      languages = EXCLUDED.languages, engagement_types = EXCLUDED.engagement_types, consented_types = EXCLUDED.consented_types,
      programme_ids = EXCLUDED.programme_ids, updated_at = now()`;
}

async function writeProgrammeLinks(db: Db, alumni: readonly Written[]): Promise<void> {
  const links = alumni.flatMap((a) => (a.programme ? [{ id: uuidv7(), profile_id: a.id, programme_id: a.programme.programmeId, graduation_year: a.programme.graduationYear }] : []));
  if (links.length === 0) return;
  await db.$executeRaw`
    INSERT INTO alumnus_programmes (id, profile_id, programme_id, graduation_year)
    SELECT r.id::uuid, r.profile_id::uuid, r.programme_id::uuid, r.graduation_year
    FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS r(id text, profile_id text, programme_id text, graduation_year int)
    ON CONFLICT (profile_id, programme_id) DO UPDATE SET graduation_year = EXCLUDED.graduation_year`;
}

async function writeIdentities(db: Db, alumni: readonly Written[]): Promise<void> {
  const identities = alumni.flatMap((a) => a.identities.map((identity) => ({ id: uuidv7(), person_id: a.id, platform: identity.platform, workspace_id: identity.workspaceId, user_id: identity.userId })));
  if (identities.length === 0) return;
  await db.$executeRaw`
    INSERT INTO platform_identities (id, person_id, platform, workspace_id, user_id, updated_at)
    SELECT r.id::uuid, r.person_id::uuid, r.platform::"Platform", r.workspace_id, r.user_id, now()
    FROM jsonb_to_recordset(${JSON.stringify(identities)}::jsonb) AS r(id text, person_id text, platform text, workspace_id text, user_id text)
    ON CONFLICT (platform, workspace_id, user_id) DO NOTHING`;
}

async function writeConsents(db: Db, alumni: readonly Written[], at: Date): Promise<void> {
  const replaced = alumni.flatMap((a) => (a.consent?.replaces ? [a.consent.replaces] : []));
  if (replaced.length > 0) {
    await db.$executeRaw`
      UPDATE consents SET withdrawn_at = ${at}, withdrawn_source = 'csv_import'
      WHERE id IN (SELECT value::uuid FROM jsonb_array_elements_text(${JSON.stringify(replaced)}::jsonb)) AND withdrawn_at IS NULL`;
  }
  const consents = alumni.flatMap((a) =>
    a.consent ? [{ id: uuidv7(), person_id: a.id, given_at: a.consent.givenAt.toISOString(), purposes: a.consent.purposes, source_detail: a.consent.sourceDetail }] : [],
  );
  if (consents.length === 0) return;
  await db.$executeRaw`
    INSERT INTO consents (id, person_id, given_at, text_version, purposes, source, source_detail)
    SELECT r.id::uuid, r.person_id::uuid, r.given_at, ${CONSENT_TEXT_VERSION}, r.purposes::"RequestType"[], 'csv_import', r.source_detail
    FROM jsonb_to_recordset(${JSON.stringify(consents)}::jsonb) AS r(id text, person_id text, given_at timestamptz, purposes text[], source_detail text)`;
}

/** Writes one chunk; new people get their ids here. */
export async function writeAlumni(db: Db, alumni: readonly AlumnusWrite[], at: Date): Promise<void> {
  if (alumni.length === 0) return;
  const written = alumni.map((a) => ({ ...a, id: a.personId ?? uuidv7(at.getTime()) }));
  await writePeople(db, written);
  // Consents before profiles: a new profile then gets its consented kinds as it is written (the
  // database derives them), rather than in a second write.
  await writeConsents(db, written, at);
  await writeProfiles(db, written);
  await writeProgrammeLinks(db, written);
  await writeIdentities(db, written);
}
