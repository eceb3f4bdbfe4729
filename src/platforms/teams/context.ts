// What the Teams bot needs, passed in (never imported), so it stays testable and so the
// database stays out of this folder.
import { TeamsInfo, TurnContext, type ConversationReference } from 'botbuilder';
import { findActor } from '../../app/find-actor.ts';
import { resolvePerson } from '../../app/resolve-person.ts';
import type { Actor } from '../../app/support/actor.ts';
import type { Logger } from '../../logger.ts';
import type { AppContext } from '../../ports.ts';

/** Stored conversation references for proactive messages, keyed by tenant and AAD object id. */
export interface ConversationRefStore {
  save(tenantId: string, aadObjectId: string, reference: Partial<ConversationReference>): Promise<void>;
  find(tenantId: string, aadObjectId: string): Promise<Partial<ConversationReference> | null>;
  saveChannel(conversationId: string, reference: Partial<ConversationReference>): Promise<void>;
  findChannel(conversationId: string): Promise<Partial<ConversationReference> | null>;
}

/** A channel conversation id without the thread part ("19:…@thread.tacv2;messageid=…"). */
export function channelIdOf(conversationId: string): string {
  return conversationId.split(';')[0] ?? conversationId;
}

export interface TeamsDeps {
  ctx: AppContext;
  logger: Logger;
  kick(): void;
  refs: ConversationRefStore;
  /** First sight of an activity id (retries are ignored). */
  firstSeen(eventId: string): Promise<boolean>;
  /** Tenants served; empty serves every tenant. */
  allowedTenants: readonly string[];
}

export function tenantOf(context: TurnContext): string {
  const data = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return data?.tenant?.id ?? context.activity.conversation?.tenantId ?? '';
}

/** The Teams user as a person: from the database, or (first contact) from the roster. */
export async function teamsActor(deps: TeamsDeps, context: TurnContext): Promise<Actor> {
  const tenantId = tenantOf(context);
  const from = context.activity.from;
  const userId = from.aadObjectId ?? from.id;
  const known = await findActor(deps.ctx, 'teams', tenantId, userId);
  if (known) return known;
  let email: string | null = null;
  try {
    const member = await TeamsInfo.getMember(context, from.id);
    email = member.email ?? member.userPrincipalName ?? null;
  } catch (error) {
    deps.logger.debug({ reason: (error as Error).message }, 'Teams member lookup failed');
  }
  return resolvePerson(deps.ctx, { platform: 'teams', workspaceId: tenantId, userId, email, emailVerified: email !== null, displayName: from.name ?? userId, locale: context.activity.locale ?? null });
}

export async function rememberConversation(deps: TeamsDeps, context: TurnContext): Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity);
  if (context.activity.conversation?.conversationType === 'channel') {
    const channelId = channelIdOf(context.activity.conversation.id);
    await deps.refs.saveChannel(channelId, { ...reference, conversation: { ...reference.conversation!, id: channelId } });
    return;
  }
  if (context.activity.conversation?.conversationType !== 'personal') return;
  const userId = context.activity.from.aadObjectId ?? context.activity.from.id;
  await deps.refs.save(tenantOf(context), userId, reference);
}
