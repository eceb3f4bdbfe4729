// Digest channels and runs on Prisma. A run row per channel × ISO week is taken (unique) in
// the same transaction that writes the digest to the outbox, so a week is posted once however
// many instances try; the figures live in digest-figures.ts.
import type { Locale, Platform } from '../../domain/vocabulary.ts';
import type { DigestChannelInput, DigestChannelRecord, DigestQuery, DigestRepository, DigestRunStatus, HelpTarget } from '../../ports.ts';
import type { Db } from './client.ts';
import { scopeDetails, unitSummaries, weeklyActivity } from './digest-figures.ts';

interface ChannelRow {
  id: string;
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  unit_id: string | null;
  locale: Locale;
  alumni_readable: boolean;
  unit_code: string | null;
  name_nb: string | null;
  name_en: string | null;
  iso_week: string | null;
  delivery: DigestRunStatus['delivery'];
  reason: string | null;
  settled_at: Date | null;
}

function toRecord(row: ChannelRow): DigestChannelRecord {
  return {
    id: row.id,
    platform: row.platform,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    unitId: row.unit_id,
    locale: row.locale,
    alumniReadable: row.alumni_readable,
    unit: row.unit_id ? { id: row.unit_id, code: row.unit_code ?? '', nameNb: row.name_nb ?? '', nameEn: row.name_en ?? '' } : null,
    lastRun: row.iso_week ? { isoWeek: row.iso_week, delivery: row.delivery, reason: row.reason, settledAt: row.settled_at } : null,
  };
}

export class PrismaDigestRepository implements DigestRepository {
  constructor(private readonly db: Db) {}

  async upsertChannel(input: DigestChannelInput) {
    const where = { platform_workspaceId_channelId: { platform: input.platform, workspaceId: input.workspaceId, channelId: input.channelId } };
    const existing = await this.db.digestChannel.findUnique({ where, select: { id: true, active: true } });
    const data = { unitId: input.unitId, locale: input.locale, alumniReadable: input.alumniReadable, active: true };
    const saved = await this.db.digestChannel.upsert({ where, create: { platform: input.platform, workspaceId: input.workspaceId, channelId: input.channelId, ...data }, update: data, select: { id: true } });
    const channel = (await this.channels(saved.id))[0]!;
    return { channel, created: !existing?.active };
  }

  async deactivateChannel(platform: Platform, workspaceId: string, channelId: string) {
    const result = await this.db.digestChannel.updateMany({ where: { platform, workspaceId, channelId, active: true }, data: { active: false } });
    return result.count > 0;
  }

  listChannels() {
    return this.channels(null);
  }

  async findChannelById(id: string) {
    return (await this.channels(id))[0] ?? null;
  }

  async markRunFailed(channelId: string, isoWeek: string) {
    const marked = await this.db.digestRun.updateMany({ where: { digestChannelId: channelId, isoWeek, state: { not: 'failed' } }, data: { state: 'failed' } });
    if (marked.count === 0) return false;
    const before = await this.db.digestRun.findFirst({ where: { digestChannelId: channelId, isoWeek: { lt: isoWeek } }, orderBy: { isoWeek: 'desc' }, select: { state: true } });
    return before?.state !== 'failed';
  }

  /** Active channels (or one channel by id, stopped or not) with their unit and the delivery of their latest run. */
  private async channels(id: string | null): Promise<DigestChannelRecord[]> {
    const rows = await this.db.$queryRaw<ChannelRow[]>`
      SELECT c.id, c.platform::text AS platform, c.workspace_id, c.channel_id, c.unit_id, c.locale::text AS locale, c.alumni_readable,
             u.code AS unit_code, u.name_nb, u.name_en, run.iso_week, o.state::text AS delivery, o.last_error AS reason, o.updated_at AS settled_at
      FROM digest_channels c
      LEFT JOIN units u ON u.id = c.unit_id
      LEFT JOIN LATERAL (SELECT r.iso_week FROM digest_runs r WHERE r.digest_channel_id = c.id ORDER BY r.claimed_at DESC LIMIT 1) run ON true
      -- the main card's outbox row (key as in domain/digest/digest-keys.ts)
      LEFT JOIN outbox_messages o ON o.idempotency_key = 'digest:' || c.id || ':' || run.iso_week || ':card'
      WHERE (${id}::uuid IS NULL AND c.active OR c.id = ${id}::uuid)
      ORDER BY c.platform, u.code NULLS FIRST, c.channel_id`;
    return rows.map(toRecord);
  }

  async unitWithDescendants(unitId: string) {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE tree AS (SELECT id FROM units WHERE id = ${unitId}::uuid UNION SELECT u.id FROM units u JOIN tree t ON u.parent_id = t.id)
      SELECT id FROM tree`;
    return rows.map((row) => row.id);
  }

  async claimRun(channelId: string, isoWeek: string, now: Date) {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      INSERT INTO digest_runs (id, digest_channel_id, iso_week, state, claimed_at)
      VALUES (gen_random_uuid(), ${channelId}::uuid, ${isoWeek}, 'claimed', ${now})
      ON CONFLICT (digest_channel_id, iso_week) DO NOTHING RETURNING id`;
    return rows[0]?.id ?? null;
  }

  async markRunPosted(runId: string, summary: unknown, now: Date) {
    await this.db.digestRun.update({ where: { id: runId }, data: { state: 'posted', postedAt: now, summary: summary as object } });
  }

  unitSummaries() {
    return unitSummaries(this.db);
  }

  weeklyActivity(boundaries: readonly Date[]) {
    return weeklyActivity(this.db, boundaries);
  }

  scopeDetails(query: DigestQuery) {
    return scopeDetails(this.db, query);
  }

  async setThanksByName(personId: string, value: boolean) {
    await this.db.alumnusProfile.updateMany({ where: { personId }, data: { thanksByName: value } });
  }

  async findThanksByName(personId: string) {
    const profile = await this.db.alumnusProfile.findUnique({ where: { personId }, select: { thanksByName: true } });
    return profile?.thanksByName ?? false;
  }

  async findHelpTarget(requestId: string): Promise<HelpTarget | null> {
    const request = await this.db.request.findUnique({ where: { id: requestId }, select: { id: true, title: true, type: true, state: true, ownerId: true, needed: true } });
    if (!request) return null;
    const committed = await this.db.invitation.count({ where: { requestId, state: { in: ['accepted', 'confirmed'] } } });
    return { ...request, committed };
  }

  async hasInvitation(requestId: string, personId: string) {
    return (await this.db.invitation.count({ where: { requestId, personId } })) > 0;
  }
}
