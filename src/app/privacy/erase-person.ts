// Erasure (GDPR art. 17), by the person in chat (after a confirmation) or by an admin on request
// from the CLI. In one transaction: invitations still waiting are withdrawn and their messages
// stopped, open forms closed, every personal field deleted or replaced by a keyed hash, messages
// that named the person edited, and the requests they left ask the next people. What survives:
// counts without a name, and each consent sealed with a keyed hash as proof. A second erasure
// finds nothing to do.
import { z } from 'zod';
import { DomainError } from '../../domain/errors.ts';
import { INVITATION_STATES, PENDING_INVITATION_STATES, transitionInvitation } from '../../domain/invitation-state.ts';
import { invitationMessageKey } from '../../domain/outbox-keys.ts';
import type { AppContext, PersonTraces, Repositories } from '../../ports.ts';
import { inviteCandidates } from '../invite-candidates.ts';
import { requireRole, type Actor } from '../support/actor.ts';
import { channelTranslator } from '../support/messages.ts';
import { msg, parseInput } from '../support/validation.ts';
import { editNamingMessages, namesToScrub, rewriteNaming, type Rewritten } from './erase-messages.ts';
import { consentProof, privacyOf, pseudonymOf } from './support.ts';

export interface ErasureResult {
  /** erased: everything removed; bare: only ids were stored, now deleted; already / nothing: no-op. */
  outcome: 'erased' | 'bare' | 'already' | 'nothing';
  pseudonym: string | null;
  invitationsWithdrawn: number;
  messagesEdited: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const NOTHING: ErasureResult = { outcome: 'nothing', pseudonym: null, invitationsWithdrawn: 0, messagesEdited: 0 };

interface Eraser {
  kind: 'self' | 'admin';
  /** The admin (or "cli") who erased on request; null when the person erased themselves. */
  actorId: string | null;
}

/** Withdraws the invitations still waiting (their unsent messages stopped); returns their requests. */
async function withdrawWaiting(repos: Repositories, personId: string): Promise<string[]> {
  const pending = await repos.invitations.findByPerson(personId, PENDING_INVITATION_STATES);
  for (const invitation of pending) await repos.invitations.update(invitation.id, { state: transitionInvitation(invitation.state, 'withdraw') });
  await repos.outbox.cancelPending(pending.map((invitation) => invitationMessageKey(invitation.id)), 'person erased');
  return pending.map((invitation) => invitation.requestId);
}

async function eraseInTransaction(ctx: AppContext, repos: Repositories, personId: string, by: Eraser): Promise<ErasureResult> {
  const pseudonym = pseudonymOf(privacyOf(ctx).hashKey, personId);
  // Read first, then lock in the store's order: the requests concerned (ascending id), then the person.
  const traces = await repos.privacy.findTraces(personId);
  const texts = namesToScrub(traces);
  const tr = channelTranslator(ctx);
  const placeholder = tr.t('privacy.erasedName');
  const invitations = await repos.invitations.findByPerson(personId, INVITATION_STATES);
  const found = await repos.privacy.findMessagesNaming(texts, invitations.map((invitation) => invitation.id));
  const naming = rewriteNaming(found.filter((row) => row.personId !== personId), texts, placeholder, tr.t('privacy.erasedLine'));
  const waiting = await repos.invitations.findByPerson(personId, PENDING_INVITATION_STATES);
  const requestIds = [...new Set([...waiting.map((row) => row.requestId), ...naming.map((row) => row.requestId).filter((id): id is string => id !== null)])].sort();
  for (const requestId of requestIds) await repos.requests.findByIdForUpdate(requestId);
  const state = await repos.privacy.lockPerson(personId);
  if (!state) return NOTHING;
  if (state.erasedAt) return { ...NOTHING, outcome: 'already' };
  await repos.privacy.deleteMessagesTo(personId, traces.conversationKeys);
  await repos.privacy.forgetTraces(traces, placeholder);
  await repos.privacy.pseudonymiseAudit(personId, pseudonym);
  if (await repos.privacy.deleteBare(personId)) {
    await repos.audit.record({ actorId: by.actorId ?? pseudonym, action: 'person.erased', subjectType: 'person', subjectId: pseudonym, personId: pseudonym, details: { by: by.kind, bare: true } });
    return { ...NOTHING, outcome: 'bare', pseudonym };
  }
  return eraseEverything(ctx, repos, { personId, pseudonym, traces, naming, placeholder }, by);
}

interface Erasure {
  personId: string;
  pseudonym: string;
  traces: PersonTraces;
  naming: Rewritten[];
  placeholder: string;
}

/** Someone who holds more than ids: everything personal goes, counts and sealed consents stay. The person and requests are locked. */
async function eraseEverything(ctx: AppContext, repos: Repositories, erasure: Erasure, by: Eraser): Promise<ErasureResult> {
  const { personId, pseudonym, traces, naming, placeholder } = erasure;
  const now = ctx.clock.now();
  const withdrawnFrom = await withdrawWaiting(repos, personId);
  const subject = traces.email ?? traces.emails[0] ?? traces.firstIdentity ?? personId;
  const consents = await repos.privacy.findConsents(personId);
  await repos.privacy.sealConsents(personId, consents.map((consent) => ({ id: consent.id, proofHash: consentProof(privacyOf(ctx).hashKey, subject, consent) })), now);
  await repos.privacy.closeForms(personId, now);
  await repos.privacy.rewriteCards(naming);
  await repos.privacy.clearInvitationDetails(personId);
  await repos.privacy.deletePersonalRows(personId);
  await repos.privacy.pseudonymisePerson(personId, placeholder, now);
  const messagesEdited = await editNamingMessages(ctx, repos, naming, personId);
  const details = { by: by.kind, invitationsWithdrawn: withdrawnFrom.length, messagesEdited };
  await repos.audit.record({ actorId: by.actorId ?? pseudonym, action: 'person.erased', subjectType: 'person', subjectId: pseudonym, personId: pseudonym, details });
  // The requests whose invitations were withdrawn ask their next people.
  for (const requestId of [...new Set(withdrawnFrom)].sort()) {
    const request = await repos.requests.findById(requestId);
    if (request) await inviteCandidates(ctx, repos, request);
  }
  return { outcome: 'erased', pseudonym, invitationsWithdrawn: withdrawnFrom.length, messagesEdited };
}

/** The person erases themselves; `confirmedFor` is the person id the confirmation button carried. */
export async function eraseMyData(ctx: AppContext, actor: Actor, confirmedFor: string): Promise<ErasureResult> {
  if (confirmedFor !== actor.personId) {
    // A second press after the erasure (the button's person is gone or erased) is a no-op.
    const gone = UUID.test(confirmedFor) && (await ctx.store.transaction(async (repos) => (await repos.privacy.lockPerson(confirmedFor))?.erasedAt !== null));
    if (gone) return { ...NOTHING, outcome: 'already' };
    throw new DomainError('forbidden', 'an erasure is confirmed by the person it is about', { messageKey: 'privacy.erase.notYours' });
  }
  return ctx.store.transaction((repos) => eraseInTransaction(ctx, repos, actor.personId, { kind: 'self', actorId: null }));
}

const emailInput = z.object({ email: z.string({ message: msg('validation.invalidEmail') }).trim().toLowerCase().email(msg('validation.invalidEmail')).max(320) });

/** An admin erases someone on their request, by e-mail (the CLI). Unknown or already erased: nothing to do. */
export async function eraseByEmail(ctx: AppContext, actor: Actor, email: unknown): Promise<ErasureResult> {
  requireRole(actor, 'admin');
  const address = parseInput(emailInput, { email }).email;
  return ctx.store.transaction(async (repos) => {
    const person = (await repos.people.findByEmail(address)) ?? (await repos.people.findByVerifiedEmails([address]))[0] ?? null;
    if (!person) return NOTHING;
    return eraseInTransaction(ctx, repos, person.id, { kind: 'admin', actorId: actor.personId });
  });
}
