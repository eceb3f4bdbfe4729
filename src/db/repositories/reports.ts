// Report rows for admins, aggregated by PostgreSQL. Anonymity: feedback averages need at least
// MIN_FEEDBACK_GROUP answers, and answers to questions marked `anonymous` are exported only as
// an aggregate per form, request and question (ratings: count and mean; free text: left out).
import { MIN_FEEDBACK_GROUP } from '../../domain/digest/digest-data.ts';
import type { RequestState } from '../../domain/request-state.ts';
import type { RequestType } from '../../domain/vocabulary.ts';
import type { ActivityMapRow, FeedbackReportRow, InvitationReportRow, ReportRange, ReportRepository, RequestReportRow, ThankYouRow } from '../../ports.ts';
import type { Db } from './client.ts';

type Count = bigint | number;
const n = (value: Count | null | undefined) => Number(value ?? 0);

export class PrismaReportRepository implements ReportRepository {
  constructor(private readonly db: Db) {}

  async activityMap(range: ReportRange, timeZone: string): Promise<ActivityMapRow[]> {
    const rows = await this.db.$queryRaw<{ code: string; name_nb: string; name_en: string; programme: string | null; type: RequestType; year: number; spring: boolean; requests: Count; filled: Count; contributors: Count; responses: Count; average: number | null }[]>`
      WITH req AS (
        SELECT r.id, r.unit_id, r.programme_id, r.type, r.state,
               extract(year FROM r.starts_at AT TIME ZONE ${timeZone})::int AS year,
               extract(month FROM r.starts_at AT TIME ZONE ${timeZone}) <= 6 AS spring
        FROM requests r WHERE r.starts_at >= ${range.from} AND r.starts_at < ${range.to} AND r.state <> 'draft'
      ), ratings AS (
        SELECT coalesce(CASE WHEN s.subject_type = 'request' THEN s.subject_id END, i.request_id) AS request_id, s.id AS session_id,
               avg(CASE WHEN q ->> 'kind' = 'rating' AND jsonb_typeof(s.answers -> (q ->> 'id')) = 'number' THEN (s.answers ->> (q ->> 'id'))::numeric END) AS rating
        FROM form_sessions s JOIN form_definitions f ON f.id = s.form_id
        LEFT JOIN invitations i ON s.subject_type = 'invitation' AND i.id = s.subject_id
        LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(f.questions) = 'array' THEN f.questions ELSE '[]'::jsonb END) q ON true
        WHERE s.state = 'completed'
        GROUP BY 1, 2
      )
      SELECT u.code, u.name_nb, u.name_en, p.code AS programme, req.type::text AS type, req.year, req.spring,
             count(DISTINCT req.id) AS requests,
             count(DISTINCT req.id) FILTER (WHERE req.state IN ('filled', 'completed', 'closed')) AS filled,
             count(DISTINCT i.person_id) FILTER (WHERE i.state IN ('accepted', 'confirmed')) AS contributors,
             (SELECT count(*) FROM ratings x WHERE x.request_id = ANY (array_agg(DISTINCT req.id))) AS responses,
             (SELECT avg(x.rating)::float8 FROM ratings x WHERE x.request_id = ANY (array_agg(DISTINCT req.id))) AS average
      FROM req JOIN units u ON u.id = req.unit_id LEFT JOIN programmes p ON p.id = req.programme_id
      LEFT JOIN invitations i ON i.request_id = req.id
      GROUP BY u.code, u.name_nb, u.name_en, p.code, req.type, req.year, req.spring
      ORDER BY u.code, p.code NULLS FIRST, req.type, req.year, req.spring DESC`;
    return rows.map((row) => ({
      unitCode: row.code,
      unitNameNb: row.name_nb,
      unitNameEn: row.name_en,
      programmeCode: row.programme,
      type: row.type,
      termYear: row.year,
      spring: row.spring,
      requests: n(row.requests),
      filled: n(row.filled),
      contributors: n(row.contributors),
      feedbackResponses: n(row.responses),
      feedbackAverage: n(row.responses) >= MIN_FEEDBACK_GROUP && row.average !== null ? Number(row.average) : null,
    }));
  }

  async thankYou(range: ReportRange): Promise<ThankYouRow[]> {
    const rows = await this.db.$queryRaw<{ name: string; email: string | null; contributions: Count; places: { unitCode: string; type: RequestType }[]; named: boolean; may_invite: boolean }[]>`
      SELECT p.display_name AS name, p.email, count(DISTINCT r.id) AS contributions,
             jsonb_agg(DISTINCT jsonb_build_object('unitCode', u.code, 'type', r.type)) AS places,
             coalesce(bool_or(a.thanks_by_name), false) AS named,
             EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id AND c.withdrawn_at IS NULL) AS may_invite
      FROM invitations i JOIN requests r ON r.id = i.request_id JOIN units u ON u.id = r.unit_id JOIN people p ON p.id = i.person_id
      LEFT JOIN alumnus_profiles a ON a.person_id = p.id
      WHERE i.state IN ('accepted', 'confirmed') AND r.state NOT IN ('draft', 'cancelled') AND p.erased_at IS NULL
        AND r.starts_at >= ${range.from} AND r.starts_at < ${range.to}
      GROUP BY p.id ORDER BY count(DISTINCT r.id) DESC, p.display_name`;
    return rows.map((row) => ({ name: row.name, email: row.email, contributions: n(row.contributions), places: row.places, named: row.named, mayInvite: row.may_invite }));
  }

