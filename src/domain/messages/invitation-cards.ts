// What an alumnus sees in their direct messages: the invitation with its buttons, and the
// same message after it was answered, filled or cancelled (updated in place).
import { card, textCard, type Card } from '../cards.ts';
import type { Translator } from '../i18n/translator.ts';
import type { MatchReason } from '../matching.ts';
import { describeReasons } from './reasons.ts';
import { requestFacts } from './request-card.ts';
import { nameIn, type RequestView } from './request-view.ts';

export function invitationCard(invitationId: string, view: RequestView, reasons: readonly MatchReason[], tr: Translator): Card {
  return card({
    title: tr.t('invitation.title', { title: view.title }),
    text: [
      tr.t('invitation.intro', { owner: view.ownerName, unit: nameIn(view.unit, tr.locale), type: tr.t(`requestType.${view.type}`).toLowerCase() }),
      tr.t('invitation.why', { reasons: describeReasons(reasons, tr) }),
      tr.t('invitation.replyBy', { date: tr.date(view.replyBy) }),
    ].join('\n\n'),
    facts: requestFacts(view, tr),
    actions: [
      { id: 'invitation_accept', label: tr.t('invitation.buttons.accept'), value: invitationId, style: 'primary' },
      { id: 'invitation_decline', label: tr.t('invitation.buttons.decline'), value: invitationId },
      { id: 'invitation_more', label: tr.t('invitation.buttons.more'), value: invitationId },
    ],
  });
}

/** The answer to "Tell me more": the full description and facts, buttons kept. */
export function invitationDetailsCard(invitationId: string, view: RequestView, tr: Translator): Card {
  return card({
    title: tr.t('invitation.details'),
    text: `${view.title}\n\n${view.description}`,
    facts: requestFacts(view, tr),
    actions: [
      { id: 'invitation_accept', label: tr.t('invitation.buttons.accept'), value: invitationId, style: 'primary' },
      { id: 'invitation_decline', label: tr.t('invitation.buttons.decline'), value: invitationId },
    ],
  });
}

export type InvitationOutcome =
  | { kind: 'accepted' }
  | { kind: 'declined' }
  | { kind: 'expired' }
  | { kind: 'confirmed' }
  | { kind: 'filled' }
  | { kind: 'cancelled'; reason: string | null }
  /** The alumnus withdrew their yes. */
  | { kind: 'withdrew' }
  /** Withdrawn for another reason (consent withdrawn, could not be delivered). */
  | { kind: 'closed' };

function outcomeText(outcome: InvitationOutcome, view: RequestView, tr: Translator): string {
  switch (outcome.kind) {
    case 'accepted':
      return tr.t('invitation.accepted', { owner: view.ownerName });
    case 'declined':
      return tr.t('invitation.declined');
    case 'expired':
      return tr.t('invitation.expired');
    case 'confirmed':
      return tr.t('invitation.confirmed', { title: view.title, owner: view.ownerName });
    case 'filled':
      return tr.t('invitation.withdrawnFilled');
    case 'cancelled':
      return outcome.reason ? tr.t('invitation.withdrawnCancelled', { reason: outcome.reason }) : tr.t('invitation.withdrawnNoReason');
    case 'withdrew':
      return tr.t('lifecycle.alumnus.withdrawn', { owner: view.ownerName });
    case 'closed':
      return tr.t('lifecycle.alumnus.closed');
  }
}

/** The invitation message after its outcome: title kept, buttons gone. */
export function invitationOutcomeCard(outcome: InvitationOutcome, view: RequestView, tr: Translator): Card {
  return card({ title: tr.t('invitation.title', { title: view.title }), text: outcomeText(outcome, view, tr) });
}

export function plainOutcome(outcome: InvitationOutcome, view: RequestView, tr: Translator): Card {
  return textCard(outcomeText(outcome, view, tr));
}
