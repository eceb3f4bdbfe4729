// Proactive messages in Teams: a stored conversation reference (saved on install and first
// contact, refreshed on every message) lets the bot write to a person later. Retries belong to
// the outbox dispatcher; the connector's answers are sorted into the four error classes.
// Teams cannot list what a bot sent, so a send whose answer was lost may be repeated (the
// dispatcher prevents that where it still holds the answer; see the README).
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Card } from '../../domain/cards.ts';
import { mayHaveArrived } from '../../delivery/error-classes.ts';
import { MessengerError, type MessageRef, type Messenger, type SendTarget } from '../../ports.ts';
import { cardActivity } from './adaptive-cards.ts';
import type { ConversationRefStore } from './context.ts';

/** Connector error codes that mean this one person or chat cannot be reached. */
const RECIPIENT_CODES = new Set(['ConversationBlockedByUser', 'BotNotInConversationRoster', 'ConversationNotFound', 'UserNotFound', 'NotFound', 'MemberNotFound']);
/** Token errors (an expired or wrong client secret, a removed app registration). */
const AUTH_ERROR = /AADSTS\d+|invalid_client|unauthorized_client|invalid_grant|Failed to acquire token/i;

/**
 * The Bot Connector's answers in the four classes (see delivery/error-classes.ts): 401 and 403
 * (unless it names one blocked chat) stop the platform, 404 and the blocked-chat codes are the
 * recipient's, 400 and 413 the message's; 429, 412 and 5xx are retried (Retry-After honoured).
 */
export function toMessengerError(error: unknown): MessengerError {
  if (error instanceof MessengerError) return error;
  const e = error as { statusCode?: number; code?: unknown; errorCode?: unknown; response?: { status?: number; headers?: { get?(name: string): string | null } }; message?: string };
  const status = e.statusCode ?? e.response?.status;
  const code = typeof e.code === 'string' ? e.code : '';
  const retryAfter = Number(e.response?.headers?.get?.('retry-after') ?? Number.NaN);
  if (status === 429) return new MessengerError('transient', 'http_429', Number.isFinite(retryAfter) ? retryAfter * 1000 : 1000);
  if (RECIPIENT_CODES.has(code) || status === 404) return new MessengerError('recipient', code && status !== 404 ? code : `http_${status ?? 404}`);
  if (status === 401 || status === 403) return new MessengerError('platform', code ? `http_${status}_${code}`.slice(0, 100) : `http_${status}`);
  if (status === 400 || status === 413) return new MessengerError('message', `http_${status}${code ? `_${code}` : ''}`.slice(0, 100));
  if (status && status >= 400) return new MessengerError('transient', `http_${status}`, undefined, status >= 500);
  if (AUTH_ERROR.test(`${String(e.errorCode ?? '')} ${e.message ?? ''}`)) return new MessengerError('platform', 'token_refused');
  return new MessengerError('transient', code || (e.message ?? 'request_failed').slice(0, 200), undefined, mayHaveArrived(error));
}

export class TeamsMessenger implements Messenger {
  readonly platform = 'teams' as const;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly refs: ConversationRefStore,
  ) {}

  /** Message references: "user|<tenant>|<aad id>" for personal chats, "channel|<conversation id>" for channels. */
  private async referenceFor(channelKey: string): Promise<Partial<ConversationReference> | null> {
    const [kind, first = '', second = ''] = channelKey.split('|');
    return kind === 'channel' ? this.refs.findChannel(first) : this.refs.find(first, second);
  }

  private async withConversation<T>(channelKey: string, work: (context: TurnContext) => Promise<T>, thread?: string): Promise<T> {
    const found = await this.referenceFor(channelKey);
    if (!found) throw new MessengerError('recipient', channelKey.startsWith('channel|') ? 'channel_unknown' : 'not_installed');
    const reference = thread ? { ...found, conversation: { ...found.conversation!, id: `${found.conversation!.id};messageid=${thread}` } } : found;
    // The adapter hands errors inside the turn to its onTurnError hook instead of rethrowing, so
    // the error is caught here, inside the turn, or a refused send would look like a success.
    const outcome: { done: boolean; value?: T; error?: unknown } = { done: false, error: new Error('turn did not run') };
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        try {
          outcome.value = await work(context);
          outcome.done = true;
        } catch (error) {
          outcome.error = error;
        }
      });
    } catch (error) {
      throw toMessengerError(error);
    }
    if (!outcome.done) throw toMessengerError(outcome.error);
    return outcome.value as T;
  }

  async send(target: SendTarget, card: Card): Promise<MessageRef> {
    const channelKey = target.kind === 'user' ? `user|${target.workspaceId}|${target.userId}` : `channel|${target.channelId}`;
    const thread = target.kind === 'channel' ? target.thread?.messageId : undefined;
    return this.withConversation(
      channelKey,
      async (context) => {
        const sent = await context.sendActivity(cardActivity(card));
        return { channelId: channelKey, messageId: sent?.id ?? '' };
      },
      thread,
    );
  }

  async update(ref: MessageRef, card: Card): Promise<void> {
    await this.withConversation(ref.channelId, async (context) => {
      await context.updateActivity({ ...cardActivity(card), id: ref.messageId });
    });
  }
}
