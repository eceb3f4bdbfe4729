// The week's figures, aggregated by PostgreSQL: one pass over the chart's weeks grouped by unit
// and week (shared by every digest of the week), and per scope the median time to fill, the
// feedback average, and the short lists. Feedback ratings follow the convention in the README:
// answers are numbers 1–5 under the ids of the form's questions of kind "rating".
import type { ScopeDetails, UnitSummary, UnitWeekActivity } from '../../domain/digest/digest-data.ts';
import { MIN_FEEDBACK_GROUP, OPEN_LISTED, THANKED_BY_NAME, UPCOMING_LISTED } from '../../domain/digest/digest-data.ts';
import type { RequestType } from '../../domain/vocabulary.ts';
import type { DigestQuery } from '../../ports.ts';
import type { Db } from './client.ts';

type Count = bigint | number;
const n = (value: Count | null | undefined) => Number(value ?? 0);

/** The scope filter: every unit (all = true), or the listed ones. */
function scope(query: DigestQuery): { all: boolean; ids: string[] } {
  return { all: query.unitIds === null, ids: query.unitIds ?? [] };
}

export async function unitSummaries(db: Db): Promise<UnitSummary[]> {
  const rows = await db.$queryRaw<{ id: string; code: string; name_nb: string; name_en: string; open: Count }[]>`
    SELECT u.id, u.code, u.name_nb, u.name_en, count(r.id) AS open
    FROM units u
    LEFT JOIN requests r ON r.unit_id = u.id AND r.state = 'open'
      AND r.needed > (SELECT count(*) FROM invitations i WHERE i.request_id = r.id AND i.state IN ('accepted', 'confirmed'))
    GROUP BY u.id ORDER BY u.code`;
  return rows.map((row) => ({ id: row.id, code: row.code, nameNb: row.name_nb, nameEn: row.name_en, openNeedingPeople: n(row.open) }));
}

interface ActivityRow {
  unit_id: string;
  what: 'request' | 'filled' | 'sent' | 'yes' | 'no';
  bucket: number;
  count: Count;
}

export async function weeklyActivity(db: Db, boundaries: readonly Date[]): Promise<UnitWeekActivity[]> {
  const start = boundaries[0]!;
  const end = boundaries.at(-1)!;
  const b = [...boundaries];
  const rows = await db.$queryRaw<ActivityRow[]>`
    SELECT r.unit_id, 'request' AS what, width_bucket(r.created_at, ${b}::timestamptz[]) AS bucket, count(*) AS count
      FROM requests r WHERE r.created_at >= ${start} AND r.created_at < ${end} AND r.state <> 'draft' GROUP BY 1, 3
    UNION ALL
    SELECT r.unit_id, 'filled', width_bucket(r.filled_at, ${b}::timestamptz[]), count(*)
      FROM requests r WHERE r.filled_at >= ${start} AND r.filled_at < ${end} GROUP BY 1, 3
    UNION ALL
    SELECT r.unit_id, 'sent', s.bucket, sum(s.count) FROM (
      SELECT i.request_id, width_bucket(i.sent_at, ${b}::timestamptz[]) AS bucket, count(*) AS count
      FROM invitations i WHERE i.sent_at >= ${start} AND i.sent_at < ${end} GROUP BY 1, 2
    ) s JOIN requests r ON r.id = s.request_id GROUP BY 1, 3
    UNION ALL
    SELECT r.unit_id, a.what, a.bucket, sum(a.count) FROM (
      SELECT i.request_id, CASE WHEN i.state = 'declined' THEN 'no' ELSE 'yes' END AS what, width_bucket(i.answered_at, ${b}::timestamptz[]) AS bucket, count(*) AS count
      FROM invitations i WHERE i.answered_at >= ${start} AND i.answered_at < ${end} AND i.state IN ('accepted', 'confirmed', 'declined') GROUP BY 1, 2, 3
    ) a JOIN requests r ON r.id = a.request_id GROUP BY 1, 2, 3`;
  const out = new Map<string, UnitWeekActivity>();
  const field = { request: 'requests', filled: 'filled', sent: 'invitations', yes: 'saidYes', no: 'saidNo' } as const;
  for (const row of rows) {
    const key = `${row.unit_id}:${row.bucket}`;
    const entry = out.get(key) ?? { unitId: row.unit_id, bucket: Number(row.bucket), requests: 0, filled: 0, invitations: 0, saidYes: 0, saidNo: 0 };
    entry[field[row.what]] += n(row.count);
    out.set(key, entry);
  }
  return [...out.values()];
}

async function openRequests(db: Db, query: DigestQuery): Promise<Pick<ScopeDetails, 'open' | 'openNeedingPeople'>> {
  const { all, ids } = scope(query);
  const rows = await db.$queryRaw<{ id: string; title: string; type: RequestType; code: string; starts_at: Date; missing: Count; total: Count }[]>`
    SELECT r.id, r.title, r.type::text AS type, u.code, r.starts_at, r.needed - c.committed AS missing, count(*) OVER () AS total
    FROM requests r JOIN units u ON u.id = r.unit_id
    CROSS JOIN LATERAL (SELECT count(*) AS committed FROM invitations i WHERE i.request_id = r.id AND i.state IN ('accepted', 'confirmed')) c
    WHERE r.state = 'open' AND r.needed > c.committed AND (${all} OR r.unit_id = ANY (${ids}::uuid[]))
    ORDER BY r.starts_at, r.id LIMIT ${OPEN_LISTED}`;
  return {
    openNeedingPeople: n(rows[0]?.total),
    open: rows.map((row) => ({ id: row.id, title: row.title, type: row.type, unitCode: row.code, startsAt: row.starts_at, missing: n(row.missing) })),
  };
}

