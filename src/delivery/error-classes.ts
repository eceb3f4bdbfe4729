// Every failed platform call falls in one of four classes, and the class decides what happens:
//
//   recipient  the person or channel cannot be reached (user gone, DM closed, channel archived,
//              message deleted): this message is given up and the core moves on (the next
//              candidate is asked, the owner is told).
//   message    the platform refuses this message as written (blocks, size, arguments): a bug.
//              It is kept as dead, admins are alerted, and nobody moves on because of it.
//   platform   the platform refuses us (token revoked, app uninstalled, scope missing, secret
//              expired): the whole platform is paused. Its messages wait, nothing dies, admins
//              are told through what still works, and sending resumes when a probe succeeds.
//   transient  try again later (rate limits, 5xx, timeouts, network): retried with backoff,
//              never sooner than Retry-After. Many in a row pause the platform as unreachable.
//
// `maybeSent` marks failures that came after the request may have reached the platform (a
// timeout, a lost answer, a 5xx): the next attempt looks for the message before sending again.

export const ERROR_CLASSES = ['recipient', 'message', 'platform', 'transient'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

/** Why a platform refused a call, classified. */
export class MessengerError extends Error {
  constructor(
    readonly kind: ErrorClass,
    readonly reason: string,
    readonly retryAfterMs?: number,
    readonly maybeSent = false,
  ) {
    super(`${kind}: ${reason}`);
    this.name = 'MessengerError';
  }
}

/** A call that did not answer in time: the request may have arrived. */
export class SendTimeout extends MessengerError {
  constructor(ms: number) {
    super('transient', `no_answer_in_${ms}ms`, undefined, true);
  }
}

/** Network failures where the request never left this machine (nothing can have been sent). */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'ERR_INVALID_URL']);

/** Whether a network-level failure (no HTTP answer) may have reached the platform. */
export function mayHaveArrived(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return false;
    current = (current as { cause?: unknown; original?: unknown }).original ?? (current as { cause?: unknown }).cause;
  }
  return true;
}

/** Races a platform call against a time limit; the call is not cancelled, only no longer awaited. */
export async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new SendTimeout(ms)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
