// Teams invokes this bot does not handle (Universal Actions' adaptiveCard/action, a messaging
// extension's query, a task module, …) get a proper answer instead of botbuilder's 501: a card or
// message that tells the person what to do, in the kind of answer each invoke expects.
import type { InvokeResponse } from 'botbuilder';
import { textCard } from '../../domain/cards.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import { ADAPTIVE_CARD_CONTENT_TYPE, toAdaptiveCard } from './adaptive-cards.ts';

/** The answer to an invoke no handler answered (or answered with a server error). */
export function unsupportedInvoke(name: string | undefined, tr: Translator): InvokeResponse {
  const text = tr.t('trust.teams.unsupported');
  if (name === 'adaptiveCard/action') {
    return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: toAdaptiveCard(textCard(text)) } };
  }
  if (name?.startsWith('composeExtension/')) return { status: 200, body: { composeExtension: { type: 'message', text } } };
  if (name === 'task/fetch' || name === 'task/submit') return { status: 200, body: { task: { type: 'message', value: text } } };
  if (name === 'message/submitAction') return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
  // Sign-in, configuration, file consent and the like: accepted and ignored (the bot uses none).
  return { status: 200 };
}
