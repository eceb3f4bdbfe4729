// Tops up a request's invitations: keeps `oversample` invitations out per open place, asking
// the best-ranked eligible alumni not yet asked. Used when a request opens, after a decline,
// when invitations expire, and when an invitation is dropped at send time.
import { COMMITTED_INVITATION_STATES, PENDING_INVITATION_STATES } from '../domain/invitation-state.ts';
import { FAIRNESS_WINDOW_DAYS, invitationsToSend, rankCandidates, type Match, type MatchRequest } from '../domain/matching.ts';
import { invitationCard } from '../domain/messages/invitation-cards.ts';
import { DAY_MS, HOUR_MS, termOf } from '../domain/time.ts';
import type { AppContext, CandidateQuery, InvitationRecord, OutboxEntry, Repositories, RequestRecord } from '../ports.ts';
import { loadView, present, threadEntry, translatorsFor } from './support/messages.ts';
import { invitationMessageKey } from '../domain/outbox-keys.ts';
import { announceNobodyLeft } from './support/next-wave.ts';

export function toMatchRequest(request: RequestRecord): MatchRequest {
  return {
    seed: request.id,
    type: request.type,
    unitId: request.unitId,
    programmeId: request.programmeId,
    expertise: request.expertise,
    format: request.format,
    language: request.language,
    startsAt: request.startsAt,
    endsAt: request.endsAt,
  };
}

function candidateQuery(ctx: AppContext, request: RequestRecord, limit: number): CandidateQuery {
  const now = ctx.clock.now();
  return {
    request: toMatchRequest(request),
    requestId: request.id,
    now,
    termStart: termOf(now, ctx.settings.timeZone).start,
    fairnessSince: new Date(now.getTime() - FAIRNESS_WINDOW_DAYS * DAY_MS),
    poolSize: Math.max(limit * 10, 200),
    limit,
  };
}

/** Ranks eligible candidates without writing anything (also used for the shortlist). */
export async function findMatches(ctx: AppContext, repos: Repositories, request: RequestRecord, limit: number): Promise<Match[]> {
  const query = candidateQuery(ctx, request, limit);
  const candidates = await repos.candidates.findCandidates(query);
  return rankCandidates(candidates, query.request, query.now, limit);
}

/** How many times matching is repeated when people were taken by a concurrent request meanwhile. */
const RESERVE_ROUNDS = 3;

/**
 * Creates invitations for the best `wanted` matches. Each person's lock is taken first and the
 * hard filters are checked again under it, so the per-term cap holds even when several requests
 * match the same people at once; whoever was taken meanwhile is replaced by the next match.
 */
async function inviteBest(ctx: AppContext, repos: Repositories, request: RequestRecord, wanted: number, wave: number): Promise<InvitationRecord[]> {
  const now = ctx.clock.now();
  const expiresAt = new Date(Math.min(request.replyBy.getTime(), now.getTime() + ctx.settings.waveReplyHours * HOUR_MS));
  const invited: InvitationRecord[] = [];
  for (let round = 0; round < RESERVE_ROUNDS && invited.length < wanted; round += 1) {
    const matches = await findMatches(ctx, repos, request, wanted - invited.length);
    if (matches.length === 0) break;
    const free = await repos.candidates.reserve(candidateQuery(ctx, request, matches.length), matches.map((match) => match.personId));
    const kept = matches.filter((match) => free.has(match.personId));
    invited.push(
      ...(await repos.invitations.createMany(
        kept.map((match) => ({ requestId: request.id, personId: match.personId, score: match.score, reasons: match.reasons, wave, expiresAt })),
      )),
    );
    if (kept.length === matches.length) break;
  }
  return invited;
}

/**
 * Invites the next candidates if places are open; returns how many were invited. With
 * `announce: false` the caller writes the thread lines itself (see support/next-wave.ts).
 */
export async function inviteCandidates(ctx: AppContext, repos: Repositories, request: RequestRecord, options: { announce?: boolean } = {}): Promise<number> {
  const now = ctx.clock.now();
  if (request.state !== 'open' || request.replyBy <= now) return 0;
  const counts = await repos.invitations.countByState(request.id);
  const committed = COMMITTED_INVITATION_STATES.reduce((sum, state) => sum + counts[state], 0);
  const pending = PENDING_INVITATION_STATES.reduce((sum, state) => sum + counts[state], 0);
  const wanted = invitationsToSend(request.needed, request.oversample, committed, pending);
  if (wanted === 0) return 0;

  const view = await loadView(repos, request.id);
  const wave = (await repos.invitations.maxWave(request.id)) + 1;
  const invitations = await inviteBest(ctx, repos, request, wanted, wave);
  if (invitations.length === 0) {
    if (pending === 0 && options.announce !== false) await announceNobodyLeft(ctx, repos, request, view, wave);
    return 0;
  }
  const translators = await translatorsFor(ctx, repos, invitations.map((invitation) => invitation.personId));
  const entries: OutboxEntry[] = invitations.map((invitation) => ({
    idempotencyKey: invitationMessageKey(invitation.id),
    kind: 'invitation',
    address: { kind: 'person', personId: invitation.personId },
    card: invitationCard(invitation.id, view, invitation.reasons, translators.get(invitation.personId)!),
    personId: invitation.personId,
    requestId: request.id,
  }));
  const thread = threadEntry(ctx, request, view, { kind: 'invited', count: invitations.length }, `wave${wave}`);
  await repos.outbox.enqueue(present([...entries, options.announce === false ? null : thread]));
  return invitations.length;
}
