// The matching query. (Erasing a person deletes their profile, so erased people never appear.)
// The hard filters run in the database and only a bounded pool of
// candidates comes back, with the features the scorer needs; src/domain/matching.ts then
// applies the same filters again (defence in depth) and computes the exact score and reasons.
//
// The pool is the union of index-friendly slices of the eligible alumni:
//   A. those with any wanted expertise (GIN index on expertise), most overlapping tags first,
//   B. graduates of the request's programme (of its unit when it names no programme),
//   C. only if A and B hold fewer than the number wanted: everyone else eligible, least asked
//      first (so requests without tags or with rare ones still find people).
import type { Candidate, CandidateProgramme } from '../../domain/matching.ts';
import type { RequestFormat, RequestType } from '../../domain/vocabulary.ts';
import type { CandidateQuery, CandidateRepository } from '../../ports.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from './client.ts';

/** The hard filters that live on the profile row and its neighbours (ap = alumnus_profiles). */
function eligible({ request, requestId, now }: CandidateQuery): Prisma.Sql {
  const type = Prisma.sql`ARRAY[${request.type}::"RequestType"]`;
  return Prisma.sql`
        ap.engagement_types @> ${type} AND ap.consented_types @> ${type}
    AND (ap.paused_until IS NULL OR ap.paused_until <= ${now})
    AND (ap.available_from IS NULL OR ap.available_from <= ${request.startsAt})
    AND (ap.available_until IS NULL OR ap.available_until >= ${request.endsAt ?? request.startsAt})
    AND EXISTS (SELECT 1 FROM platform_identities pi WHERE pi.person_id = ap.person_id)
    AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.request_id = ${requestId}::uuid AND i.person_id = ap.person_id)
    AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = ${requestId}::uuid AND r.owner_id = ap.person_id)`;
}

/** Slices A and B: wanted expertise (GIN index), and graduates of the programme (or, for a
 * request without one, of the unit). */
function bySlices(query: CandidateQuery): Prisma.Sql {
  const { request, poolSize } = query;
  const tags = [...request.expertise];
  const graduates = request.programmeId
    ? Prisma.sql`ARRAY[${request.programmeId}::uuid]`
    : Prisma.sql`ARRAY(SELECT pr.id FROM programmes pr WHERE pr.unit_id = ${request.unitId}::uuid)`;
  const byProgramme = Prisma.sql`
    (SELECT ap.person_id FROM alumnus_profiles ap
     WHERE ap.programme_ids && ${graduates} AND ${eligible(query)}
     ORDER BY (ap.programme_ids @> ARRAY[${request.programmeId}::uuid]) DESC, ap.person_id
     LIMIT ${poolSize})`;
  if (tags.length === 0) return byProgramme;
  const overlap = Prisma.join(tags.map((tag) => Prisma.sql`(ap.expertise @> ARRAY[${tag}::text])::int`), ' + ');
  return Prisma.sql`
    (SELECT ap.person_id FROM alumnus_profiles ap
     WHERE ap.expertise && ${tags}::text[] AND ${eligible(query)}
     ORDER BY ${overlap} DESC, ap.person_id
     LIMIT ${poolSize})
    UNION
    ${byProgramme}`;
}

/** Slice C, only when A and B found too few: everyone else eligible, least asked first. */
function byFairness(query: CandidateQuery, exclude: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT ap.person_id FROM alumnus_profiles ap
    LEFT JOIN (SELECT person_id, count(*) AS asks FROM invitations WHERE created_at >= ${query.fairnessSince} GROUP BY person_id) recent
      ON recent.person_id = ap.person_id
    WHERE ${eligible(query)} AND NOT (ap.person_id = ANY (${exclude}::uuid[]))
    ORDER BY coalesce(recent.asks, 0), ap.person_id
    LIMIT ${query.poolSize}`;
}

/** The pool with what the scorer needs: current consent, and asks this term and recently. */
function withFeatures(query: CandidateQuery, pool: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH pool AS (${pool})
    SELECT ap.person_id, ap.expertise, ap.sector, ap.languages, ap.formats, ap.engagement_types,
           ap.paused_until, ap.available_from, ap.available_until, ap.max_asks_per_term,
           consent.purposes, asks.this_term AS asks_this_term, asks.recent AS recent_asks
    FROM pool
    JOIN alumnus_profiles ap ON ap.person_id = pool.person_id
    CROSS JOIN LATERAL (
      SELECT c.purposes FROM consents c WHERE c.person_id = ap.person_id AND c.withdrawn_at IS NULL
      ORDER BY c.given_at DESC, c.id DESC LIMIT 1
    ) consent
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE i.created_at >= ${query.termStart}) AS this_term,
             count(*) FILTER (WHERE i.created_at >= ${query.fairnessSince}) AS recent
      FROM invitations i
      WHERE i.person_id = ap.person_id AND NOT (i.state = 'withdrawn' AND i.sent_at IS NULL)
    ) asks
    WHERE asks.this_term < ap.max_asks_per_term
    ORDER BY ap.person_id`;
}

interface CandidateRow {
  person_id: string;
  expertise: string[];
  sector: string | null;
  languages: string[];
  formats: RequestFormat[];
  engagement_types: RequestType[];
  paused_until: Date | null;
  available_from: Date | null;
  available_until: Date | null;
  max_asks_per_term: number;
  purposes: RequestType[] | null;
  asks_this_term: number;
  recent_asks: number;
}

export class PrismaCandidateRepository implements CandidateRepository {
  constructor(private readonly db: Db) {}

  async findCandidates(query: CandidateQuery): Promise<Candidate[]> {
    const rows = await this.findRows(query);
    const programmes = await this.findProgrammes(rows.map((row) => row.person_id));
    return rows.map((row) => ({
      personId: row.person_id,
      expertise: row.expertise,
      sector: row.sector,
      languages: row.languages,
      formats: row.formats,
      programmes: programmes.get(row.person_id) ?? [],
      consentPurposes: row.purposes,
      engagementTypes: row.engagement_types,
      pausedUntil: row.paused_until,
      availableFrom: row.available_from,
      availableUntil: row.available_until,
      maxAsksPerTerm: row.max_asks_per_term,
      asksThisTerm: Number(row.asks_this_term),
      recentAsks: Number(row.recent_asks),
      alreadyInvited: false,
    }));
  }

  private async findRows(query: CandidateQuery): Promise<CandidateRow[]> {
    const rows = await this.db.$queryRaw<CandidateRow[]>(withFeatures(query, bySlices(query)));
    if (rows.length >= query.limit) return rows;
    const more = await this.db.$queryRaw<CandidateRow[]>(withFeatures(query, byFairness(query, rows.map((row) => row.person_id))));
    return [...rows, ...more];
  }

  private async findProgrammes(personIds: string[]): Promise<Map<string, CandidateProgramme[]>> {
    const out = new Map<string, CandidateProgramme[]>();
    if (personIds.length === 0) return out;
    const rows = await this.db.alumnusProgramme.findMany({
      where: { profileId: { in: personIds } },
      select: { profileId: true, programmeId: true, graduationYear: true, programme: { select: { unitId: true, nameNb: true, nameEn: true } } },
      orderBy: [{ graduationYear: 'asc' }, { programmeId: 'asc' }],
    });
    for (const row of rows) {
      const list = out.get(row.profileId) ?? [];
      list.push({ programmeId: row.programmeId, unitId: row.programme.unitId, nameNb: row.programme.nameNb, nameEn: row.programme.nameEn, graduationYear: row.graduationYear });
      out.set(row.profileId, list);
    }
    return out;
  }
}
