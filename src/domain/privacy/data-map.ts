// What each table holds about a person, why, how long, and what erasure does to it. The export
// ("my data") has one section per entry, the erasure handles each one, docs/privacy.md describes
// them, and a test derives the tables that reference a person from prisma/schema.prisma and
// fails when one is missing here.

export type ErasureRule =
  /** The rows are deleted. */
  | 'delete'
  /** The row stays for counts; its personal fields are blanked or replaced by a keyed hash. */
  | 'pseudonymise'
  /** The rows stay (they belong to the faculty's records); the person is only referenced by an id that no longer leads to them. */
  | 'keep_unlinked';

export interface PersonalTable {
  /** The table's name in the database. */
  table: string;
  /** Columns that hold the person's id. */
  personColumns: readonly string[];
  /** What it holds about the person, in a few words (English; the docs expand on it). */
  holds: string;
  erasure: ErasureRule;
}

export const PERSONAL_TABLES: readonly PersonalTable[] = [
  { table: 'people', personColumns: ['id'], holds: 'name, e-mail, roles, language, time zone, preferred platform', erasure: 'pseudonymise' },
  { table: 'platform_identities', personColumns: ['person_id'], holds: 'Slack or Teams user id, workspace or tenant, verified e-mail, language, DM channel, Teams conversation reference', erasure: 'delete' },
  { table: 'alumnus_profiles', personColumns: ['person_id'], holds: 'employer, sector, expertise, languages, region, what and how often they may be asked, pauses', erasure: 'delete' },
  { table: 'alumnus_programmes', personColumns: ['profile_id'], holds: 'programmes and graduation years', erasure: 'delete' },
  { table: 'consents', personColumns: ['person_id'], holds: 'when they agreed to what, for which version of the consent text, and when it ended', erasure: 'pseudonymise' },
  { table: 'requests', personColumns: ['owner_id'], holds: 'requests they posted (staff)', erasure: 'keep_unlinked' },
  { table: 'invitations', personColumns: ['person_id'], holds: 'what they were asked, why they matched, their answers', erasure: 'pseudonymise' },
  { table: 'form_sessions', personColumns: ['person_id'], holds: 'their answers to feedback forms', erasure: 'pseudonymise' },
  { table: 'outbox_messages', personColumns: ['person_id'], holds: 'messages the bot sent or will send them', erasure: 'delete' },
  { table: 'link_codes', personColumns: ['person_id'], holds: 'one-time codes (hashed) to link their Slack and Teams accounts', erasure: 'delete' },
  { table: 'audit_entries', personColumns: ['actor_id', 'person_id', 'subject_id'], holds: 'what they did and what was done about them (ids only)', erasure: 'pseudonymise' },
];

export const PERSONAL_TABLE_NAMES: readonly string[] = PERSONAL_TABLES.map((entry) => entry.table);
