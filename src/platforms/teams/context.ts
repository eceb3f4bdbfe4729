// What the Teams bot needs, passed in (never imported), so it stays testable and so the
// database stays out of this folder.
import { TeamsInfo, TurnContext, type ChannelAccount, type ConversationReference, type TeamsChannelAccount } from 'botbuilder';
import { refreshIdentity } from '../../app/refresh-identity.ts';
import { resolvePerson } from '../../app/resolve-person.ts';
import type { Actor } from '../../app/support/actor.ts';
import { withinDeadline } from '../../deadline.ts';
import { safeError, type Logger } from '../../logger.ts';
import type { AppContext } from '../../ports.ts';

/** How long a first contact waits for the member lookup (name and e-mail) before going on without it. */
export const MEMBER_LOOKUP_MS = 3_000;

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
  /** Tenants whose e-mail addresses count (see teamsEmailTenants in config.ts). */
  emailTenants: readonly string[] | 'any';
}

export function tenantOf(context: TurnContext): string {
  const data = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return data?.tenant?.id ?? context.activity.conversation?.tenantId ?? '';
}

/** The name an activity shows for its sender, unless it is only one of their ids. */
function shownName(from: ChannelAccount): string | null {
  const name = from.name?.trim();
  return name && name !== from.id && name !== from.aadObjectId ? name : null;
}

/** Teams' directory entry for the sender, within MEMBER_LOOKUP_MS; null when it does not answer. */
async function lookUpMember(deps: TeamsDeps, context: TurnContext): Promise<TeamsChannelAccount | null> {
  const late = (error: unknown) => deps.logger.debug({ err: safeError(error) }, 'a late Teams member lookup failed');
  try {
    return await withinDeadline(TeamsInfo.getMember(context, context.activity.from.id), MEMBER_LOOKUP_MS, 'Teams member lookup', late);
  } catch (error) {
    deps.logger.debug({ err: safeError(error) }, 'Teams member lookup failed');
    return null;
  }
}

/** The member's e-mail: their mail attribute, else a user principal name that is not a guest's #EXT# name. */
function emailOf(member: TeamsChannelAccount | null): string | null {
  const upn = member?.userPrincipalName;
  return member?.email || (upn && !upn.includes('#EXT#') ? upn : null) || null;
}

/**
 * The Teams user as a person. Known people are refreshed with the name and language this
 * activity shows; new people (and people still named by their id, or without the e-mail their
 * tenant could vouch for) are looked up in the roster for their name and e-mail. The e-mail
 * counts only from the tenants the operator trusts for it.
 */
export async function teamsActor(deps: TeamsDeps, context: TurnContext): Promise<Actor> {
  const tenantId = tenantOf(context);
  const from = context.activity.from;
  const userId = from.aadObjectId ?? from.id;
  const seen = { platform: 'teams', workspaceId: tenantId, userId, displayName: shownName(from), locale: context.activity.locale ?? null };
  const trusted = deps.emailTenants === 'any' || deps.emailTenants.includes(tenantId);
  const known = await refreshIdentity(deps.ctx, seen);
  // Asked again while the person is only known by their id, or (where e-mails count) without one.
  if (known && known.actor.displayName !== userId && (known.email !== null || !trusted) && known.actor.keepsPersonalData !== false) return known.actor;
  const member = await lookUpMember(deps, context);
  const email = emailOf(member);
  return resolvePerson(deps.ctx, { ...seen, email, emailVerified: trusted && email !== null, displayName: member?.name || seen.displayName || userId });
}

/**
 * Keeps the conversation reference for later messages: a channel's (without the person who wrote
 * last), and a personal chat's only for someone who keeps personal data (consent, staff or admin).
 */
export async function rememberConversation(deps: TeamsDeps, context: TurnContext, actor?: Pick<Actor, 'keepsPersonalData'>): Promise<void> {
  const reference = TurnContext.getConversationReference(context.activity);
  if (context.activity.conversation?.conversationType === 'channel') {
    const channelId = channelIdOf(context.activity.conversation.id);
    const { user: _lastWriter, ...channel } = reference;
    await deps.refs.saveChannel(channelId, { ...channel, conversation: { ...channel.conversation!, id: channelId } });
    return;
  }
  if (context.activity.conversation?.conversationType !== 'personal' || actor?.keepsPersonalData === false) return;
  const userId = context.activity.from.aadObjectId ?? context.activity.from.id;
  await deps.refs.save(tenantOf(context), userId, reference);
}
