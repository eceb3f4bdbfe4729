// What is stored about one person, read for their export and removed at their erasure. Table
// and column names come from a fixed list (below, matching src/domain/privacy/data-map.ts),
// never from input; values always go as parameters.
import type { Card } from '../../domain/cards.ts';
import type { AuditQuery, AuditRecord, ConsentProofInput, ConsentRecord, ExportPage, NamingMessage, PersonState, PersonTraces, PrivacyRepository } from '../../ports.ts';
import type { Db } from './client.ts';

/** How each personal table is read for an export: its key (for paging) and the rows about the person ($1). */
const EXPORT_QUERIES: Record<string, { key: string; where: string }> = {
  people: { key: 'id', where: 't.id = $1::uuid' },
  platform_identities: { key: 'id', where: 't.person_id = $1::uuid' },
  alumnus_profiles: { key: 'person_id', where: 't.person_id = $1::uuid' },
  alumnus_programmes: { key: 'id', where: 't.profile_id = $1::uuid' },
  consents: { key: 'id', where: 't.person_id = $1::uuid' },
  requests: { key: 'id', where: 't.owner_id = $1::uuid' },
  invitations: { key: 'id', where: 't.person_id = $1::uuid' },
  form_sessions: { key: 'id', where: 't.person_id = $1::uuid' },
  outbox_messages: { key: 'id', where: 't.person_id = $1::uuid' },
  link_codes: { key: 'id', where: 't.person_id = $1::uuid' },
  audit_entries: { key: 'id', where: '(t.actor_id = $1 OR t.person_id = $1 OR t.subject_id = $1)' },
};

export const EXPORTED_TABLES: readonly string[] = Object.keys(EXPORT_QUERIES);

