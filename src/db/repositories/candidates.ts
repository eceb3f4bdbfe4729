// The matching query. (Erasing a person deletes their profile, so erased people never appear.)
// Every hard filter runs in the database before any LIMIT: consent and welcomed kinds, pause,
// availability, a platform identity, not yet asked for this request, and the per-term cap. Only
// a bounded pool of candidates comes back, with the features the scorer needs;
// src/domain/matching.ts then applies the same filters again (defence in depth) and computes
// the exact score and reasons.
//
// The pool is the union of index-friendly slices of the eligible alumni:
//   A. those with any wanted expertise (GIN index on expertise), most overlapping tags first,
//   B. graduates of the request's programme (of its unit when it names no programme),
//   C. only if A and B hold fewer than the number wanted: everyone else eligible.
// Inside each slice, equally good people are ordered by who was asked least recently, then by a
// shuffle seeded by the request, never by id (ids follow sign-up order).
//
// An ask counts (for the cap, the fairness penalty and "last asked") unless the invitation ended
// without ever being sent: withdrawn or expired while still waiting in the outbox.
import type { Candidate, CandidateProgramme } from '../../domain/matching.ts';
import type { RequestFormat, RequestType } from '../../domain/vocabulary.ts';
import type { CandidateQuery, CandidateRepository } from '../../ports.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { Db } from './client.ts';

/** The asks that count, for invitations aliased `i`. */
const COUNTED = Prisma.sql`NOT (i.sent_at IS NULL AND i.state IN ('withdrawn', 'expired'))`;

/** Per person asked since the earlier of term start and the fairness window: counts and the last ask. */
function asksCte({ termStart, fairnessSince }: CandidateQuery): Prisma.Sql {
  const since = termStart < fairnessSince ? termStart : fairnessSince;
  return Prisma.sql`asks AS (
    SELECT i.person_id,
           count(*) FILTER (WHERE i.created_at >= ${termStart}) AS this_term,
           count(*) FILTER (WHERE i.created_at >= ${fairnessSince}) AS recent,
           max(i.created_at) FILTER (WHERE i.created_at >= ${fairnessSince}) AS last_asked
    FROM invitations i
    WHERE i.created_at >= ${since} AND ${COUNTED}
    GROUP BY i.person_id)`;
}

/** The hard filters (ap = alumnus_profiles, a = its row in `asks`, if any). */
function eligible({ request, requestId, now }: CandidateQuery): Prisma.Sql {
  const type = Prisma.sql`ARRAY[${request.type}::"RequestType"]`;
  return Prisma.sql`
        ap.engagement_types @> ${type} AND ap.consented_types @> ${type}
    AND (ap.paused_until IS NULL OR ap.paused_until <= ${now})
    AND (ap.available_from IS NULL OR ap.available_from <= ${request.startsAt})
    AND (ap.available_until IS NULL OR ap.available_until >= ${request.endsAt ?? request.startsAt})
    AND coalesce(a.this_term, 0) < ap.max_asks_per_term
    AND EXISTS (SELECT 1 FROM platform_identities pi WHERE pi.person_id = ap.person_id)
    AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.request_id = ${requestId}::uuid AND i.person_id = ap.person_id)
    AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = ${requestId}::uuid AND r.owner_id = ap.person_id)`;
}

/** A 52-bit number from the request id (its random tail), to seed the shuffle. */
function seedOf(requestId: string): bigint {
  return BigInt(`0x${requestId.replace(/-/g, '').slice(-13)}`);
}

/** Among equals: least recently asked first, then the request's seeded shuffle. */
function fairOrder(query: CandidateQuery): Prisma.Sql {
  return Prisma.sql`a.last_asked ASC NULLS FIRST, hashtextextended(ap.person_id::text, ${seedOf(query.requestId)})`;
}

