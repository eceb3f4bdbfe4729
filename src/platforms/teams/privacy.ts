// Privacy in Teams: `mydata` / `mine data` (the file-consent card flow of file-upload.ts: the
// person accepts, the bot uploads the JSON to the upload URL Teams gives and answers with a file
// card), `erase` / `slett meg` (a confirmation card), `link` / `koble` (a code, or a code typed here), `admin
// audit`, and the renewal reminder's "Keep my consent" button.
import type { FileConsentCardResponse, TurnContext } from 'botbuilder';
import { eraseMyData } from '../../app/privacy/erase-person.ts';
import { exportBytes, exportMyData } from '../../app/privacy/export-my-data.ts';
import { createLinkCode, redeemLinkCode } from '../../app/privacy/link-identities.ts';
import { listAudit } from '../../app/privacy/list-audit.ts';
import { renewConsent } from '../../app/privacy/renew-consent.ts';
import { hasRole, type Actor } from '../../app/support/actor.ts';
import { textCard } from '../../domain/cards.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import { looksLikeLinkCode } from '../../domain/privacy/link-code.ts';
import { auditLines, eraseConfirmCard, linkCodeText, sizeText } from '../../domain/privacy/privacy-cards.ts';
import { cardActivity } from './adaptive-cards.ts';
import { plainText } from './admin.ts';
import { rememberConversation, type TeamsDeps } from './context.ts';
import { fileOffer, uploadAccepted } from './file-upload.ts';
import { replaceForm } from './forms.ts';

/** Typed words, in English and Norwegian; the manifest test holds the manifest to these. */
export const PRIVACY_WORDS: Readonly<Record<string, 'mydata' | 'erase' | 'link'>> = {
  mydata: 'mydata', 'my data': 'mydata', 'mine data': 'mydata',
  erase: 'erase', 'erase me': 'erase', 'slett meg': 'erase',
  link: 'link', koble: 'link',
};

export type PrivacyCommand = { kind: 'mydata' } | { kind: 'erase' } | { kind: 'link'; code: string | null } | { kind: 'audit'; count: string | undefined; extra: boolean };

const AUDIT_LINES = 20;
const AUDIT_MAX = 100;

/** A privacy command in what was typed, or null. A bare link code counts only when `codeAlone` (no other command matched). */
export function parsePrivacyCommand(typed: string, codeAlone = false): PrivacyCommand | null {
  const text = plainText(typed).toLowerCase().trim();
  const words = text.split(/\s+/);
  if (words[0] === 'admin' && words[1] === 'audit') return { kind: 'audit', count: words[2], extra: words.length > 3 };
  const kind = Object.hasOwn(PRIVACY_WORDS, text) ? PRIVACY_WORDS[text] : undefined;
  if (kind === 'link') return { kind: 'link', code: null };
  if (kind) return { kind };
  if ((words[0] === 'link' || words[0] === 'koble') && words.length > 1) return { kind: 'link', code: words.slice(1).join(' ') };
  if (codeAlone && looksLikeLinkCode(text)) return { kind: 'link', code: text };
  return null;
}

/** Help lines for the privacy commands (and audit, for admins). */
export function privacyHelp(t: Translator, isAdmin: boolean): string[] {
  const lines = ['mydata', 'erase', 'link'].map((sub) => t.t(`privacy.help.${sub}`, { command: '' }).replace(/^`\s*/, '`'));
  return isAdmin ? [...lines, t.t('privacy.help.audit', { command: '' }).replace(/^`\s*/, '`')] : lines;
}

async function offerMyData(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator): Promise<void> {
  const data = await exportMyData(deps.ctx, actor, { audit: false });
  const size = (await exportBytes(data)).length;
  await context.sendActivity(fileOffer(t.t('privacy.mydata.teamsOffer', { size: sizeText(size) }), { name: data.filename, size, description: t.t('privacy.mydata.comment') }, { personId: actor.personId, file: 'mydata' }));
}

async function audit(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, command: Extract<PrivacyCommand, { kind: 'audit' }>): Promise<void> {
  if (!hasRole(actor, 'admin')) return void (await context.sendActivity(t.t('errors.forbidden')));
  const limit = command.count === undefined ? AUDIT_LINES : Number(command.count);
  if (!Number.isInteger(limit) || limit < 1 || limit > AUDIT_MAX || command.extra) return void (await context.sendActivity(t.t('privacy.audit.usage', { command: '' }).trim()));
  const entries = await listAudit(deps.ctx, actor, { limit });
  await context.sendActivity([`**${t.t('privacy.audit.title')}**`, ...auditLines(t, entries)].join('\n\n'));
}

export async function handlePrivacyCommand(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, command: PrivacyCommand): Promise<void> {
  if (command.kind === 'mydata') return offerMyData(deps, context, actor, t);
  if (command.kind === 'erase') return void (await context.sendActivity(cardActivity(eraseConfirmCard(t, actor.personId))));
  if (command.kind === 'audit') return audit(deps, context, actor, t, command);
  if (command.code === null) {
    const { code, minutes } = await createLinkCode(deps.ctx, actor, 'teams');
    return void (await context.sendActivity(linkCodeText(t, code, minutes, 'teams', '/alumni')));
  }
  await redeemLinkCode(deps.ctx, actor, 'teams', command.code);
  // This chat now belongs to a person who may have it kept (for messages the bot sends later).
  await rememberConversation(deps, context);
  await context.sendActivity(t.t('privacy.link.linked'));
}

export const PRIVACY_ACTIONS = ['erase_confirm', 'erase_cancel', 'consent_renew'] as const;

export function isPrivacyAction(action: unknown): action is (typeof PRIVACY_ACTIONS)[number] {
  return typeof action === 'string' && (PRIVACY_ACTIONS as readonly string[]).includes(action);
}

/** A press on the erase confirmation or a renewal reminder: the card is replaced by the answer. */
export async function handlePrivacyButton(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, action: (typeof PRIVACY_ACTIONS)[number], value: string): Promise<void> {
  let text: string;
  if (action === 'erase_cancel') text = t.t('privacy.erase.cancelled');
  else if (action === 'erase_confirm') {
    const result = await eraseMyData(deps.ctx, actor, value);
    text = t.t(result.outcome === 'erased' ? 'privacy.erase.done' : result.outcome === 'bare' ? 'privacy.erase.nothing' : 'privacy.erase.already');
  } else {
    const consent = await renewConsent(deps.ctx, actor, 'teams', value);
    text = t.t('privacy.renew.renewed', { purposes: t.list(consent.purposes.map((type) => t.t(`requestType.${type}`).toLowerCase())) });
  }
  deps.kick();
  await replaceForm(context, cardActivity(textCard(text)));
}

/** The person accepted the file: the export is read again now and uploaded where Teams said (file-consent.ts checked it is theirs). */
export async function acceptMyDataFile(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, response: FileConsentCardResponse): Promise<void> {
  await uploadAccepted(deps, context, response, async () => Buffer.from(await exportBytes(await exportMyData(deps.ctx, actor))), {
    saved: (name) => t.t('privacy.mydata.saved', { name }),
    failed: t.t('privacy.mydata.failed'),
  });
}

export async function declineMyDataFile(context: TurnContext, t: Translator): Promise<void> {
  await context.sendActivity(t.t('privacy.mydata.declined'));
}
