// The request state machine. draft → open → filled → completed → closed; a filled request
// opens again when someone who said yes withdraws; an open request whose engagement has ended
// completes too (with the people it got); cancelled from any state still open for business.
// Anything else is refused with a typed error. README: "The life of a request" draws it.
import { DomainError } from './errors.ts';

export const REQUEST_STATES = ['draft', 'open', 'filled', 'completed', 'closed', 'cancelled'] as const;
export type RequestState = (typeof REQUEST_STATES)[number];
export type RequestEvent = 'open' | 'fill' | 'reopen' | 'complete' | 'close' | 'cancel';

const TRANSITIONS: Record<RequestState, Partial<Record<RequestEvent, RequestState>>> = {
  draft: { open: 'open', cancel: 'cancelled' },
  open: { fill: 'filled', complete: 'completed', cancel: 'cancelled' },
  filled: { reopen: 'open', complete: 'completed', cancel: 'cancelled' },
  completed: { close: 'closed' },
  closed: {},
  cancelled: {},
};

export function canTransitionRequest(from: RequestState, event: RequestEvent): boolean {
  return TRANSITIONS[from][event] !== undefined;
}

export function transitionRequest(from: RequestState, event: RequestEvent): RequestState {
  const to = TRANSITIONS[from][event];
  if (!to) {
    throw new DomainError('illegal_transition', `a ${from} request cannot ${event}`, { params: { from, event } });
  }
  return to;
}

/** States in which the request still takes answers from alumni. */
export function isAcceptingAnswers(state: RequestState): boolean {
  return state === 'open';
}

/** States in which people who said yes may still withdraw, and the owner may still decide. */
export function isUnderWay(state: RequestState): boolean {
  return state === 'open' || state === 'filled';
}
