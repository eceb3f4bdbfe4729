// The /alumni command and the "Request alumni contributors" shortcut. Each acknowledges at once
// and does its work afterwards; answers are ephemeral, in the person's language.
import type { App } from '@slack/bolt';
import { listMyRequests } from '../../../app/list-my-requests.ts';
import { showProfile } from '../../../app/show-profile.ts';
import { showFeedback } from '../../../app/forms/show-feedback.ts';
import { withdrawConsent } from '../../../app/withdraw-consent.ts';
import { hasRole, type Actor } from '../../../app/support/actor.ts';
import { createTranslator, type Translator } from '../../../domain/i18n/translator.ts';
import { profileLines } from '../../../domain/messages/profile-cards.ts';
import { escapeMrkdwn } from '../blocks.ts';
import { slackActor, translatorOf, type SlackDeps } from '../context.ts';
import { DomainError } from '../../../domain/errors.ts';
import { describeError } from '../../../domain/i18n/describe-error.ts';
import { openConsentModal } from './consent.ts';
import { openRequestModal } from '../request-modal.ts';
import { safeError } from '../../../logger.ts';
import { adminCommand } from './admin.ts';
import { digestCommand, isDigestCommand } from './admin-digest.ts';
import { auditCommand, isAuditCommand, isPrivacyCommand, privacyCommand, privacyHelpLines } from './privacy.ts';

export const REQUEST_SHORTCUT = 'request_alumni';
export const SUBCOMMANDS = ['help', 'request', 'requests', 'profile', 'join', 'leave'] as const;
/** Only for admins; `/alumni admin` explains itself. */
export const ADMIN_SUBCOMMAND = 'admin';

/** The help text per translator (they are shared), command and admin flag: the same every time. */
const helpTexts = new WeakMap<Translator, Map<string, string>>();

export function helpText(tr: Translator, command: string, isAdmin = false): string {
  const key = `${command}|${isAdmin}`;
  let known = helpTexts.get(tr);
  if (!known) helpTexts.set(tr, (known = new Map()));
  const cached = known.get(key);
  if (cached !== undefined) return cached;
  const text = buildHelpText(tr, command, isAdmin);
  known.set(key, text);
  return text;
}

function buildHelpText(tr: Translator, command: string, isAdmin: boolean): string {
  const lines = [`*${tr.t('help.title')}*`, ...SUBCOMMANDS.filter((sub) => sub !== 'help').map((sub) => tr.t(`help.${sub}`, { command }))];
  lines.push(tr.t('forms.help.slack', { command }), ...privacyHelpLines(tr, command, isAdmin));
  if (isAdmin) lines.push(tr.t('admin.slack.helpLine', { command }));
  return [...lines, tr.t('help.help', { command })].join('\n');
}

async function requestsText(deps: SlackDeps, actor: Actor, tr: Translator): Promise<string> {
  const views = await listMyRequests(deps.ctx, actor);
  if (views.length === 0) return tr.t('list.none');
  return views
    .map((view) => tr.t('list.item', { title: escapeMrkdwn(view.title), state: tr.t(`requestState.${view.state}`), progress: tr.t('request.progress', { count: view.needed, accepted: view.committed, needed: view.needed }) }))
    .join('\n');
}

async function profileText(deps: SlackDeps, actor: Actor, tr: Translator): Promise<string> {
  const view = await showProfile(deps.ctx, actor);
  return escapeMrkdwn(profileLines(view, tr, deps.ctx.clock.now()).join('\n'));
}

export function registerCommands(app: App, deps: SlackDeps): void {
  app.command(deps.command, async ({ command, ack, client, respond }) => {
    await ack();
    let tr = createTranslator(deps.ctx.settings.defaultLocale, deps.ctx.settings.timeZone);
    const [first = '', ...rest] = (command.text ?? '').trim().split(/\s+/);
    const sub = first.toLowerCase();
    try {
      const actor = await slackActor(deps, client, command.team_id, command.user_id);
      tr = translatorOf(deps, actor);
      if (sub === 'join') return await openConsentModal(deps, client, actor, command.trigger_id);
      let text: string;
      if (sub === 'request') {
        const result = await openRequestModal(deps, client, actor, command.trigger_id);
        if (result.opened) return;
        text = result.text;
      } else if (sub === ADMIN_SUBCOMMAND && isDigestCommand(rest)) return void (await respond(await digestCommand(deps, client, actor, command, rest)));
      else if (sub === ADMIN_SUBCOMMAND && isAuditCommand(rest)) return void (await respond(await auditCommand(deps, actor, rest)));
      else if (isPrivacyCommand(sub)) return void (await respond(await privacyCommand(deps, client, actor, sub, rest, command.user_id)));
      else if (sub === ADMIN_SUBCOMMAND) text = await adminCommand(deps, client, actor, command.team_id, rest.join(' '));
      else if (sub === 'requests') text = await requestsText(deps, actor, tr);
      else if (sub === 'feedback' || sub === 'tilbakemelding') {
        text = escapeMrkdwn(await showFeedback(deps.ctx, actor, 'slack', rest));
        deps.kick();
      }
      else if (sub === 'profile') text = await profileText(deps, actor, tr);
      else if (sub === 'leave') {
        await withdrawConsent(deps.ctx, actor, 'slack');
        deps.kick();
        text = tr.t('consent.withdrawn');
      } else text = helpText(tr, deps.command, hasRole(actor, 'admin'));
      await respond({ response_type: 'ephemeral', text });
    } catch (error) {
      if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error) }, 'a Slack command failed');
      await respond({ response_type: 'ephemeral', text: describeError(error, tr) });
    }
  });

  app.shortcut(REQUEST_SHORTCUT, async ({ shortcut, ack, client }) => {
    await ack();
    const teamId = shortcut.team?.id ?? shortcut.user.team_id ?? '';
    const actor = await slackActor(deps, client, teamId, shortcut.user.id);
    try {
      const result = await openRequestModal(deps, client, actor, shortcut.trigger_id);
      // A global shortcut has no channel to answer in: the answer goes to the app's DM.
      if (!result.opened) await client.chat.postMessage({ channel: shortcut.user.id, text: result.text });
    } catch (error) {
      await client.chat.postEphemeral({ channel: shortcut.user.id, user: shortcut.user.id, text: describeError(error, translatorOf(deps, actor)) }).catch(() => undefined);
    }
  });
}
