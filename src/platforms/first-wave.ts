// Both platforms' request forms answer first and then send the request's first wave; a failed try
// is left to the `invite-first-waves` job (src/app/invite-first-wave.ts).
import { inviteFirstWave } from '../app/invite-first-wave.ts';
import { safeError, type Logger } from '../logger.ts';
import type { AppContext } from '../ports.ts';

export async function sendFirstWave(deps: { ctx: AppContext; logger: Logger; kick(): void }, requestId: string): Promise<void> {
  try {
    await inviteFirstWave(deps.ctx, requestId);
  } catch (error) {
    deps.logger.warn({ err: safeError(error), requestId }, 'the first wave of a request failed; the invite-first-waves job tries again');
  }
  deps.kick();
}
