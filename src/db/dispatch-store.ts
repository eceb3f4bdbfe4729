// The outbox as the dispatcher sees it. Rows are claimed with a lease under FOR UPDATE SKIP
// LOCKED, so several instances share the work without taking the same row twice. The send-time
// reads and records of invitations and the throttle slots of a pass are batched (one statement
// for many rows): a fan-out's messages cost few round trips each.
import type { Card } from '../domain/cards.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Address, DispatchStore, InvitationFactsQuery, InvitationSendFacts, InvitationSentRecord, MessageRef, OutboxKind, OutboxRow, PlatformPause } from '../ports.ts';
import type { Platform } from '../domain/vocabulary.ts';

interface ClaimedRow {
  id: string;
  platform: Platform;
  kind: OutboxKind;
  target: { address: Address; workspaceId: string };
  card: Card;
  idempotency_key: string;
  attempts: number;
  request_id: string | null;
  person_id: string | null;
  conversation_key: string;
  workspace_key: string;
  created_at: Date;
  previous_owner: string | null;
  maybe_sent: boolean;
  version: number;
}

interface FactsRow {
  id: string;
  request_id: string;
  person_id: string;
  state: string;
  reasons: unknown;
  answered_at: Date | null;
  sent_at: Date | null;
  request_state: string;
  request_type: string;
  reply_by: Date;
  view_stamp: Date;
  given_at: Date | null;
  text_version: string | null;
  purposes: string[] | null;
  paused_until: Date | null;
  locale: string | null;
  time_zone: string | null;
  platform_locale: string | null;
  user_id: string | null;
}

function toFacts(row: FactsRow): InvitationSendFacts {
  return {
    invitation: { id: row.id, requestId: row.request_id, personId: row.person_id, state: row.state, reasons: row.reasons, answeredAt: row.answered_at, sentAt: row.sent_at },
    request: { state: row.request_state, type: row.request_type, replyBy: row.reply_by, viewStamp: row.view_stamp },
    consent: row.given_at && row.text_version ? { givenAt: row.given_at, textVersion: row.text_version, purposes: row.purposes } : null,
    pausedUntil: row.paused_until,
    person: { locale: row.locale, platformLocale: row.platform_locale, timeZone: row.time_zone },
    userId: row.user_id,
  } as InvitationSendFacts;
}

function isRef(value: unknown): value is MessageRef {
  return typeof value === 'object' && value !== null && typeof (value as MessageRef).channelId === 'string' && typeof (value as MessageRef).messageId === 'string';
}

export class PrismaDispatchStore implements DispatchStore {
  constructor(private readonly prisma: PrismaClient) {}

