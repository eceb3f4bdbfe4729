import type { Request } from '../../generated/prisma/client.ts';
import type { RequestView } from '../../domain/messages/request-view.ts';
import type { RequestType } from '../../domain/vocabulary.ts';
import type { ChannelRef, RequestData, RequestPatch, RequestRecord, RequestRepository } from '../../ports.ts';
import type { Db } from './client.ts';

function toRequest(row: Request): RequestRecord {
  const channel: ChannelRef | null =
    row.channelPlatform && row.channelWorkspaceId && row.channelId
      ? { platform: row.channelPlatform, workspaceId: row.channelWorkspaceId, channelId: row.channelId }
      : null;
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    description: row.description,
    unitId: row.unitId,
    programmeId: row.programmeId,
    course: row.course,
    expertise: row.expertise,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    format: row.format,
    language: row.language,
    needed: row.needed,
    replyBy: row.replyBy,
    reviewShortlist: row.reviewShortlist,
    oversample: row.oversample,
    ownerId: row.ownerId,
    state: row.state,
    cancelReason: row.cancelReason,
    channel,
    deadlineNoticeFor: row.deadlineNoticeFor,
    firstWaveDueAt: row.firstWaveDueAt,
    firstWaveAttempts: row.firstWaveAttempts,
  };
}

export class PrismaRequestRepository implements RequestRepository {
  constructor(private readonly db: Db) {}

  async create(data: RequestData & { ownerId: string; channel: ChannelRef | null; firstWaveDueAt?: Date | null }) {
    const { channel, ...fields } = data;
    const row = await this.db.request.create({
      data: { ...fields, channelPlatform: channel?.platform ?? null, channelWorkspaceId: channel?.workspaceId ?? null, channelId: channel?.channelId ?? null },
    });
    return toRequest(row);
  }

  async findById(id: string) {
    const row = await this.db.request.findUnique({ where: { id } });
    return row && toRequest(row);
  }

  async findByIdForUpdate(id: string) {
    const locked = await this.db.$queryRaw<{ id: string }[]>`SELECT id FROM requests WHERE id = ${id}::uuid FOR UPDATE`;
    return locked.length === 0 ? null : this.findById(id);
  }

  async update(id: string, patch: RequestPatch) {
    return toRequest(await this.db.request.update({ where: { id }, data: patch }));
  }

  async findView(id: string): Promise<RequestView | null> {
    const row = await this.db.request.findUnique({
      where: { id },
      include: {
        unit: { select: { nameNb: true, nameEn: true } },
        programme: { select: { nameNb: true, nameEn: true } },
        owner: { select: { displayName: true } },
        _count: { select: { invitations: { where: { state: { in: ['accepted', 'confirmed'] } } } } },
      },
    });
    if (!row) return null;
    return {
      id: row.id,
      title: row.title,
      type: row.type,
      description: row.description,
      unit: { nb: row.unit.nameNb, en: row.unit.nameEn },
      programme: row.programme ? { nb: row.programme.nameNb, en: row.programme.nameEn } : null,
      course: row.course,
      expertise: row.expertise,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      format: row.format,
      needed: row.needed,
      replyBy: row.replyBy,
      ownerName: row.owner.displayName,
      state: row.state,
      cancelReason: row.cancelReason,
      committed: row._count.invitations,
    };
  }

  async findByOwner(ownerId: string, limit: number) {
    const rows = await this.db.request.findMany({ where: { ownerId }, orderBy: { createdAt: 'desc' }, take: limit });
    return rows.map(toRequest);
  }

  async findFilledEndedBefore(now: Date, limit: number) {
    const rows = await this.db.request.findMany({
      where: { state: 'filled', OR: [{ endsAt: { lte: now } }, { endsAt: null, startsAt: { lte: now } }] },
      select: { id: true },
      orderBy: { startsAt: 'asc' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  async findUnderWayEndedBefore(now: Date, limit: number) {
    const rows = await this.db.request.findMany({
      where: { state: { in: ['open', 'filled'] }, OR: [{ endsAt: { lte: now } }, { endsAt: null, startsAt: { lte: now } }] },
      select: { id: true },
      orderBy: { startsAt: 'asc' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  async findPastDeadlineUntold(now: Date, limit: number) {
    const rows = await this.db.$queryRaw<{ id: string }[]>`
      SELECT id FROM requests
      WHERE state = 'open' AND reply_by <= ${now} AND deadline_notice_for IS DISTINCT FROM reply_by
      ORDER BY reply_by, id LIMIT ${limit}`;
    return rows.map((row) => row.id);
  }

  async findOpenIdsOfTypes(types: readonly RequestType[], now: Date, limit: number) {
    const rows = await this.db.request.findMany({ where: { state: 'open', type: { in: [...types] }, replyBy: { gt: now } }, select: { id: true }, orderBy: { id: 'asc' }, take: limit });
    return rows.map((row) => row.id);
  }

  async findFirstWaveDue(dueBefore: Date, limit: number) {
    const rows = await this.db.request.findMany({ where: { firstWaveDueAt: { lte: dueBefore } }, select: { id: true }, orderBy: [{ firstWaveDueAt: 'asc' }, { id: 'asc' }], take: limit });
    return rows.map((row) => row.id);
  }

  countOpen() {
    return this.db.request.count({ where: { state: 'open' } });
  }

  async findOpenIds() {
    const rows = await this.db.request.findMany({ where: { state: 'open' }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    return rows.map((row) => row.id);
  }
}
