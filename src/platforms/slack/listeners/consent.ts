// Joining: a modal where an alumnus chooses what they may be asked about (their consent).
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { giveConsent } from '../../../app/give-consent.ts';
import type { Actor } from '../../../app/support/actor.ts';
import { DomainError } from '../../../domain/errors.ts';
import { card, type CardInput } from '../../../domain/cards.ts';
import { REQUEST_TYPES } from '../../../domain/vocabulary.ts';
import { modalView } from '../blocks.ts';
import { describeViewError, slackActor, translatorOf, VIEW_LOOKUP_MS, type SlackDeps } from '../context.ts';
import { createTranslator } from '../../../domain/i18n/translator.ts';
import { safeError } from '../../../logger.ts';
import { describeError } from '../../../domain/i18n/describe-error.ts';
import { fieldErrors } from '../errors.ts';
import { readViewValues } from '../view-values.ts';
import { privacyOf } from '../../../app/privacy/support.ts';
import { consentNotice } from '../../../domain/privacy/privacy-cards.ts';

export const GIVE_CONSENT_CALLBACK = 'give_consent';

function consentInputs(deps: SlackDeps, actor: Actor): CardInput[] {
  const tr = translatorOf(deps, actor);
  return [{ id: 'purposes', label: tr.t('modal.purposes'), kind: 'multiselect', required: true, options: REQUEST_TYPES.map((type) => ({ value: type, label: tr.t(`requestType.${type}`) })) }];
}

export async function openConsentModal(deps: SlackDeps, client: WebClient, actor: Actor, triggerId: string): Promise<void> {
  const tr = translatorOf(deps, actor);
  const form = card({ title: tr.t('modal.join'), text: consentNotice(tr, privacyOf(deps.ctx), 'slack', `${deps.command} erase`), inputs: consentInputs(deps, actor) });
  await client.views.open({ trigger_id: triggerId, view: modalView(GIVE_CONSENT_CALLBACK, form, tr.t('modal.join'), tr.t('modal.cancel')) as never });
}

export function registerConsent(app: App, deps: SlackDeps): void {
  app.view(GIVE_CONSENT_CALLBACK, async ({ ack, body, view, client }) => {
    const actor = await slackActor(deps, client, body.team?.id ?? body.user.team_id ?? '', body.user.id, { deadlineMs: VIEW_LOOKUP_MS }).catch(async (error: unknown) => {
      deps.logger.warn({ err: safeError(error) }, 'the consent form could not tell who submitted it');
      await ack({ response_action: 'errors', errors: { purposes: describeViewError(error, createTranslator(deps.ctx.settings.defaultLocale, deps.ctx.settings.timeZone)) } });
      return null;
    });
    if (!actor) return;
    const tr = translatorOf(deps, actor);
    const values = readViewValues(consentInputs(deps, actor), view.state.values, deps.ctx.settings.timeZone);
    try {
      const consent = await giveConsent(deps.ctx, actor, { purposes: values.purposes ?? [], source: 'slack' });
      await ack();
      await client.chat.postMessage({ channel: body.user.id, text: tr.t('consent.given', { purposes: tr.list(consent.purposes.map((type) => tr.t(`requestType.${type}`).toLowerCase())) }) });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'validation') return void (await ack({ response_action: 'errors', errors: fieldErrors(error, tr, ['purposes']) }));
      await ack({ response_action: 'errors', errors: { purposes: describeError(error, tr) } });
    }
  });
}
