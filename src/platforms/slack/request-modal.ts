// Opening the request modal, from the slash command or the global shortcut.
import type { WebClient } from '@slack/web-api';
import { openRequestForm } from '../../app/open-request-form.ts';
import type { Actor } from '../../app/support/actor.ts';
import { requestFormCard } from '../../domain/messages/request-form.ts';
import { modalView } from './blocks.ts';
import { translatorOf, type SlackDeps } from './context.ts';

export const POST_REQUEST_CALLBACK = 'post_request';

export async function openRequestModal(deps: SlackDeps, client: WebClient, actor: Actor, triggerId: string): Promise<void> {
  const tr = translatorOf(deps, actor);
  const options = await openRequestForm(deps.ctx, actor);
  const form = requestFormCard(tr, { ...options, withChannel: true });
  await client.views.open({ trigger_id: triggerId, view: modalView(POST_REQUEST_CALLBACK, form, tr.t('form.request.submit'), tr.t('modal.cancel')) as never });
}
