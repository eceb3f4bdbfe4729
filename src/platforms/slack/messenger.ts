// Sends and edits messages through the Slack Web API. Each message carries the outbox
// idempotency key as message metadata, so a resend after a crash can be recognised.
// Retries belong to the outbox dispatcher: the client itself never retries. Slack's errors are
// sorted into the four classes of delivery/error-classes.ts.
import type { WebClient } from '@slack/web-api';
import type { Card } from '../../domain/cards.ts';
import { mayHaveArrived } from '../../delivery/error-classes.ts';
import { MessengerError, type MessageRef, type Messenger, type SendTarget } from '../../ports.ts';
import { cardToBlocks, fallbackText } from './blocks.ts';
import { renderChartPng } from '../chart-png.ts';

const METADATA_TYPE = 'alumni_bridge_outbox';

/** Slack's error codes by class (see delivery/error-classes.ts); unknown codes are transient. */
const RECIPIENT = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'user_not_found', 'user_disabled', 'cannot_dm_bot', 'restricted_action',
  'message_not_found', 'cant_update_message', 'edit_window_closed', 'user_is_restricted', 'team_not_found',
]);
const MESSAGE = new Set([
  'invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long', 'invalid_arguments', 'too_many_attachments', 'no_text',
  'invalid_attachments', 'invalid_metadata_format', 'invalid_metadata_schema', 'metadata_too_large', 'markdown_text_conflict', 'invalid_arg_name',
]);
const PLATFORM = new Set([
  'invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'missing_scope', 'no_permission', 'team_access_not_granted',
  'ekm_access_denied', 'org_login_required', 'not_allowed_token_type', 'team_disabled', 'user_removed_from_team', 'access_denied', 'enterprise_is_restricted',
]);
/** Slack says that part of the work may have been done before it failed. */
const MAYBE_DONE = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Slack's errors in the four classes, and whether the message may have arrived anyway. */
export function toMessengerError(error: unknown): MessengerError {
  if (error instanceof MessengerError) return error;
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; statusCode?: number; message?: string; original?: unknown };
  if (e.code === 'slack_webapi_rate_limited_error') return new MessengerError('transient', 'ratelimited', (e.retryAfter ?? 1) * 1000);
  const platformError = e.data?.error;
  if (platformError === 'ratelimited') return new MessengerError('transient', 'ratelimited', 1000);
  if (platformError && RECIPIENT.has(platformError)) return new MessengerError('recipient', platformError);
  if (platformError && MESSAGE.has(platformError)) return new MessengerError('message', platformError);
  if (platformError && PLATFORM.has(platformError)) return new MessengerError('platform', platformError);
  if (platformError) return new MessengerError('transient', platformError, undefined, MAYBE_DONE.has(platformError));
  if (e.code === 'slack_webapi_http_error') {
    if (e.statusCode === 401 || e.statusCode === 403) return new MessengerError('platform', `http_${e.statusCode}`);
    return new MessengerError('transient', `http_${e.statusCode ?? 'error'}`, undefined, (e.statusCode ?? 500) >= 500);
  }
  return new MessengerError('transient', e.code === 'slack_webapi_request_error' ? 'request_failed' : (e.message ?? 'request_failed').slice(0, 200), undefined, mayHaveArrived(e));
}

export class SlackMessenger implements Messenger {
  readonly platform = 'slack' as const;

  constructor(private readonly client: WebClient) {}

  async send(target: SendTarget, card: Card, idempotencyKey: string): Promise<MessageRef> {
    if (card.chart) return this.uploadChart(target, card);
    const channel = target.kind === 'user' ? target.userId : target.channelId;
    try {
      const result = await this.client.chat.postMessage({
        channel,
        text: fallbackText(card),
        blocks: cardToBlocks(card),
        unfurl_links: false,
        ...(target.kind === 'channel' && target.thread ? { thread_ts: target.thread.messageId } : {}),
        metadata: { event_type: METADATA_TYPE, event_payload: { key: idempotencyKey } },
      });
      return { channelId: String(result.channel), messageId: String(result.ts) };
    } catch (error) {
      throw toMessengerError(error);
    }
  }

  /**
   * Looks for a message we sent with this idempotency key since `since` (its metadata carries
   * the key). Scans the newest 200 messages of the conversation or thread: a bot's own DM or a
   * request thread holds far fewer in the window between an interrupted send and its retry.
   */
  async findSent(target: SendTarget, idempotencyKey: string, since: Date): Promise<MessageRef | null> {
    try {
      const channel = target.kind === 'user' ? await this.dmChannel(target.userId) : target.channelId;
      const oldest = String(Math.floor(since.getTime() / 1000) - 1);
      const page =
        target.kind === 'channel' && target.thread
          ? await this.client.conversations.replies({ channel, ts: target.thread.messageId, oldest, include_all_metadata: true, limit: 200 })
          : await this.client.conversations.history({ channel, oldest, include_all_metadata: true, limit: 200 });
      const found = (page.messages ?? []).find((message) => {
        const metadata = message.metadata as { event_type?: string; event_payload?: { key?: string } } | undefined;
        return metadata?.event_type === METADATA_TYPE && metadata.event_payload?.key === idempotencyKey;
      });
      return found?.ts ? { channelId: channel, messageId: found.ts } : null;
    } catch (error) {
      throw toMessengerError(error);
    }
  }

  /** A card with a chart goes out as a PNG file upload (files.uploadV2), its title as the comment. */
  private async uploadChart(target: SendTarget, card: Card): Promise<MessageRef> {
    const chart = card.chart!;
    try {
      const channel = target.kind === 'user' ? await this.dmChannel(target.userId) : target.channelId;
      const result = (await this.client.files.uploadV2({
        channel_id: channel,
        file: renderChartPng(chart),
        filename: 'chart.png',
        title: chart.title,
        alt_text: chart.alt,
        ...(card.title ? { initial_comment: card.title } : {}),
      })) as { files?: { files?: { id?: string }[] }[] };
      return { channelId: channel, messageId: result.files?.[0]?.files?.[0]?.id ?? '' };
    } catch (error) {
      throw toMessengerError(error);
    }
  }

  private async dmChannel(userId: string): Promise<string> {
    const opened = await this.client.conversations.open({ users: userId });
    return String(opened.channel?.id);
  }

  /** auth.test: succeeds when Slack accepts the token again. */
  async probe(): Promise<void> {
    try {
      await this.client.auth.test();
    } catch (error) {
      throw toMessengerError(error);
    }
  }

  async update(ref: MessageRef, card: Card): Promise<void> {
    try {
      await this.client.chat.update({ channel: ref.channelId, ts: ref.messageId, text: fallbackText(card), blocks: cardToBlocks(card) });
    } catch (error) {
      throw toMessengerError(error);
    }
  }
}
