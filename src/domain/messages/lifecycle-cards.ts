// Messages that change as a request and its invitations move on, rendered from the current
// state whenever they are sent: the alumnus' invitation, the owner's "X said yes" notice, and
// the owner's decisions when a deadline passes or nobody is left to ask. Also the one-off
// notes to people who said yes (deadline passed, cancelled, going ahead).
import { card, type Card, type CardAction } from '../cards.ts';
import type { Translator } from '../i18n/translator.ts';
import type { InvitationState } from '../invitation-state.ts';
import type { MatchReason } from '../matching.ts';
import { isUnderWay } from '../request-state.ts';
import { invitationCard, invitationOutcomeCard, type InvitationOutcome } from './invitation-cards.ts';
import type { RequestView } from './request-view.ts';
import { acceptedNoticeCard } from './staff-cards.ts';

export interface InvitationSnapshot {
  id: string;
  state: InvitationState;
  answeredAt: Date | null;
  reasons: readonly MatchReason[];
}

/** Why a withdrawn invitation was withdrawn, read from what is stored. */
function withdrawnOutcome(invitation: InvitationSnapshot, view: RequestView): InvitationOutcome {
  if (view.state === 'cancelled') return { kind: 'cancelled', reason: view.cancelReason };
  if (invitation.answeredAt !== null) return { kind: 'withdrew' };
  if (view.state !== 'open' && view.state !== 'draft') return { kind: 'filled' };
  return { kind: 'closed' };
}

export function outcomeOf(invitation: InvitationSnapshot, view: RequestView): InvitationOutcome | null {
  switch (invitation.state) {
    case 'queued':
    case 'sent':
      return null;
    case 'accepted':
    case 'confirmed':
    case 'declined':
    case 'expired':
      return { kind: invitation.state };
    case 'withdrawn':
      return withdrawnOutcome(invitation, view);
  }
}

/** The alumnus' invitation message as it should look now. */
export function invitationMessage(invitation: InvitationSnapshot, view: RequestView, tr: Translator): Card {
  const outcome = outcomeOf(invitation, view);
  if (outcome === null) return invitationCard(invitation.id, view, invitation.reasons, tr);
  const shown = invitationOutcomeCard(outcome, view, tr);
  const committed = invitation.state === 'accepted' || invitation.state === 'confirmed';
  if (!committed || !isUnderWay(view.state)) return shown;
  return card({ ...shown, actions: [{ id: 'invitation_withdraw', label: tr.t('lifecycle.alumnus.withdrawButton'), value: invitation.id, style: 'danger' }] });
}

/** The owner's notice that someone said yes: Confirm while there is something to confirm and the request is under way. */
export function ownerNoticeMessage(invitation: InvitationSnapshot, name: string, view: RequestView, tr: Translator): Card {
  const live = acceptedNoticeCard(invitation.id, name, view, tr);
  if (view.state === 'cancelled') return card({ title: live.title, text: tr.t('lifecycle.owner.cancelledNotice', { title: view.title }) });
  if (invitation.state === 'accepted') return isUnderWay(view.state) ? live : card({ title: live.title, text: live.text });
  if (invitation.state === 'confirmed') {
    const held: CardAction[] = isUnderWay(view.state) ? [{ id: 'request_complete', label: tr.t('forms.markHeldButton'), value: view.id }] : [];
    return card({ title: live.title, text: tr.t('lifecycle.owner.confirmedNotice', { name, title: view.title }), actions: held });
  }
  return card({ title: live.title, text: tr.t('lifecycle.owner.withdrawnNotice', { name, title: view.title }) });
}

export type DecisionReason = 'deadline' | 'exhausted';

/** "Keep asking" names the deadline it moves, so a press on an old notice cannot move it twice. */
export function extendValue(requestId: string, replyBy: Date): string {
  return `${requestId}@${replyBy.getTime()}`;
}

