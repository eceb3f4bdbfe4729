import type { Invitation } from '../../generated/prisma/client.ts';
import { INVITATION_STATES, type InvitationState } from '../../domain/invitation-state.ts';
import type { MatchReason } from '../../domain/matching.ts';
import type { InvitationCounts, InvitationPatch, InvitationRecord, InvitationRepository } from '../../ports.ts';
import type { Db } from './client.ts';

function toInvitation(row: Invitation): InvitationRecord {
  return {
    id: row.id,
    requestId: row.requestId,
    personId: row.personId,
    score: row.score,
    reasons: row.reasons as unknown as MatchReason[],
    wave: row.wave,
    state: row.state,
    sentAt: row.sentAt,
    answeredAt: row.answeredAt,
    confirmedAt: row.confirmedAt,
    expiresAt: row.expiresAt,
  };
}

export class PrismaInvitationRepository implements InvitationRepository {
  constructor(private readonly db: Db) {}

  async createMany(rows: Parameters<InvitationRepository['createMany']>[0]) {
    if (rows.length === 0) return [];
    const created = await this.db.invitation.createManyAndReturn({
      data: rows.map((row) => ({ ...row, reasons: row.reasons as unknown as object })),
    });
    return created.map(toInvitation);
  }

  async findById(id: string) {
    const row = await this.db.invitation.findUnique({ where: { id } });
    return row && toInvitation(row);
  }

  async findByRequest(requestId: string, states?: readonly InvitationState[]) {
    const rows = await this.db.invitation.findMany({
      where: { requestId, ...(states ? { state: { in: [...states] } } : {}) },
      orderBy: [{ wave: 'asc' }, { score: 'desc' }, { personId: 'asc' }],
    });
    return rows.map(toInvitation);
  }

  async findByPerson(personId: string, states: readonly InvitationState[]) {
    const rows = await this.db.invitation.findMany({ where: { personId, state: { in: [...states] } }, orderBy: { createdAt: 'desc' } });
    return rows.map(toInvitation);
  }

  async findExpired(now: Date, limit: number) {
    const rows = await this.db.invitation.findMany({
      where: { state: { in: ['sent', 'queued'] }, expiresAt: { lte: now }, request: { state: 'open' } },
      orderBy: { expiresAt: 'asc' },
      take: limit,
    });
    return rows.map(toInvitation);
  }

  async update(id: string, patch: InvitationPatch) {
    const { messageRef, ...rest } = patch;
    const data = messageRef === undefined ? rest : { ...rest, messageRef: messageRef as object };
    return toInvitation(await this.db.invitation.update({ where: { id }, data }));
  }

  async countByState(requestId: string): Promise<InvitationCounts> {
    const groups = await this.db.invitation.groupBy({ by: ['state'], where: { requestId }, _count: { _all: true } });
    const counts = Object.fromEntries(INVITATION_STATES.map((state) => [state, 0])) as InvitationCounts;
    for (const group of groups) counts[group.state] = group._count._all;
    return counts;
  }

  async maxWave(requestId: string) {
    const result = await this.db.invitation.aggregate({ where: { requestId }, _max: { wave: true } });
    return result._max.wave ?? 0;
  }
}
