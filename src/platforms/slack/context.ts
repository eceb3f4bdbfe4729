// What every Slack listener needs, passed in (never imported), so listeners stay testable.
import type { WebClient } from '@slack/web-api';
import { findActor } from '../../app/find-actor.ts';
import { resolvePerson } from '../../app/resolve-person.ts';
import type { Actor } from '../../app/support/actor.ts';
import { actorCacheOf } from '../../app/support/actor-cache.ts';
import { createTranslator, type Translator } from '../../domain/i18n/translator.ts';
import { DeadlineExceeded, withinDeadline } from '../../deadline.ts';
import { describeError } from '../../domain/i18n/describe-error.ts';
import { safeError, type Logger } from '../../logger.ts';
import type { AppContext } from '../../ports.ts';

export interface SlackDeps {
  ctx: AppContext;
  logger: Logger;
  /** Wake the outbox dispatcher after a use case wrote messages. */
  kick(): void;
  command: string;
}

/**
 * How long a modal submission waits for a first contact's users.info: Slack wants the answer
 * (which carries the form's problems) within three seconds.
 */
export const VIEW_LOOKUP_MS = 1_500;

async function firstContact(deps: SlackDeps, client: WebClient, teamId: string, userId: string): Promise<Actor> {
  const info = await client.users.info({ user: userId, include_locale: true });
  const user = info.user;
  const email = user?.profile?.email ?? null;
  return resolvePerson(deps.ctx, {
    platform: 'slack',
    workspaceId: teamId,
    userId,
    email,
    emailVerified: email !== null && user?.is_email_confirmed !== false,
    displayName: user?.profile?.real_name || user?.real_name || user?.name || userId,
    locale: user?.locale ?? null,
  });
}

/**
 * The acting Slack user as a person: from the database, or (first contact) from users.info.
 * With `deadlineMs` (modal submissions, answered before Slack's three seconds) a slow lookup
 * throws DeadlineExceeded; it still completes in the background, so the next try finds them.
 */
export async function slackActor(deps: SlackDeps, client: WebClient, teamId: string, userId: string, options: { deadlineMs?: number } = {}): Promise<Actor> {
  const known = await findActor(deps.ctx, 'slack', teamId, userId);
  // Someone who has not consented (nor is staff or admin) is stored without name or e-mail, so
  // they are looked up again: their address may be an admin's, or one an admin gave them.
  if (known && known.keepsPersonalData !== false && known.displayName !== '') return known;
  // What users.info showed is kept as briefly as a known actor (and dropped on the same writes).
  const cache = actorCacheOf(deps.ctx);
  const key = `seen:slack:${teamId}:${userId}`;
  const seen = cache?.get(key);
  if (seen) return seen;
  const mark = cache?.mark() ?? 0;
  const lookup = firstContact(deps, client, teamId, userId).then((actor) => {
    cache?.set(key, actor, mark);
    return actor;
  });
  const bounded = options.deadlineMs === undefined ? lookup : withinDeadline(lookup, options.deadlineMs, 'Slack users.info', (error: unknown) => deps.logger.warn({ err: safeError(error) }, 'a late Slack user lookup failed'));
  if (!known) return bounded;
  return bounded.catch((error: unknown) => {
    deps.logger.warn({ err: safeError(error) }, 'Slack user lookup failed; going on with what is stored');
    return known;
  });
}

/** What a modal says when the person lookup missed its deadline, else the usual translation of the error. */
export function describeViewError(error: unknown, tr: Translator): string {
  return error instanceof DeadlineExceeded ? tr.t('trust.slack.slowLookup') : describeError(error, tr);
}

export function translatorOf(deps: SlackDeps, actor: Actor): Translator {
  return createTranslator(actor.locale, deps.ctx.settings.timeZone);
}

/** Another Slack user (one an admin mentioned or picked) as a person, found or resolved like the actor; null when Slack does not know them. */
export async function slackPerson(deps: SlackDeps, client: WebClient, teamId: string, userId: string): Promise<Actor | null> {
  try {
    return await slackActor(deps, client, teamId, userId);
  } catch (error) {
    const code = (error as { data?: { error?: unknown } }).data?.error;
    if (code === 'user_not_found' || code === 'users_not_found') return null;
    throw error;
  }
}
