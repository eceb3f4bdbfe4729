// Waiting for something slow without letting it hold a request past the platform's patience:
// the work goes on (its failure is still reported), but the caller stops waiting at the deadline.

export class DeadlineExceeded extends Error {
  constructor(readonly what: string, readonly ms: number) {
    super(`${what} took longer than ${ms} ms`);
    this.name = 'DeadlineExceeded';
  }
}

/**
 * The work's result, or DeadlineExceeded after `ms`. The work is not cancelled: when it fails
 * after the deadline, `late` hears about it, so no failure goes unreported.
 */
export async function withinDeadline<T>(work: Promise<T>, ms: number, what: string, late: (error: unknown) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      timedOut = true;
      reject(new DeadlineExceeded(what, ms));
    }, ms);
  });
  work.catch((error: unknown) => {
    if (timedOut) late(error);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
