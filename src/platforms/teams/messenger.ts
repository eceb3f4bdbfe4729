// Proactive messages in Teams: a stored conversation reference (saved on install and first
// contact, refreshed on every message) lets the bot write to a person later. Retries belong to
// the outbox dispatcher; Teams' throttling answers are mapped to retry or give up.
import type { CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { Card } from '../../domain/cards.ts';
import { MessengerError, type MessageRef, type Messenger, type SendTarget } from '../../ports.ts';
import { cardActivity } from './adaptive-cards.ts';
import type { ConversationRefStore } from './context.ts';

const RETRYABLE = new Set([412, 429, 502, 503, 504]);

export function toMessengerError(error: unknown): MessengerError {
  const e = error as { statusCode?: number; response?: { status?: number; headers?: { get?(name: string): string | null } }; message?: string };
  const status = e.statusCode ?? e.response?.status;
  const retryAfter = Number(e.response?.headers?.get?.('retry-after') ?? Number.NaN);
  if (status === 429) return new MessengerError('rate_limited', 'http_429', Number.isFinite(retryAfter) ? retryAfter * 1000 : 1000);
  if (status && RETRYABLE.has(status)) return new MessengerError('transient', `http_${status}`);
  if (status === 403 || status === 404) return new MessengerError('permanent', `http_${status}`);
  return new MessengerError('transient', (e.message ?? 'request_failed').slice(0, 200));
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
    if (!found) throw new MessengerError('permanent', channelKey.startsWith('channel|') ? 'channel_unknown' : 'not_installed');
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