async function upcoming(db: Db, query: DigestQuery): Promise<ScopeDetails['upcoming']> {
  const { all, ids } = scope(query);
  const rows = await db.$queryRaw<{ id: string; title: string; code: string; starts_at: Date; needed: number; committed: Count }[]>`
    SELECT r.id, r.title, u.code, r.starts_at, r.needed,
      (SELECT count(*) FROM invitations i WHERE i.request_id = r.id AND i.state IN ('accepted', 'confirmed')) AS committed
    FROM requests r JOIN units u ON u.id = r.unit_id
    WHERE r.state IN ('open', 'filled') AND r.starts_at >= ${query.to} AND r.starts_at < ${query.upcomingUntil}
      AND (${all} OR r.unit_id = ANY (${ids}::uuid[]))
    ORDER BY r.starts_at, r.id LIMIT ${UPCOMING_LISTED}`;
  return rows.map((row) => ({ id: row.id, title: row.title, unitCode: row.code, startsAt: row.starts_at, needed: row.needed, contributors: n(row.committed) }));
}

async function medianHoursToFill(db: Db, query: DigestQuery): Promise<number | null> {
  const { all, ids } = scope(query);
  const [row] = await db.$queryRaw<{ median: number | null }[]>`
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.filled_at - coalesce(r.opened_at, r.created_at)) / 3600) AS median
    FROM requests r WHERE r.filled_at >= ${query.from} AND r.filled_at < ${query.to} AND (${all} OR r.unit_id = ANY (${ids}::uuid[]))`;
  return row?.median === null || row?.median === undefined ? null : Number(row.median);
}

/** Completed forms in the period about the scope's requests (directly, or through an invitation), and the mean of their ratings. */
async function feedback(db: Db, query: DigestQuery): Promise<Pick<ScopeDetails, 'feedbackResponses' | 'feedbackAverage'>> {
  const { all, ids } = scope(query);
  const [row] = await db.$queryRaw<{ responses: Count; average: number | null }[]>`
    WITH sessions AS (
      SELECT s.id, s.answers, f.questions
      FROM form_sessions s JOIN form_definitions f ON f.id = s.form_id
      LEFT JOIN invitations i ON s.subject_type = 'invitation' AND i.id = s.subject_id
      JOIN requests r ON r.id = CASE WHEN s.subject_type = 'request' THEN s.subject_id ELSE i.request_id END
      WHERE s.state = 'completed' AND s.completed_at >= ${query.from} AND s.completed_at < ${query.to}
        AND (${all} OR r.unit_id = ANY (${ids}::uuid[]))
    )
    SELECT count(DISTINCT s.id) AS responses, avg((s.answers ->> (q ->> 'id'))::numeric)::float8 AS average
    FROM sessions s
    LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(s.questions) = 'array' THEN s.questions ELSE '[]'::jsonb END) q
      ON q ->> 'kind' = 'rating'
      AND (CASE WHEN jsonb_typeof(s.answers -> (q ->> 'id')) = 'number' THEN (s.answers ->> (q ->> 'id'))::numeric END) BETWEEN 1 AND 5`;
  const responses = n(row?.responses);
  const average = row?.average === null || row?.average === undefined ? null : Number(row.average);
  return { feedbackResponses: responses, feedbackAverage: responses >= MIN_FEEDBACK_GROUP ? average : null };
}

/** Who said yes to an engagement held in the period: names of those who agreed to be named, a count of the others. */
async function thanks(db: Db, query: DigestQuery): Promise<Pick<ScopeDetails, 'thanked' | 'thankedOthers'>> {
  const { all, ids } = scope(query);
  const rows = await db.$queryRaw<{ name: string; named: boolean }[]>`
    SELECT DISTINCT ON (p.id) p.display_name AS name, coalesce(a.thanks_by_name, false) AND p.erased_at IS NULL AS named
    FROM invitations i JOIN requests r ON r.id = i.request_id JOIN people p ON p.id = i.person_id
    LEFT JOIN alumnus_profiles a ON a.person_id = p.id
    WHERE i.state IN ('accepted', 'confirmed') AND r.state IN ('filled', 'completed', 'closed', 'open')
      AND r.starts_at >= ${query.from} AND r.starts_at < ${query.to} AND (${all} OR r.unit_id = ANY (${ids}::uuid[]))
    ORDER BY p.id`;
  const named = rows.filter((row) => row.named).map((row) => row.name).sort((a, b) => a.localeCompare(b, 'nb'));
  return { thanked: named.slice(0, THANKED_BY_NAME), thankedOthers: rows.length - Math.min(named.length, THANKED_BY_NAME) };
}

export async function scopeDetails(db: Db, query: DigestQuery): Promise<ScopeDetails> {
  const open = await openRequests(db, query);
  return {
    ...open,
    upcoming: await upcoming(db, query),
    medianHoursToFill: await medianHoursToFill(db, query),
    ...(await feedback(db, query)),
    ...(await thanks(db, query)),
  };
}
