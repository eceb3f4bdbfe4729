// Interactions this app never offered (an unknown button, modal or shortcut, a closed modal, or a
// payload Bolt cannot type) are acknowledged at once and ignored, instead of waiting for Slack's
// timeout. The request gate (request-gate.ts) has already refused malformed ones.
import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { ACTION_IDS } from '../../domain/cards.ts';

const HANDLED_TYPES = new Set(['block_actions', 'view_submission', 'shortcut', 'message_action', 'event_callback', 'block_suggestion']);

export function ignoreUnknownInteractions(known: { callbacks: readonly string[]; shortcuts: readonly string[]; actions?: readonly string[] }): Middleware<AnyMiddlewareArgs> {
  const actions = new Set<string>(known.actions ?? ACTION_IDS);
  return async (args) => {
    const body = args.body as { type?: string; command?: string; actions?: { action_id?: string }[]; view?: { callback_id?: string }; callback_id?: string };
    const ack = (args as { ack?: () => Promise<void> }).ack;
    const unknown =
      (body.command === undefined && !HANDLED_TYPES.has(body.type ?? '')) ||
      (body.type === 'block_actions' && !(body.actions ?? []).every((action) => actions.has(action.action_id ?? ''))) ||
      (body.type === 'view_submission' && !known.callbacks.includes(body.view?.callback_id ?? '')) ||
      ((body.type === 'shortcut' || body.type === 'message_action') && !known.shortcuts.includes(body.callback_id ?? ''));
    if (unknown && ack) {
      await ack();
      return;
    }
    await args.next();
  };
}