  async requests(range: ReportRange): Promise<RequestReportRow[]> {
    const rows = await this.db.$queryRaw<{ id: string; title: string; type: RequestType; code: string; programme: string | null; state: RequestState; needed: number; committed: Count; starts_at: Date; created_at: Date; filled_at: Date | null; owner: string }[]>`
      SELECT r.id, r.title, r.type::text AS type, u.code, p.code AS programme, r.state::text AS state, r.needed,
             (SELECT count(*) FROM invitations i WHERE i.request_id = r.id AND i.state IN ('accepted', 'confirmed')) AS committed,
             r.starts_at, r.created_at, r.filled_at, o.display_name AS owner
      FROM requests r JOIN units u ON u.id = r.unit_id LEFT JOIN programmes p ON p.id = r.programme_id JOIN people o ON o.id = r.owner_id
      WHERE r.created_at >= ${range.from} AND r.created_at < ${range.to}
      ORDER BY r.created_at, r.id`;
    return rows.map((row) => ({ id: row.id, title: row.title, type: row.type, unitCode: row.code, programmeCode: row.programme, state: row.state, needed: row.needed, committed: n(row.committed), startsAt: row.starts_at, createdAt: row.created_at, filledAt: row.filled_at, ownerName: row.owner }));
  }

  async invitations(range: ReportRange): Promise<InvitationReportRow[]> {
    const rows = await this.db.$queryRaw<{ request_id: string; title: string; code: string; name: string; state: string; wave: number; score: number; sent_at: Date | null; answered_at: Date | null }[]>`
      SELECT i.request_id, r.title, u.code, p.display_name AS name, i.state::text AS state, i.wave, i.score, i.sent_at, i.answered_at
      FROM invitations i JOIN requests r ON r.id = i.request_id JOIN units u ON u.id = r.unit_id JOIN people p ON p.id = i.person_id
      WHERE i.created_at >= ${range.from} AND i.created_at < ${range.to}
      ORDER BY i.created_at, i.id`;
    return rows.map((row) => ({ requestId: row.request_id, requestTitle: row.title, unitCode: row.code, personName: row.name, state: row.state, wave: row.wave, score: row.score, sentAt: row.sent_at, answeredAt: row.answered_at }));
  }

  async feedback(range: ReportRange): Promise<FeedbackReportRow[]> {
    const rows = await this.db.$queryRaw<{ form_key: string; version: number; request_id: string | null; title: string | null; code: string | null; question_id: string; respondent: string | null; answer: string; completed_at: Date }[]>`
      WITH answers AS (
        SELECT f.key AS form_key, f.version, r.id AS request_id, r.title, u.code, q ->> 'id' AS question_id, q ->> 'kind' AS kind,
               coalesce((q ->> 'anonymous')::boolean, false) AS anonymous, p.display_name AS respondent,
               s.answers -> (q ->> 'id') AS value, s.completed_at
        FROM form_sessions s JOIN form_definitions f ON f.id = s.form_id JOIN people p ON p.id = s.person_id
        LEFT JOIN invitations i ON s.subject_type = 'invitation' AND i.id = s.subject_id
        LEFT JOIN requests r ON r.id = CASE WHEN s.subject_type = 'request' THEN s.subject_id ELSE i.request_id END
        LEFT JOIN units u ON u.id = r.unit_id
        CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(f.questions) = 'array' THEN f.questions ELSE '[]'::jsonb END) q
        WHERE s.state = 'completed' AND s.completed_at >= ${range.from} AND s.completed_at < ${range.to} AND s.answers ? (q ->> 'id')
      )
      SELECT form_key, version, request_id, title, code, question_id, respondent, value #>> '{}' AS answer, completed_at
        FROM answers WHERE NOT anonymous
      UNION ALL
      SELECT form_key, version, request_id, title, code, question_id, NULL, round(avg((value #>> '{}')::numeric), 2)::text || ' (n=' || count(*) || ')', max(completed_at)
        FROM answers WHERE anonymous AND kind = 'rating' AND jsonb_typeof(value) = 'number'
        GROUP BY form_key, version, request_id, title, code, question_id HAVING count(*) >= ${MIN_FEEDBACK_GROUP}
      ORDER BY 9, 1, 6`;
    return rows.map((row) => ({ formKey: row.form_key, version: row.version, requestId: row.request_id, requestTitle: row.title, unitCode: row.code, questionId: row.question_id, respondent: row.respondent, answer: row.answer, completedAt: row.completed_at }));
  }
}
