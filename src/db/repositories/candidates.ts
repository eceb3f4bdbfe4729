// The matching query. The hard filters run in the database and only a bounded pool of
// candidates comes back, with the features the scorer needs; src/domain/matching.ts then
// applies the same filters again (defence in depth) and computes the exact score and reasons.
//
// The pool is the union of three index-friendly slices of the eligible alumni:
//   A. those with any wanted expertise (GIN index on expertise), most overlapping tags first,
//   B. graduates of the request's programme, or else of its unit,
//   C. everyone else eligible, least asked first (so requests without tags still find people).
import type { Candidate, CandidateProgramme } from '../../domain/matching.ts';
import type { RequestFormat, RequestType } from '../../domain/vocabulary.ts';
import type { CandidateQuery, CandidateRepository } from '../../ports.ts';
import type { Db } from './client.ts';

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

  private findRows({ request, requestId, now, termStart, fairnessSince, poolSize }: CandidateQuery): Promise<CandidateRow[]> {
    const tags = [...request.expertise];
    const ends = request.endsAt ?? request.startsAt;
    return this.db.$queryRaw<CandidateRow[]>`
      WITH eligible AS (
        SELECT ap.person_id, ap.expertise
        FROM alumnus_profiles ap
        JOIN people p ON p.id = ap.person_id AND p.erased_at IS NULL
        WHERE ${request.type}::"RequestType" = ANY (ap.engagement_types)
          AND (ap.paused_until IS NULL OR ap.paused_until <= ${now})
          AND (ap.available_from IS NULL OR ap.available_from <= ${request.startsAt})
          AND (ap.available_until IS NULL OR ap.available_until >= ${ends})
          AND EXISTS (SELECT 1 FROM consents c WHERE c.person_id = ap.person_id AND c.withdrawn_at IS NULL
                      AND ${request.type}::"RequestType" = ANY (c.purposes))
          AND EXISTS (SELECT 1 FROM platform_identities pi WHERE pi.person_id = ap.person_id)
          AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.request_id = ${requestId}::uuid AND i.person_id = ap.person_id)
          AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = ${requestId}::uuid AND r.owner_id = ap.person_id)
      ),
      by_expertise AS (
        SELECT e.person_id FROM eligible e
        WHERE cardinality(${tags}::text[]) > 0 AND e.expertise && ${tags}::text[]
        ORDER BY cardinality(ARRAY(SELECT unnest(e.expertise) INTERSECT SELECT unnest(${tags}::text[]))) DESC, e.person_id
        LIMIT ${poolSize}
      ),
      by_programme AS (
        SELECT e.person_id FROM eligible e
        JOIN alumnus_programmes apg ON apg.profile_id = e.person_id
        JOIN programmes pr ON pr.id = apg.programme_id
        WHERE apg.programme_id = ${request.programmeId}::uuid OR pr.unit_id = ${request.unitId}::uuid
        GROUP BY e.person_id
        ORDER BY bool_or(apg.programme_id = ${request.programmeId}::uuid) DESC, e.person_id
        LIMIT ${poolSize}
      ),
      by_fairness AS (
        SELECT e.person_id FROM eligible e
        ORDER BY (SELECT count(*) FROM invitations i WHERE i.person_id = e.person_id AND i.created_at >= ${fairnessSince}), e.person_id
        LIMIT ${poolSize}
      ),
      pool AS (
        SELECT person_id FROM by_expertise UNION SELECT person_id FROM by_programme UNION SELECT person_id FROM by_fairness
      )
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
        SELECT count(*) FILTER (WHERE i.created_at >= ${termStart}) AS this_term,
               count(*) FILTER (WHERE i.created_at >= ${fairnessSince}) AS recent
        FROM invitations i
        WHERE i.person_id = ap.person_id AND NOT (i.state = 'withdrawn' AND i.sent_at IS NULL)
      ) asks
      WHERE asks.this_term < ap.max_asks_per_term
      ORDER BY ap.person_id`;
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