/** A text as it appears inside stored JSON (quotes and backslashes escaped). */
export function asJsonText(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** Ids shorter than this are not searched for in free text (they would match too much). */
const MIN_TRACE = 4;

/** Keeps, in a form's answers, only those of its non-text questions: free text goes. */
export const WITHOUT_FREE_TEXT = `coalesce((SELECT jsonb_object_agg(a.key, a.value) FROM jsonb_each(CASE WHEN jsonb_typeof(s.answers) = 'object' THEN s.answers ELSE '{}'::jsonb END) a
  WHERE jsonb_typeof(a.value) <> 'string' OR a.key IN (SELECT q ->> 'id' FROM jsonb_array_elements(CASE WHEN jsonb_typeof(f.questions) = 'array' THEN f.questions ELSE '[]'::jsonb END) q
    WHERE q ->> 'kind' IN ('choice', 'rating', 'yesno'))), '{}'::jsonb)`;

export class PrismaPrivacyRepository implements PrivacyRepository {
  constructor(private readonly db: Db) {}

  async exportPage(table: string, personId: string, after: string | null, limit: number): Promise<ExportPage> {
    const query = EXPORT_QUERIES[table];
    if (!query) throw new Error(`not a personal table: ${table}`);
    const rows = await this.db.$queryRawUnsafe<{ row: Record<string, unknown>; k: string }[]>(
      `SELECT to_jsonb(t) AS row, t.${query.key}::text AS k FROM ${table} t WHERE ${query.where} AND ($2::uuid IS NULL OR t.${query.key} > $2::uuid) ORDER BY t.${query.key} LIMIT $3`,
      personId,
      after,
      limit,
    );
    return { rows: rows.map((row) => row.row), next: rows.length === limit ? rows[rows.length - 1]!.k : null };
  }

  async lockPerson(personId: string): Promise<PersonState | null> {
    const rows = await this.db.$queryRaw<{ id: string; erased_at: Date | null; roles: string[] }[]>`
      SELECT id::text, erased_at, roles::text[] AS roles FROM people WHERE id = ${personId}::uuid FOR NO KEY UPDATE`;
    const row = rows[0];
    return row ? { id: row.id, erasedAt: row.erased_at, roles: row.roles } : null;
  }

  async findTraces(personId: string): Promise<PersonTraces> {
    const person = await this.db.person.findUnique({ where: { id: personId }, include: { identities: { orderBy: { createdAt: 'asc' } } } });
    const identities = person?.identities ?? [];
    const ids = identities.flatMap((identity) => [identity.userId, identity.platformUserId, identity.dmChannelId]);
    return {
      displayName: person?.displayName ?? '',
      email: person?.email ?? null,
      emails: [...new Set(identities.map((identity) => identity.email).filter((email): email is string => Boolean(email)))],
      platformIds: [...new Set(ids.filter((id): id is string => typeof id === 'string' && id.length >= MIN_TRACE))],
      conversationKeys: identities.map((identity) => `${identity.platform}:${identity.workspaceId}:dm:${identity.userId}`),
      firstIdentity: identities[0] ? `${identities[0].platform}:${identities[0].workspaceId}:${identities[0].userId}` : null,
    };
  }

  async findConsents(personId: string): Promise<ConsentRecord[]> {
    const rows = await this.db.consent.findMany({ where: { personId }, orderBy: [{ givenAt: 'asc' }, { id: 'asc' }] });
    return rows.map((row) => ({ id: row.id, personId: row.personId, givenAt: row.givenAt, textVersion: row.textVersion, purposes: row.purposes, source: row.source, withdrawnAt: row.withdrawnAt }));
  }

  private bareCondition(alias: string): string {
    return `cardinality(${alias}.roles) = 0
      AND NOT EXISTS (SELECT 1 FROM consents c WHERE c.person_id = ${alias}.id)
      AND NOT EXISTS (SELECT 1 FROM alumnus_profiles a WHERE a.person_id = ${alias}.id)
      AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.owner_id = ${alias}.id)
      AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.person_id = ${alias}.id)
      AND NOT EXISTS (SELECT 1 FROM form_sessions f WHERE f.person_id = ${alias}.id)`;
  }

  async isBare(personId: string): Promise<boolean> {
    const rows = await this.db.$queryRawUnsafe<{ bare: boolean }[]>(`SELECT (${this.bareCondition('p')}) AS bare FROM people p WHERE p.id = $1::uuid`, personId);
    return rows[0]?.bare ?? false;
  }

  async deleteBare(personId: string): Promise<boolean> {
    const count = await this.db.$executeRawUnsafe(`DELETE FROM people p WHERE p.id = $1::uuid AND ${this.bareCondition('p')}`, personId);
    return count === 1;
  }

  async closeForms(personId: string, at: Date): Promise<number> {
    const cancelled = await this.db.$executeRaw`
      UPDATE form_sessions SET state = 'cancelled', updated_at = ${at} WHERE person_id = ${personId}::uuid AND state = 'active'`;
    await this.db.$executeRawUnsafe(
      `UPDATE form_sessions s SET answers = ${WITHOUT_FREE_TEXT} FROM form_definitions f WHERE f.id = s.form_id AND s.person_id = $1::uuid`,
      personId,
    );
    return cancelled;
  }

  async findMessagesNaming(texts: readonly string[], invitationIds: readonly string[]): Promise<NamingMessage[]> {
    const needles = texts.filter((text) => text.length >= 3).map(asJsonText);
    if (needles.length === 0 && invitationIds.length === 0) return [];
    const rows = await this.db.$queryRaw<{ id: string; idempotency_key: string; sent: boolean; person_id: string | null; request_id: string | null; card: Card }[]>`
      SELECT id::text, idempotency_key, (state = 'sent' OR platform_ref IS NOT NULL) AS sent, person_id::text, request_id::text, card
      FROM outbox_messages
      WHERE EXISTS (SELECT 1 FROM unnest(${needles}::text[]) n WHERE strpos(card::text, n) > 0)
         OR EXISTS (SELECT 1 FROM unnest(${[...invitationIds]}::text[]) i WHERE strpos(idempotency_key, i) > 0)
      ORDER BY id`;
    return rows.map((row) => ({ id: row.id, idempotencyKey: row.idempotency_key, sent: row.sent, personId: row.person_id, requestId: row.request_id, card: row.card }));
  }

  async rewriteCards(rows: readonly { id: string; card: Card }[]): Promise<void> {
    for (const row of rows) await this.db.outboxMessage.update({ where: { id: row.id }, data: { card: row.card as object } });
  }

  async deleteMessagesTo(personId: string, conversationKeys: readonly string[]): Promise<number> {
    return this.db.$executeRaw`
      DELETE FROM outbox_messages WHERE person_id = ${personId}::uuid OR conversation_key = ANY (${[...conversationKeys]}::text[])`;
  }

  async forgetTraces(traces: PersonTraces, replacement: string): Promise<void> {
    const ids = traces.platformIds;
    await this.db.$executeRaw`DELETE FROM delivery_slots WHERE key = ANY (${traces.conversationKeys}::text[])`;
    if (ids.length > 0) {
      await this.db.$executeRaw`DELETE FROM processed_events WHERE EXISTS (SELECT 1 FROM unnest(${ids}::text[]) i WHERE strpos(event_id, i) > 0)`;
      // A channel's reference names the last person who wrote there: that part goes.
      await this.db.$executeRaw`
        UPDATE conversation_references SET reference = reference - 'user', updated_at = now()
        WHERE EXISTS (SELECT 1 FROM unnest(${ids}::text[]) i WHERE strpos(reference::text, i) > 0)`;
    }
    if (traces.displayName.length >= 3) {
      await this.db.$executeRaw`
        UPDATE digest_runs SET summary = replace(summary::text, ${asJsonText(traces.displayName)}, ${asJsonText(replacement)})::jsonb
        WHERE summary IS NOT NULL AND strpos(summary::text, ${asJsonText(traces.displayName)}) > 0`;
    }
  }

  async sealConsents(personId: string, proofs: readonly ConsentProofInput[], at: Date): Promise<void> {
    await this.db.$executeRaw`
      UPDATE consents SET withdrawn_at = ${at}, lapse_reason = 'erased' WHERE person_id = ${personId}::uuid AND withdrawn_at IS NULL`;
    for (const proof of proofs) {
      await this.db.consent.update({ where: { id: proof.id }, data: { proofHash: proof.proofHash, sourceDetail: null } });
    }
  }

  async clearInvitationDetails(personId: string): Promise<number> {
    return this.db.$executeRaw`
      UPDATE invitations SET reasons = '[]'::jsonb, decline_reason = NULL, message_ref = NULL WHERE person_id = ${personId}::uuid`;
  }

  async deletePersonalRows(personId: string): Promise<void> {
    await this.db.platformIdentity.deleteMany({ where: { personId } });
    await this.db.alumnusProfile.deleteMany({ where: { personId } });
    await this.db.linkCode.deleteMany({ where: { personId } });
  }

  async pseudonymiseAudit(personId: string, pseudonym: string): Promise<number> {
    return this.db.$executeRaw`
      UPDATE audit_entries SET
        actor_id = CASE WHEN actor_id = ${personId} THEN ${pseudonym} ELSE actor_id END,
        person_id = CASE WHEN person_id = ${personId} THEN ${pseudonym} ELSE person_id END,
        subject_id = CASE WHEN subject_id = ${personId} THEN ${pseudonym} ELSE subject_id END,
        details = CASE WHEN strpos(details::text, ${personId}) > 0 THEN '{}'::jsonb ELSE details END,
        pseudonymised = true
      WHERE actor_id = ${personId} OR person_id = ${personId} OR subject_id = ${personId}`;
  }

  async pseudonymisePerson(personId: string, placeholderName: string, at: Date): Promise<void> {
    await this.db.person.update({
      where: { id: personId },
      data: { displayName: placeholderName, email: null, emailVerified: false, roles: [], locale: null, timeZone: null, preferredPlatform: null, adminFromConfig: false, erasedAt: at },
    });
  }

  async moveIdentities(fromPersonId: string, toPersonId: string): Promise<void> {
    await this.db.platformIdentity.updateMany({ where: { personId: fromPersonId }, data: { personId: toPersonId } });
  }

  async listAudit(query: AuditQuery): Promise<AuditRecord[]> {
    const who = query.personId;
    const rows = await this.db.auditEntry.findMany({
      where: {
        ...(who ? { OR: [{ actorId: who }, { personId: who }, { subjectId: who }] } : {}),
        ...(query.actionPrefix ? { action: { startsWith: query.actionPrefix } } : {}),
        ...(query.before ? { at: { lt: query.before } } : {}),
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: query.limit,
    });
    return rows.map((row) => ({ id: row.id, at: row.at, actorId: row.actorId, action: row.action, subjectType: row.subjectType, subjectId: row.subjectId, personId: row.personId, details: (row.details ?? {}) as Record<string, unknown> }));
  }
}