export function parseExtendValue(value: string): { requestId: string; replyBy: number | null } {
  const [requestId = '', at] = value.split('@');
  return { requestId, replyBy: at === undefined || !/^\d+$/.test(at) ? null : Number(at) };
}

/** The owner's choices when the deadline passed or nobody is left: more time, go ahead, cancel. */
export function decisionActions(view: RequestView, tr: Translator, reason: DecisionReason): CardAction[] {
  const actions: CardAction[] = [];
  if (reason === 'deadline') actions.push({ id: 'request_extend', label: tr.t('lifecycle.owner.buttons.extend'), value: extendValue(view.id, view.replyBy), style: 'primary' });
  if (view.committed > 0 && view.committed < view.needed) {
    actions.push({ id: 'request_lower', label: tr.t('lifecycle.owner.buttons.lower', { count: view.committed }), value: view.id });
  }
  actions.push({ id: 'request_cancel', label: tr.t('lifecycle.owner.buttons.cancel'), value: view.id, style: 'danger' });
  return actions;
}

const progress = (view: RequestView) => ({ accepted: view.committed, needed: view.needed });

export function deadlineOwnerCard(view: RequestView, tr: Translator): Card {
  const text = view.committed > 0 ? tr.t('lifecycle.owner.deadlineText', progress(view)) : tr.t('lifecycle.owner.deadlineTextNone');
  return card({ title: tr.t('lifecycle.owner.deadlineTitle', { title: view.title }), text, actions: decisionActions(view, tr, 'deadline') });
}

export function exhaustedOwnerCard(view: RequestView, tr: Translator): Card {
  const text = view.committed > 0 ? tr.t('lifecycle.owner.exhaustedText', progress(view)) : tr.t('lifecycle.owner.exhaustedTextNone');
  return card({ title: tr.t('lifecycle.owner.exhaustedTitle', { title: view.title }), text, actions: decisionActions(view, tr, 'exhausted') });
}

/**
 * What happens after someone withdrew: the next person is asked, others are still out, nobody is
 * left, or the deadline passed. The last two come with their own notice and its buttons.
 */
export type AfterWithdrawal = 'asking' | 'waiting' | 'nobody' | 'deadline';

const WITHDREW_TEXT: Record<AfterWithdrawal, string> = {
  asking: 'lifecycle.owner.withdrewAsking',
  waiting: 'lifecycle.owner.withdrewWaiting',
  nobody: 'lifecycle.owner.withdrewNobody',
  deadline: 'lifecycle.owner.withdrewDeadline',
};

export function withdrewOwnerCard(name: string, view: RequestView, tr: Translator, next: AfterWithdrawal): Card {
  return card({
    title: tr.t('lifecycle.owner.withdrewTitle', { name, title: view.title }),
    text: tr.t(WITHDREW_TEXT[next], progress(view)),
  });
}

/** To those who said yes, when the deadline passed with places still open. */
export function deadlineContributorCard(view: RequestView, tr: Translator): Card {
  return card({ title: tr.t('lifecycle.alumnus.deadlineTitle', { title: view.title }), text: tr.t('lifecycle.alumnus.deadlineText', { ...progress(view), owner: view.ownerName }) });
}

/** To those who said yes (confirmed or not), when the request is cancelled: a new message, so they notice. */
export function cancelledContributorCard(view: RequestView, tr: Translator): Card {
  const text = view.cancelReason ? tr.t('lifecycle.alumnus.cancelledText', { reason: view.cancelReason }) : tr.t('lifecycle.alumnus.cancelledTextNoReason');
  return card({ title: tr.t('lifecycle.alumnus.cancelledTitle', { title: view.title }), text });
}

/** To those who said yes, when the owner goes ahead with fewer people than first asked for. */
export function goesAheadCard(view: RequestView, tr: Translator): Card {
  return card({ title: tr.t('lifecycle.alumnus.goesAheadTitle', { title: view.title }), text: tr.t('lifecycle.alumnus.goesAheadText', { owner: view.ownerName }) });
}
