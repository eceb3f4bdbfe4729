// The idempotency key of an invitation's message, written in one place and read in one place.

export function invitationMessageKey(invitationId: string): string {
  return `invitation:${invitationId}:invite`;
}

/** The invitation an invitation message is about, or null for any other key. */
export function invitationIdOfKey(key: string): string | null {
  const match = /^invitation:([^:]+):invite$/.exec(key);
  return match ? match[1]! : null;
}
