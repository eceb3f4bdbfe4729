// The invitation state machine: queued → sent → accepted / declined / expired / withdrawn,
// and accepted → confirmed. Queued and sent invitations are withdrawn when the request fills
// or is cancelled, or consent goes away before sending; accepted and confirmed ones when the
// request is cancelled or the alumnus withdraws their yes. README: "The life of an invitation".
import { DomainError } from './errors.ts';

export const INVITATION_STATES = ['queued', 'sent', 'accepted', 'declined', 'expired', 'withdrawn', 'confirmed'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];
export type InvitationEvent = 'send' | 'accept' | 'decline' | 'expire' | 'withdraw' | 'confirm';

const TRANSITIONS: Record<InvitationState, Partial<Record<InvitationEvent, InvitationState>>> = {
  // A button press on a message proves it was delivered, even if the send was not recorded yet.
  queued: { send: 'sent', withdraw: 'withdrawn', expire: 'expired', accept: 'accepted', decline: 'declined' },
  sent: { accept: 'accepted', decline: 'declined', expire: 'expired', withdraw: 'withdrawn' },
  accepted: { confirm: 'confirmed', withdraw: 'withdrawn' },
  declined: {},
  expired: {},
  withdrawn: {},
  confirmed: { withdraw: 'withdrawn' },
};

export function transitionInvitation(from: InvitationState, event: InvitationEvent): InvitationState {
  const to = TRANSITIONS[from][event];
  if (!to) {
    const code = from === 'sent' || from === 'queued' ? 'illegal_transition' : 'already_answered';
    throw new DomainError(code, `a ${from} invitation cannot ${event}`, { params: { from, event } });
  }
  return to;
}

/** Waiting for an answer. */
export const PENDING_INVITATION_STATES: readonly InvitationState[] = ['queued', 'sent'];
/** Said yes (and perhaps confirmed): counts towards `needed`. */
export const COMMITTED_INVITATION_STATES: readonly InvitationState[] = ['accepted', 'confirmed'];

export const isPendingInvitation = (state: InvitationState): boolean => PENDING_INVITATION_STATES.includes(state);
export const isCommittedInvitation = (state: InvitationState): boolean => COMMITTED_INVITATION_STATES.includes(state);
