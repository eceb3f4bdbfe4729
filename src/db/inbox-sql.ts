// The durable inbox's hot statement, as a prepared statement for `pg`: shared by the inbox store
// and the HTTP front's worker thread (which records Slack requests without Prisma).

/** Records a request unless one with its key was recorded before; returns its id, or no row for a retry. */
export const INBOX_RECORD_SQL = `INSERT INTO inbox_events (id, platform, dedupe_key, kind, body, lease_owner, lease_until)
  VALUES (gen_random_uuid(), $1::"Platform", $2, $3, $4::jsonb, $5, $6)
  ON CONFLICT (platform, dedupe_key) DO NOTHING
  RETURNING id`;

/** Keys longer than this are cut (an event id never is; a hash is 64 characters). */
export const INBOX_KEY_MAX = 300;

/** What the fast path needs of a `pg` pool. */
export interface InboxQueryable {
  query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: { id: string }[] }>;
}

/**
 * Records one request; the id, or null when it was recorded before. `prepared` names the
 * statement so each connection parses it once: only on a server, where every connection is a
 * session of its own (the embedded database is one session shared by all its clients, where a
 * second client preparing the same name would fail).
 */
export async function recordInboxRow(db: InboxQueryable, row: { platform: string; key: string; kind: string; json: string; owner: string; leaseUntil: Date }, prepared = true): Promise<string | null> {
  const values = [row.platform, row.key.slice(0, INBOX_KEY_MAX), row.kind, row.json, row.owner, row.leaseUntil];
  const { rows } = await db.query(prepared ? { name: 'inbox_record', text: INBOX_RECORD_SQL, values } : { text: INBOX_RECORD_SQL, values });
  return rows[0]?.id ?? null;
}
