// Privacy in Slack: `/alumni mydata` (a JSON file in the DM, files.uploadV2), `/alumni erase`
// (a confirmation with the `erase_confirm` button), `/alumni link [code]`, `/alumni admin audit`
// and the "Keep my consent" button of a renewal reminder. Answers are ephemeral.
import type { App, BlockAction, ButtonAction, RespondArguments } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { eraseMyData } from '../../../app/privacy/erase-person.ts';
import { exportBytes, exportMyData } from '../../../app/privacy/export-my-data.ts';
import { createLinkCode, redeemLinkCode } from '../../../app/privacy/link-identities.ts';
import { listAudit } from '../../../app/privacy/list-audit.ts';
import { renewConsent } from '../../../app/privacy/renew-consent.ts';
import { hasRole, type Actor } from '../../../app/support/actor.ts';
import { DomainError } from '../../../domain/errors.ts';
import { describeError } from '../../../domain/i18n/describe-error.ts';
import { createTranslator, type Translator } from '../../../domain/i18n/translator.ts';
import { looksLikeLinkCode } from '../../../domain/privacy/link-code.ts';
import { auditLines, eraseConfirmCard, linkCodeText, sizeText } from '../../../domain/privacy/privacy-cards.ts';
import { safeError } from '../../../logger.ts';
import { cardToBlocks, escapeMrkdwn, fallbackText } from '../blocks.ts';
import { slackActor, translatorOf, type SlackDeps } from '../context.ts';

export const PRIVACY_SUBCOMMANDS = ['mydata', 'erase', 'link'] as const;
/** Entries `/alumni admin audit` shows unless a number is given (a message holds about 20 lines). */
const AUDIT_LINES = 20;
const AUDIT_MAX = 100;

export function isPrivacyCommand(sub: string): sub is (typeof PRIVACY_SUBCOMMANDS)[number] {
  return (PRIVACY_SUBCOMMANDS as readonly string[]).includes(sub);
}

/** `/alumni admin audit …` */
export function isAuditCommand(words: readonly string[]): boolean {
  return words[0]?.toLowerCase() === 'audit';
}

const say = (text: string): RespondArguments => ({ response_type: 'ephemeral', text });

/** The help lines for privacy (and the audit line for admins). */
export function privacyHelpLines(tr: Translator, command: string, isAdmin: boolean): string[] {
  return [...PRIVACY_SUBCOMMANDS.map((sub) => tr.t(`privacy.help.${sub}`, { command })), ...(isAdmin ? [tr.t('privacy.help.audit', { command })] : [])];
}

async function myData(deps: SlackDeps, client: WebClient, actor: Actor, tr: Translator, userId: string): Promise<RespondArguments> {
  const data = await exportMyData(deps.ctx, actor);
  const bytes = await exportBytes(data);
  const dm = await client.conversations.open({ users: userId });
  await client.files.uploadV2({ channel_id: String(dm.channel?.id), file: bytes, filename: data.filename, title: data.filename, initial_comment: tr.t('privacy.mydata.comment') });
  return say(tr.t('privacy.mydata.ready', { size: sizeText(bytes.length) }));
}

/** `/alumni mydata|erase|link [code]`. */
export async function privacyCommand(deps: SlackDeps, client: WebClient, actor: Actor, sub: (typeof PRIVACY_SUBCOMMANDS)[number], words: readonly string[], userId: string): Promise<RespondArguments> {
  const tr = translatorOf(deps, actor);
  if (sub === 'mydata') return myData(deps, client, actor, tr, userId);
  if (sub === 'erase') {
    const confirm = eraseConfirmCard(tr, actor.personId);
    return { response_type: 'ephemeral', text: fallbackText(confirm), blocks: cardToBlocks(confirm) };
  }
  if (words.length === 0) {
    const { code, minutes } = await createLinkCode(deps.ctx, actor, 'slack');
    return say(escapeMrkdwn(linkCodeText(tr, code, minutes, 'slack', deps.command)));
  }
  await redeemLinkCode(deps.ctx, actor, 'slack', words.join(' '));
  return say(tr.t('privacy.link.linked'));
}

/**
 * A link code typed in the bot's DM (after any open form had its turn): `link ABCD-EFGH` or the
 * code alone. The answer, or null when the text is not a code.
 */
export async function typedLinkCode(deps: SlackDeps, actor: Actor, text: string): Promise<string | null> {
  const words = text.trim().split(/\s+/);
  const code = words[0]?.toLowerCase() === 'link' && words.length > 1 ? words.slice(1).join(' ') : looksLikeLinkCode(text) ? text : null;
  if (code === null) return null;
  await redeemLinkCode(deps.ctx, actor, 'slack', code);
  return translatorOf(deps, actor).t('privacy.link.linked');
}

/** `/alumni admin audit [n]`: the newest entries, ids only. */
export async function auditCommand(deps: SlackDeps, actor: Actor, words: readonly string[]): Promise<RespondArguments> {
  const tr = translatorOf(deps, actor);
  if (!hasRole(actor, 'admin')) return say(escapeMrkdwn(tr.t('admin.slack.notAdmin', { command: deps.command })));
  const typed = words[1];
  const limit = typed === undefined ? AUDIT_LINES : Number(typed);
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_MAX || words.length > 2) return say(escapeMrkdwn(tr.t('privacy.audit.usage', { command: deps.command })));
  const entries = await listAudit(deps.ctx, actor, { limit });
  return say(escapeMrkdwn([`*${tr.t('privacy.audit.title')}*`, ...auditLines(tr, entries)].join('\n')));
}

type Pressed = BlockAction<ButtonAction>;

/** Runs a button's use case; the answer replaces the message that carried the button. */
function onButton(app: App, deps: SlackDeps, id: 'erase_confirm' | 'erase_cancel' | 'consent_renew', run: (actor: Actor, value: string, tr: Translator) => Promise<string>): void {
  app.action<Pressed>(id, async ({ ack, body, action, client, respond }) => {
    await ack();
    let tr = createTranslator(deps.ctx.settings.defaultLocale, deps.ctx.settings.timeZone);
    try {
      const actor = await slackActor(deps, client, body.team?.id ?? body.user.team_id ?? '', body.user.id);
      tr = translatorOf(deps, actor);
      const text = await run(actor, action.value ?? '', tr);
      deps.kick();
      await respond({ response_type: 'ephemeral', replace_original: true, text });
    } catch (error) {
      if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error), action: id }, 'a Slack privacy action failed');
      await respond({ response_type: 'ephemeral', replace_original: false, text: describeError(error, tr) });
    }
  });
}

export function registerPrivacy(app: App, deps: SlackDeps): void {
  onButton(app, deps, 'erase_confirm', async (actor, value, tr) => {
    const result = await eraseMyData(deps.ctx, actor, value);
    return tr.t(result.outcome === 'erased' ? 'privacy.erase.done' : result.outcome === 'bare' ? 'privacy.erase.nothing' : 'privacy.erase.already');
  });
  onButton(app, deps, 'erase_cancel', async (_actor, _value, tr) => tr.t('privacy.erase.cancelled'));
  onButton(app, deps, 'consent_renew', async (actor, value, tr) => {
    const consent = await renewConsent(deps.ctx, actor, 'slack', value);
    return tr.t('privacy.renew.renewed', { purposes: tr.list(consent.purposes.map((type) => tr.t(`requestType.${type}`).toLowerCase())) });
  });
}
