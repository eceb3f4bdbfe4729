// What every Slack listener needs, passed in (never imported), so listeners stay testable.
import type { WebClient } from '@slack/web-api';
import { findActor } from '../../app/find-actor.ts';
import { resolvePerson } from '../../app/resolve-person.ts';
import type { Actor } from '../../app/support/actor.ts';
import { createTranslator, type Translator } from '../../domain/i18n/translator.ts';
import type { Logger } from '../../logger.ts';
import type { AppContext } from '../../ports.ts';

export interface SlackDeps {
  ctx: AppContext;
  logger: Logger;
  /** Wake the outbox dispatcher after a use case wrote messages. */
  kick(): void;
  command: string;
}

/** The acting Slack user as a person: from the database, or (first contact) from users.info. */
export async function slackActor(deps: SlackDeps, client: WebClient, teamId: string, userId: string): Promise<Actor> {
  const known = await findActor(deps.ctx, 'slack', teamId, userId);
  if (known) return known;
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