/** One slice: eligible profiles matching `where`, best `rank` first, at most the pool size. */
function slice(query: CandidateQuery, where: Prisma.Sql, rank: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    (SELECT ap.person_id FROM alumnus_profiles ap LEFT JOIN asks a ON a.person_id = ap.person_id
     WHERE ${where} AND ${eligible(query)}
     ORDER BY ${rank} LIMIT ${query.poolSize})`;
}

/** Slices A and B: wanted expertise (GIN index), and graduates of the programme (or, for a
 * request without one, of the unit). */
function bySlices(query: CandidateQuery): Prisma.Sql {
  const { request } = query;
  const tags = [...request.expertise];
  const graduates = request.programmeId
    ? Prisma.sql`ARRAY[${request.programmeId}::uuid]`
    : Prisma.sql`ARRAY(SELECT pr.id FROM programmes pr WHERE pr.unit_id = ${request.unitId}::uuid)`;
  const sameProgramme = Prisma.sql`(ap.programme_ids @> ARRAY[${request.programmeId}::uuid]) DESC, ${fairOrder(query)}`;
  const byProgramme = slice(query, Prisma.sql`ap.programme_ids && ${graduates}`, sameProgramme);
  if (tags.length === 0) return byProgramme;
  const overlap = Prisma.join(tags.map((tag) => Prisma.sql`(ap.expertise @> ARRAY[${tag}::text])::int`), ' + ');
  return Prisma.sql`${slice(query, Prisma.sql`ap.expertise && ${tags}::text[]`, Prisma.sql`${overlap} DESC, ${fairOrder(query)}`)}
    UNION
    ${byProgramme}`;
}

/** Slice C, only when A and B found too few: everyone else eligible. */
function byFairness(query: CandidateQuery, exclude: string[]): Prisma.Sql {
  return slice(query, Prisma.sql`NOT (ap.person_id = ANY (${exclude}::uuid[]))`, fairOrder(query));
}

/**
 * The pool with what the scorer needs: current consent, asks this term and recently, and the
 * programmes studied as [programme id, graduation year] pairs, oldest graduation first (their
 * unit and names are read once per programme, see findProgrammes). Arrays come as JSON: parsed
 * natively, and enum arrays arrive as arrays (the driver returns those as '{a,b}' text).
 * The rows are kept lean on purpose: a few hundred per request, and what Prisma's client returns
 * stays reachable long enough to reach V8's old generation, so every byte read here raises the
 * process' peak memory (bench/README.md, bench:matching).
 */
function withFeatures(query: CandidateQuery, pool: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH ${asksCte(query)}, pool AS (${pool})
    SELECT ap.person_id, to_json(ap.expertise) AS expertise, ap.sector, to_json(ap.languages) AS languages,
           to_json(ap.formats) AS formats, to_json(ap.engagement_types) AS engagement_types,
           ap.paused_until, ap.available_from, ap.available_until, ap.max_asks_per_term,
           to_json(consent.purposes) AS purposes, coalesce(a.this_term, 0)::int AS asks_this_term, coalesce(a.recent, 0)::int AS recent_asks,
           a.last_asked,
           (SELECT json_agg(json_build_array(l.programme_id, l.graduation_year) ORDER BY l.graduation_year, l.programme_id)
            FROM alumnus_programmes l WHERE l.profile_id = ap.person_id) AS studied
    FROM pool
    JOIN alumnus_profiles ap ON ap.person_id = pool.person_id
    LEFT JOIN asks a ON a.person_id = ap.person_id
    CROSS JOIN LATERAL (
      SELECT c.purposes FROM consents c WHERE c.person_id = ap.person_id AND c.withdrawn_at IS NULL
      ORDER BY c.given_at DESC, c.id DESC LIMIT 1
    ) consent
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
  last_asked: Date | null;
  studied: [programmeId: string, graduationYear: number | null][] | null;
}

type Programme = Omit<CandidateProgramme, 'graduationYear'>;

export class PrismaCandidateRepository implements CandidateRepository {
  constructor(private readonly db: Db) {}

  async findCandidates(query: CandidateQuery): Promise<Candidate[]> {
    const rows = await this.findRows(query);
    const programmes = await this.findProgrammes(rows);
    return rows.map((row) => ({
      personId: row.person_id,
      expertise: row.expertise,
      sector: row.sector,
      languages: row.languages,
      formats: row.formats,
      programmes: (row.studied ?? []).map(([programmeId, graduationYear]) => {
        const { unitId, nameNb, nameEn } = programmes.get(programmeId)!;
        return { programmeId, unitId, nameNb, nameEn, graduationYear };
      }),
      consentPurposes: row.purposes,
      engagementTypes: row.engagement_types,
      pausedUntil: row.paused_until,
      availableFrom: row.available_from,
      availableUntil: row.available_until,
      maxAsksPerTerm: row.max_asks_per_term,
      asksThisTerm: row.asks_this_term,
      recentAsks: row.recent_asks,
      lastAskedAt: row.last_asked,
      alreadyInvited: false,
    }));
  }

  /** The unit and names of every programme the candidates studied, read once each. */
  private async findProgrammes(rows: readonly CandidateRow[]): Promise<Map<string, Programme>> {
    const ids = [...new Set(rows.flatMap((row) => (row.studied ?? []).map(([programmeId]) => programmeId)))];
    if (ids.length === 0) return new Map();
    const found = await this.db.$queryRaw<{ id: string; unit_id: string; name_nb: string; name_en: string }[]>`
      SELECT id, unit_id, name_nb, name_en FROM programmes WHERE id = ANY (${ids}::uuid[])`;
    return new Map(found.map((p) => [p.id, { programmeId: p.id, unitId: p.unit_id, nameNb: p.name_nb, nameEn: p.name_en }]));
  }

  /**
   * Takes each person's lock (their people row, ascending id) until the transaction ends, then
   * answers who of them still passes every hard filter, the cap included. Two requests matched
   * at once therefore cannot both take the last ask of someone's term.
   */
  async reserve(query: CandidateQuery, personIds: readonly string[]): Promise<Set<string>> {
    if (personIds.length === 0) return new Set();
    const ids = [...personIds];
    await this.db.$queryRaw`SELECT id FROM people WHERE id = ANY (${ids}::uuid[]) ORDER BY id FOR NO KEY UPDATE`;
    const rows = await this.db.$queryRaw<{ person_id: string }[]>`
      WITH ${asksCte(query)}
      SELECT ap.person_id FROM alumnus_profiles ap LEFT JOIN asks a ON a.person_id = ap.person_id
      WHERE ap.person_id = ANY (${ids}::uuid[]) AND ${eligible(query)}`;
    return new Set(rows.map((row) => row.person_id));
  }

  private async findRows(query: CandidateQuery): Promise<CandidateRow[]> {
    const rows = await this.db.$queryRaw<CandidateRow[]>(withFeatures(query, bySlices(query)));
    if (rows.length >= query.limit) return rows;
    const more = await this.db.$queryRaw<CandidateRow[]>(withFeatures(query, byFairness(query, rows.map((row) => row.person_id))));
    return [...rows, ...more];
  }
}