  async claimDue(owner: string, platforms: readonly Platform[], now: Date, limit: number, leaseMs: number, busyConversations: readonly string[] = []): Promise<OutboxRow[]> {
    const leaseUntil = new Date(now.getTime() + leaseMs);
    // One conversation is served by one instance at a time, which keeps its messages in order.
    const rows = await this.prisma.$queryRaw<ClaimedRow[]>`
      WITH due AS (
        SELECT o.id, o.lease_owner AS previous_owner FROM outbox_messages o
        WHERE o.state = 'pending' AND o.platform::text = ANY (${[...platforms]}::text[]) AND o.next_attempt_at <= ${now}
          AND (o.lease_until IS NULL OR o.lease_until < ${now})
          AND o.conversation_key <> ALL (${[...busyConversations]}::text[])
          -- Posts in a channel go out one after the other, in the order written: only the oldest
          -- waiting one may be claimed (never one behind a post that waits for its retry).
          AND NOT (o.target->'address'->>'kind' = 'channel' AND EXISTS (
            SELECT 1 FROM outbox_messages older
            WHERE older.conversation_key = o.conversation_key AND older.state = 'pending' AND older.id < o.id
              AND older.target->'address'->>'kind' = 'channel'))
          AND NOT EXISTS (
            SELECT 1 FROM outbox_messages busy
            WHERE busy.conversation_key = o.conversation_key AND busy.state = 'pending'
              AND busy.lease_until >= ${now} AND busy.lease_owner <> ${owner})
        ORDER BY o.next_attempt_at, o.id
        FOR UPDATE SKIP LOCKED
        LIMIT ${limit}
      )
      UPDATE outbox_messages m SET lease_owner = ${owner}, lease_until = ${leaseUntil}, updated_at = ${now}
      FROM due WHERE m.id = due.id
      RETURNING m.id, m.platform, m.kind, m.target, m.card, m.idempotency_key, m.attempts, m.request_id, m.person_id,
                m.conversation_key, m.workspace_key, m.created_at, m.version, m.maybe_sent, due.previous_owner`;
    return rows
      .map((row) => ({
        id: row.id,
        platform: row.platform,
        kind: row.kind,
        address: row.target.address,
        workspaceId: row.target.workspaceId,
        card: row.card,
        idempotencyKey: row.idempotency_key,
        attempts: row.attempts,
        requestId: row.request_id,
        personId: row.person_id,
        conversationKey: row.conversation_key,
        workspaceKey: row.workspace_key,
        createdAt: row.created_at,
        interrupted: row.previous_owner !== null || row.maybe_sent,
        version: row.version,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
  }

  async markSent(id: string, ref: MessageRef | null, now: Date, version: number) {
    const done = await this.prisma.outboxMessage.updateMany({
      where: { id, version },
      data: { state: 'sent', sentAt: now, platformRef: ref ? (ref as object) : undefined, leaseOwner: null, leaseUntil: null, maybeSent: false, attempts: { increment: 1 } },
    });
    if (done.count === 1) return true;
    // A newer update was folded into this row while it was being sent: send it again, rendered anew.
    await this.prisma.outboxMessage.update({ where: { id }, data: { leaseOwner: null, leaseUntil: null } });
    return false;
  }

  async invitationSendFacts(wanted: readonly InvitationFactsQuery[]): Promise<Map<string, InvitationSendFacts>> {
    if (wanted.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<FactsRow[]>`
      SELECT i.id, i.request_id, i.person_id, i.state::text AS state, i.reasons, i.answered_at, i.sent_at,
             r.state::text AS request_state, r.type::text AS request_type, r.reply_by,
             GREATEST(r.updated_at, o.updated_at, u.updated_at, pr.updated_at) AS view_stamp,
             c.given_at, c.text_version, c.purposes::text[] AS purposes, ap.paused_until,
             p.locale::text AS locale, p.time_zone,
             (SELECT pl.locale FROM platform_identities pl WHERE pl.person_id = i.person_id ORDER BY pl.updated_at DESC LIMIT 1) AS platform_locale,
             (SELECT pi.user_id FROM platform_identities pi
               WHERE pi.person_id = i.person_id AND pi.platform::text = q.platform AND pi.workspace_id = q.workspace_id LIMIT 1) AS user_id
      FROM unnest(${wanted.map((one) => one.invitationId)}::uuid[], ${wanted.map((one) => one.platform)}::text[], ${wanted.map((one) => one.workspaceId)}::text[])
             AS q(invitation_id, platform, workspace_id)
      JOIN invitations i ON i.id = q.invitation_id
      JOIN requests r ON r.id = i.request_id
      JOIN people o ON o.id = r.owner_id
      JOIN units u ON u.id = r.unit_id
      LEFT JOIN programmes pr ON pr.id = r.programme_id
      JOIN people p ON p.id = i.person_id
      LEFT JOIN alumnus_profiles ap ON ap.person_id = i.person_id
      LEFT JOIN LATERAL (
        SELECT given_at, text_version, purposes FROM consents
        WHERE person_id = i.person_id AND withdrawn_at IS NULL ORDER BY given_at DESC, id DESC LIMIT 1) c ON true`;
    return new Map(rows.map((row) => [row.id, toFacts(row)]));
  }

  async markInvitationsSent(sent: readonly InvitationSentRecord[]): Promise<{ invitation: boolean; outbox: boolean }[]> {
    if (sent.length === 0) return [];
    // Each invitation (still queued) and its outbox row in one statement; a row only when its invitation was.
    const column = <T>(pick: (one: InvitationSentRecord) => T) => sent.map(pick);
    const rows = await this.prisma.$queryRaw<{ row_id: string; invitation: boolean; outbox: boolean }[]>`
      WITH s AS (
        SELECT * FROM unnest(${column((one) => one.rowId)}::uuid[], ${column((one) => one.version)}::int[], ${column((one) => one.invitationId)}::uuid[],
                             ${column((one) => one.platform)}::text[], ${column((one) => JSON.stringify(one.ref))}::jsonb[], ${column((one) => one.now)}::timestamptz[],
                             ${column((one) => one.replyWindowEnds)}::timestamptz[])
          AS s(row_id, version, invitation_id, platform, ref, at, window_ends)),
      inv AS (
        UPDATE invitations i SET state = 'sent', sent_at = COALESCE(i.sent_at, s.at), platform = s.platform::"Platform", message_ref = s.ref,
               expires_at = LEAST(r.reply_by, s.window_ends), updated_at = s.at
        FROM s, requests r WHERE i.id = s.invitation_id AND i.state = 'queued' AND r.id = i.request_id
        RETURNING i.id),
      out AS (
        UPDATE outbox_messages o SET state = 'sent', sent_at = s.at, platform_ref = s.ref, lease_owner = NULL, lease_until = NULL,
               maybe_sent = false, attempts = o.attempts + 1, updated_at = s.at
        FROM s WHERE o.id = s.row_id AND o.version = s.version AND s.invitation_id IN (SELECT id FROM inv)
        RETURNING o.id)
      SELECT s.row_id::text AS row_id, s.invitation_id IN (SELECT id FROM inv) AS invitation, s.row_id IN (SELECT id FROM out) AS outbox FROM s`;
    const done = new Map(rows.map((row) => [row.row_id, row]));
    const changed = sent.filter((one) => done.get(one.rowId)?.invitation && !done.get(one.rowId)?.outbox).map((one) => one.rowId);
    // A newer version of the row arrived while it was sent: pending again, to be rendered anew.
    if (changed.length > 0) await this.prisma.$executeRaw`UPDATE outbox_messages SET lease_owner = NULL, lease_until = NULL, updated_at = now() WHERE id = ANY (${changed}::uuid[])`;
    return sent.map((one) => ({ invitation: done.get(one.rowId)?.invitation ?? false, outbox: done.get(one.rowId)?.outbox ?? false }));
  }

  async markRetry(id: string, attempts: number, nextAttemptAt: Date, error: string, maybeSent = false) {
    await this.prisma.outboxMessage.update({
      where: { id },
      data: { attempts, nextAttemptAt, lastError: error.slice(0, 1000), leaseOwner: null, leaseUntil: null, ...(maybeSent ? { maybeSent: true } : {}) },
    });
  }

  async extendLeases(ids: readonly string[], owner: string, until: Date) {
    if (ids.length === 0) return 0;
    const done = await this.prisma.outboxMessage.updateMany({ where: { id: { in: [...ids] }, leaseOwner: owner, state: 'pending' }, data: { leaseUntil: until } });
    return done.count;
  }

  async markFinal(id: string, state: 'dead' | 'skipped', reason: string) {
    await this.prisma.outboxMessage.update({ where: { id }, data: { state, lastError: reason.slice(0, 1000), leaseOwner: null, leaseUntil: null } });
  }

  async release(id: string, nextAttemptAt: Date) {
    await this.prisma.outboxMessage.update({ where: { id }, data: { nextAttemptAt, leaseOwner: null, leaseUntil: null } });
  }

  async releaseMany(rows: readonly { id: string; at: Date }[]) {
    await this.prisma.$executeRaw`
      UPDATE outbox_messages o SET next_attempt_at = r.at, lease_owner = NULL, lease_until = NULL, updated_at = now()
      FROM unnest(${rows.map((row) => row.id)}::uuid[], ${rows.map((row) => row.at)}::timestamptz[]) AS r(id, at) WHERE o.id = r.id`;
  }

  async reserveRuns(runs: readonly { key: string; intervalMs: number; count: number }[], now: Date): Promise<Date[]> {
    // Every bucket's run in one statement: the bucket moves on by count × interval from its next free slot (or now).
    const rows = await this.prisma.$queryRaw<{ key: string; first_ms: number }[]>`
      INSERT INTO delivery_slots (key, next_at)
      SELECT b.key, ${now}::timestamptz + make_interval(secs => b.secs)
      FROM unnest(${runs.map((run) => run.key)}::text[], ${runs.map((run) => (run.intervalMs * run.count) / 1000)}::float8[]) AS b(key, secs)
      ON CONFLICT (key) DO UPDATE SET next_at = GREATEST(delivery_slots.next_at, ${now}) + (excluded.next_at - ${now}::timestamptz)
      RETURNING key, extract(epoch FROM next_at)::float8 * 1000 AS first_ms`;
    const ends = new Map(rows.map((row) => [row.key, Number(row.first_ms)]));
    return runs.map((run) => new Date((ends.get(run.key) ?? now.getTime() + run.intervalMs * run.count) - run.intervalMs * run.count));
  }

  async giveBackRuns(tails: readonly { key: string; from: Date; end: Date }[]) {
    // Only where nobody reserved after the run (next_at still where it left it, to the half millisecond).
    await this.prisma.$executeRaw`
      UPDATE delivery_slots d SET next_at = t.from_at
      FROM unnest(${tails.map((tail) => tail.key)}::text[], ${tails.map((tail) => tail.from)}::timestamptz[], ${tails.map((tail) => tail.end.getTime())}::float8[]) AS t(key, from_at, end_ms)
      WHERE d.key = t.key AND abs(extract(epoch FROM d.next_at)::float8 * 1000 - t.end_ms) < 0.5`;
  }

  async pausedPlatforms(): Promise<PlatformPause[]> {
    const rows = await this.prisma.platformPause.findMany({ orderBy: { pausedAt: 'asc' } });
    return rows.map((row) => ({ platform: row.platform, errorClass: row.errorClass, reason: row.reason, pausedAt: row.pausedAt, probeAt: row.probeAt, probes: row.probes }));
  }

  async pause(pause: Omit<PlatformPause, 'probes'>) {
    const done = await this.prisma.platformPause.createMany({ data: [{ ...pause, reason: pause.reason.slice(0, 200) }], skipDuplicates: true });
    return done.count === 1;
  }

  async claimProbe(platform: Platform, now: Date, nextProbeAt: Date) {
    const done = await this.prisma.platformPause.updateMany({ where: { platform, probeAt: { lte: now } }, data: { probeAt: nextProbeAt, probes: { increment: 1 } } });
    return done.count === 1;
  }

  async resume(platform: Platform) {
    const [row] = await this.prisma.$queryRaw<{ paused_at: Date }[]>`DELETE FROM platform_pauses WHERE platform = ${platform}::"Platform" RETURNING paused_at`;
    return row ? { pausedAt: row.paused_at } : null;
  }

  async findUserId(personId: string, platform: Platform, workspaceId: string) {
    const identity = await this.prisma.platformIdentity.findFirst({ where: { personId, platform, workspaceId }, select: { userId: true } });
    return identity?.userId ?? null;
  }

  async findRequestMessage(requestId: string) {
    const request = await this.prisma.request.findUnique({ where: { id: requestId }, select: { messageRef: true } });
    const card = await this.prisma.outboxMessage.findUnique({ where: { idempotencyKey: `request:${requestId}:card` }, select: { state: true } });
    return { ref: isRef(request?.messageRef) ? request.messageRef : null, cardPending: card?.state === 'pending' };
  }

  async saveRequestMessage(requestId: string, ref: MessageRef) {
    await this.prisma.request.update({ where: { id: requestId }, data: { messageRef: ref as object } });
  }

  async findSentMessage(keys: readonly string[]) {
    const rows = await this.prisma.outboxMessage.findMany({ where: { idempotencyKey: { in: [...keys] } }, select: { idempotencyKey: true, state: true, platformRef: true } });
    const sent = keys.map((key) => rows.find((row) => row.idempotencyKey === key && row.state === 'sent' && isRef(row.platformRef))).find(Boolean);
    return { ref: sent && isRef(sent.platformRef) ? sent.platformRef : null, pending: rows.some((row) => row.state === 'pending') };
  }

  async isPending(key: string) {
    return (await this.prisma.outboxMessage.count({ where: { idempotencyKey: key, state: 'pending' } })) > 0;
  }

  async findTimeZone(personId: string) {
    const person = await this.prisma.person.findUnique({ where: { id: personId }, select: { timeZone: true } });
    return person?.timeZone ?? null;
  }

  async findInvitationMessage(invitationId: string) {
    const invitation = await this.prisma.invitation.findUnique({ where: { id: invitationId }, select: { messageRef: true } });
    return isRef(invitation?.messageRef) ? invitation.messageRef : null;
  }
}
