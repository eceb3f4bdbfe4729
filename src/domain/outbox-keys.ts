// Idempotency keys of outgoing messages, written in one place and read in one place. A key says
// what a message is; for the messages that change (an invitation, the request card, the owner's
// notice with its Confirm button) it also says which live view renders it at send time.

export function invitationMessageKey(invitationId: string): string {
  return `invitation:${invitationId}:invite`;
}

/** The invitation an invitation message is about, or null for any other key. */
export function invitationIdOfKey(key: string): string | null {
  const match = /^invitation:([^:]+):invite$/.exec(key);
  return match ? match[1]! : null;
}

/** Every later edit of an invitation's message goes through this one (coalesced) row. */
export const invitationUpdateKey = (invitationId: string) => `invitation:${invitationId}:update`;
/** The owner's "X said yes" notice with its Confirm button, and its edits. */
export const ownerNoticeKey = (invitationId: string) => `invitation:${invitationId}:owner-notice`;
export const ownerNoticeUpdateKey = (invitationId: string) => `invitation:${invitationId}:owner-notice:update`;
export const requestCardKey = (requestId: string) => `request:${requestId}:card`;
export const requestCardUpdateKey = (requestId: string) => `request:${requestId}:card-update`;
/** A direct message to a request's owner that asks them to decide (deadline passed, nobody left). */
export const ownerDecisionKey = (requestId: string, what: string) => `request:${requestId}:owner:${what}`;
export const ownerWithdrawnKey = (invitationId: string) => `invitation:${invitationId}:owner-withdrawn`;
/** The one reminder before the wave moves on (src/app/send-reminders.ts), rendered at send time. */
export const invitationReminderKey = (invitationId: string) => `invitation:${invitationId}:reminder`;

/** Where an owner's message goes when it cannot reach them directly: the request's thread. */
export const threadFallbackKey = (key: string) => `${key}:thread`;

/** A message to the request's owner that may fall back to the request's thread. */
export function isOwnerMessageKey(key: string): boolean {
  return /^invitation:[^:]+:owner-(notice|withdrawn)$/.test(key) || /^request:[^:]+:(owner:.+|shortlist)$/.test(key);
}

export type LiveView =
  | { view: 'invitation'; invitationId: string }
  | { view: 'owner_notice'; invitationId: string }
  | { view: 'request_card'; requestId: string }
  | { view: 'reminder'; invitationId: string };

/** The live view that renders this message from the current state, or null for a fixed message. */
export function liveViewOfKey(key: string): LiveView | null {
  let match = /^invitation:([^:]+):(invite|update)$/.exec(key);
  if (match) return { view: 'invitation', invitationId: match[1]! };
  match = /^invitation:([^:]+):owner-notice(:thread|:update)?$/.exec(key);
  if (match) return { view: 'owner_notice', invitationId: match[1]! };
  match = /^request:([^:]+):(card|card-update)$/.exec(key);
  if (match) return { view: 'request_card', requestId: match[1]! };
  match = /^invitation:([^:]+):reminder$/.exec(key);
  if (match) return { view: 'reminder', invitationId: match[1]! };
  return null;
}
