// Tops up a request's invitations: keeps `oversample` invitations out per open place, asking
// the best-ranked eligible alumni not yet asked. Used when a request opens, after a decline,
// when invitations expire, and when an invitation is dropped at send time.
import { COMMITTED_INVITATION_STATES, PENDING_INVITATION_STATES } from '../domain/invitation-state.ts';
import { FAIRNESS_WINDOW_DAYS, invitationsToSend, rankCandidates, type MatchRequest } from '../domain/matching.ts';
import { invitationCard } from '../domain/messages/invitation-cards.ts';
import { DAY_MS, HOUR_MS, termOf } from '../domain/time.ts';
import type { AppContext, OutboxEntry, Repositories, RequestRecord } from '../ports.ts';
import { loadView, present, threadEntry, translatorsFor } from './support/messages.ts';
import { invitationMessageKey } from '../domain/outbox-keys.ts';

export function toMatchRequest(request: RequestRecord): MatchRequest {
  return {
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

/** Ranks eligible candidates without writing anything (also used for the shortlist). */
export async function findMatches(ctx: AppContext, repos: Repositories, request: RequestRecord, limit: number) {
  const now = ctx.clock.now();
  const matchRequest = toMatchRequest(request);
  const candidates = await repos.candidates.findCandidates({
    request: matchRequest,
    requestId: request.id,
    now,
    termStart: termOf(now, ctx.settings.timeZone).start,
    fairnessSince: new Date(now.getTime() - FAIRNESS_WINDOW_DAYS * DAY_MS),
    poolSize: Math.max(limit * 10, 200),
    limit,
  });
  return rankCandidates(candidates, matchRequest, now, limit);
}

/** Invites the next candidates if places are open; returns how many were invited. */
export async function inviteCandidates(ctx: AppContext, repos: Repositories, request: RequestRecord): Promise<number> {
  const now = ctx.clock.now();
  if (request.state !== 'open' || request.replyBy <= now) return 0;
  const counts = await repos.invitations.countByState(request.id);
  const committed = COMMITTED_INVITATION_STATES.reduce((sum, state) => sum + counts[state], 0);
  const pending = PENDING_INVITATION_STATES.reduce((sum, state) => sum + counts[state], 0);
  const wanted = invitationsToSend(request.needed, request.oversample, committed, pending);
  if (wanted === 0) return 0;

  const matches = await findMatches(ctx, repos, request, wanted);
  const view = await loadView(repos, request.id);
  const wave = (await repos.invitations.maxWave(request.id)) + 1;
  if (matches.length === 0) {
    if (pending === 0) await repos.outbox.enqueue(present([threadEntry(ctx, request, view, { kind: 'no_more_candidates' }, `wave${wave}`)]));
    return 0;
  }
  const expiresAt = new Date(Math.min(request.replyBy.getTime(), now.getTime() + ctx.settings.waveReplyHours * HOUR_MS));
  const invitations = await repos.invitations.createMany(
    matches.map((match) => ({ requestId: request.id, personId: match.personId, score: match.score, reasons: match.reasons, wave, expiresAt })),
  );
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
  await repos.outbox.enqueue(present([...entries, thread]));
  return invitations.length;
}
