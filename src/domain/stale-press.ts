// A button pressed on a message that no longer shows the current state (an old invitation, a
// notice already acted on) changes nothing and gets an answer written for the presser's role:
// the alumnus hears about their invitation, the owner about their request.
import type { InvitationState } from './invitation-state.ts';
import type { RequestState } from './request-state.ts';

/** The catalog key that answers an alumnus' press on an invitation no longer open; null when it is open. */
export function staleAlumnusKey(invitation: InvitationState, request: RequestState): string | null {
  switch (invitation) {
    case 'accepted':
    case 'confirmed':
    case 'declined':
    case 'expired':
      return `lifecycle.stale.${invitation}`;
    case 'withdrawn':
      if (request === 'cancelled') return 'lifecycle.stale.cancelled';
      return request === 'open' || request === 'draft' ? 'lifecycle.stale.withdrawn' : 'lifecycle.stale.filled';
    case 'queued':
    case 'sent':
      if (request === 'open') return null;
      if (request === 'cancelled') return 'lifecycle.stale.cancelled';
      return request === 'filled' ? 'lifecycle.stale.filled' : 'lifecycle.stale.over';
  }
}

/** The catalog key that answers an owner's Confirm on someone who is not waiting for it; null when they are. */
export function staleConfirmKey(invitation: InvitationState, request: RequestState): string | null {
  if (request === 'cancelled') return 'lifecycle.stale.ownerCancelled';
  if (invitation === 'accepted') return null;
  if (invitation === 'confirmed') return 'lifecycle.stale.ownerConfirmed';
  return 'lifecycle.stale.ownerWithdrawn';
}
