// Opening the request modal, from the slash command or the global shortcut; and the options of
// any modal's long selects (more than Slack's 100), served as the person types.
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { openRequestForm } from '../../app/open-request-form.ts';
import { hasRole, type Actor } from '../../app/support/actor.ts';
import type { CardInput, CardOption } from '../../domain/cards.ts';
import { DomainError } from '../../domain/errors.ts';
import { noUnitsText, requestFormCard, requestFormInputs } from '../../domain/messages/request-form.ts';
import { safeError } from '../../logger.ts';
import { modalView, suggestOptions } from './blocks.ts';
import { slackActor, translatorOf, type SlackDeps } from './context.ts';

export const POST_REQUEST_CALLBACK = 'post_request';

/**
 * Opens the request form. On a fresh install with no units there is nothing a request could be
 * for, so no modal opens; the answer says what to do instead (add units, or ask an admin).
 */
export async function openRequestModal(deps: SlackDeps, client: WebClient, actor: Actor, triggerId: string): Promise<{ opened: true } | { opened: false; text: string }> {
  const tr = translatorOf(deps, actor);
  const options = await openRequestForm(deps.ctx, actor);
  if (options.units.length === 0) {
    return { opened: false, text: noUnitsText(tr, hasRole(actor, 'admin'), tr.t('admin.noUnits.how', { command: deps.command })) };
  }
  const form = requestFormCard(tr, { ...options, withChannel: true });
  await client.views.open({ trigger_id: triggerId, view: modalView(POST_REQUEST_CALLBACK, form, tr.t('form.request.submit'), tr.t('modal.cancel')) as never });
  return { opened: true };
}

/** A modal's inputs, rebuilt as it was rendered, and extra words each option is found by (codes). */
export type SuggestionSource = (deps: SlackDeps, actor: Actor) => Promise<{ inputs: CardInput[]; searchText?: (option: CardOption) => string }>;

const codeOf = (item: object): string => ('code' in item && typeof item.code === 'string' ? item.code : '');

/** The request form: units and programmes, found by name, unit name or code. */
export const requestFormSuggestions: SuggestionSource = async (deps, actor) => {
  const options = await openRequestForm(deps.ctx, actor);
  const codes = new Map([...options.units, ...options.programmes].map((item) => [item.id, codeOf(item)]));
  return { inputs: requestFormInputs(translatorOf(deps, actor), { ...options, withChannel: true }), searchText: (option) => codes.get(option.value) ?? '' };
};

/**
 * block_suggestion for every modal that has a source: the options of the input the person is
 * typing in, filtered by what they typed. At most 100 come back (Slack's limit); typing more
 * narrows the list, so every option can be reached.
 */
export function registerSuggestions(app: App, deps: SlackDeps, sources: Record<string, SuggestionSource>): void {
  app.options({ type: 'block_suggestion' }, async ({ body, ack, client }) => {
    const suggestion = body as { action_id: string; value: string; team: { id: string } | null; user: { id: string; team_id?: string }; view?: { callback_id?: string } };
    const source = sources[suggestion.view?.callback_id ?? ''];
    try {
      if (!source) return void (await ack({ options: [] }));
      const actor = await slackActor(deps, client, suggestion.team?.id ?? suggestion.user.team_id ?? '', suggestion.user.id);
      const { inputs, searchText } = await source(deps, actor);
      const input = inputs.find((candidate) => candidate.id === suggestion.action_id);
      await ack((input ? suggestOptions(input.options ?? [], suggestion.value ?? '', input.label, searchText) : { options: [] }) as never);
    } catch (error) {
      if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error) }, 'serving Slack select options failed');
      await ack({ options: [] });
    }
  });
}
