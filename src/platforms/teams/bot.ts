// The Teams bot: personal chat (welcome and consent on install, typed commands in nb and en,
// invitations with Adaptive Card buttons updated in place). It only translates: read the
// activity, call one use case, render, reply.
import { TeamsActivityHandler, type FileConsentCardResponse, type TurnContext } from 'botbuilder';
import { giveConsent } from '../../app/give-consent.ts';
import { listMyRequests } from '../../app/list-my-requests.ts';
import { withdrawConsent } from '../../app/withdraw-consent.ts';
import { hasRole, type Actor } from '../../app/support/actor.ts';
import { card, textCard, type Card } from '../../domain/cards.ts';
import { DomainError } from '../../domain/errors.ts';
import { describeError } from '../../domain/i18n/describe-error.ts';
import { createTranslator, type Translator } from '../../domain/i18n/translator.ts';
import { REQUEST_TYPES } from '../../domain/vocabulary.ts';
import { cardActivity } from './adaptive-cards.ts';
import { handleAdminCommand, handleAdminSubmit, isAdminSubmit, parseAdminCommand, plainText } from './admin.ts';
import { handleDigestCommand, handleDigestHelp, parseDigestCommand } from './admin-digest.ts';
import { rememberConversation, teamsActor, tenantOf, type TeamsDeps } from './context.ts';
import { EDIT_PROFILE_FORM, sendProfile, sendProfileForm, submitProfileForm } from './profile.ts';
import { replaceForm } from './forms.ts';
import { handleLifecycleButton, isLifecycleAction } from './lifecycle-buttons.ts';
import { answerTyped, handleFormButton, isFormButton, parseFeedbackCommand, sendFeedback } from './feedback.ts';
import { POST_REQUEST_FORM, sendRequestForm, submitRequestForm } from './request-form.ts';
import { safeError } from '../../logger.ts';
import { privacyOf } from '../../app/privacy/support.ts';
import { consentNotice } from '../../domain/privacy/privacy-cards.ts';
import { acceptOfferedFile, declineOfferedFile } from './file-consent.ts';
import { handlePrivacyButton, handlePrivacyCommand, isPrivacyAction, parsePrivacyCommand, privacyHelp, PRIVACY_WORDS } from './privacy.ts';

export const CONSENT_FORM = 'give_consent';
/**
 * Typed commands, in English and Norwegian; the manifest test holds the manifest to these.
 * `admin` also takes words after it (`admin grant staff <e-mail>`): admin.ts parses those.
 */
export const TEAMS_COMMANDS: Record<string, 'help' | 'join' | 'leave' | 'profile' | 'requests' | 'request' | 'admin' | 'feedback' | (typeof PRIVACY_WORDS)[string]> = {
  ...PRIVACY_WORDS,
  help: 'help', hjelp: 'help', join: 'join', 'bli med': 'join', leave: 'leave', 'meld av': 'leave',
  profile: 'profile', profil: 'profile', requests: 'requests', 'forespørsler': 'requests',
  request: 'request', 'forespørsel': 'request', admin: 'admin',
  feedback: 'feedback', tilbakemelding: 'feedback',
};

const tr = (deps: TeamsDeps, actor: Actor): Translator => createTranslator(actor.locale, deps.ctx.settings.timeZone);

function consentCard(t: Translator, ctx: TeamsDeps['ctx']): Card {
  return card({
    title: t.t('welcome.title'),
    text: [t.t('welcome.text'), consentNotice(t, privacyOf(ctx), 'teams', t.locale === 'nb' ? 'slett meg' : 'erase')].join('\n\n'),
    inputs: [{ id: 'purposes', label: t.t('modal.purposes'), kind: 'multiselect', required: true, options: REQUEST_TYPES.map((type) => ({ value: type, label: t.t(`requestType.${type}`) })) }],
  });
}

export class AlumniTeamsBot extends TeamsActivityHandler {
  constructor(private readonly deps: TeamsDeps) {
    super();
    this.onMembersAdded(async (context, next) => {
      const botJoined = (context.activity.membersAdded ?? []).some((member) => member.id === context.activity.recipient.id);
      if (botJoined && context.activity.conversation.conversationType === 'personal') await this.welcome(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /** Tenant allowlist and retries are settled before any handler runs: others get nothing. */
  override async run(context: TurnContext): Promise<void> {
    const tenant = tenantOf(context);
    if (this.deps.allowedTenants.length > 0 && !this.deps.allowedTenants.includes(tenant)) return;
    const id = context.activity.id;
    if (id && !(await this.deps.firstSeen(`${context.activity.conversation?.id ?? ''}:${id}`))) return;
    await super.run(context);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const actor = await teamsActor(this.deps, context);
    await rememberConversation(this.deps, context, actor);
    const t = tr(this.deps, actor);
    await context.sendActivity(cardActivity(consentCard(t, this.deps.ctx), { form: CONSENT_FORM, label: t.t('modal.join'), requiredText: t.t('validation.required') }));
  }

  /** "My data" or an admin report: the person accepted (or declined) the file the bot offered. */
  protected override async handleTeamsFileConsentAccept(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    await this.answering(context, (actor, t) => acceptOfferedFile(this.deps, context, actor, t, response));
  }

  protected override async handleTeamsFileConsentDecline(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    await this.answering(context, (_actor, t) => declineOfferedFile(context, t, response));
  }

  /** Runs a turn's work for the sender; a refusal or failure is answered in their language. */
  private async answering(context: TurnContext, work: (actor: Actor, t: Translator) => Promise<void>): Promise<void> {
    const actor = await teamsActor(this.deps, context);
    const t = tr(this.deps, actor);
    try {
      await work(actor, t);
    } catch (error) {
      if (!(error instanceof DomainError)) this.deps.logger.error({ err: safeError(error) }, 'a Teams invoke failed');
      await context.sendActivity(describeError(error, t));
    }
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const actor = await teamsActor(this.deps, context);
    await rememberConversation(this.deps, context, actor);
    const t = tr(this.deps, actor);
    try {
      const value = context.activity.value as { action?: unknown; value?: unknown; purposes?: unknown } | undefined;
      if (value && typeof value.action === 'string') await this.handleSubmit(context, actor, t, value);
      else if (!(await answerTyped(this.deps, context, actor))) await this.handleCommand(context, actor, t);
    } catch (error) {
      if (!(error instanceof DomainError)) this.deps.logger.error({ err: safeError(error) }, 'a Teams message failed');
      await context.sendActivity(describeError(error, t));
    }
  }

  private async handleCommand(context: TurnContext, actor: Actor, t: Translator): Promise<void> {
    const typed = (context.activity.text ?? '').slice(0, 1000);
    const digest = parseDigestCommand(typed);
    if (digest) return handleDigestCommand(this.deps, context, actor, t, digest);
    const admin = parseAdminCommand(typed);
    if (admin) return handleAdminCommand(this.deps, context, actor, t, admin);
    const feedback = parseFeedbackCommand(typed);
    if (feedback) return sendFeedback(this.deps, context, actor, feedback);
    const text = plainText(typed).toLowerCase().slice(0, 100);
    const privacy = parsePrivacyCommand(typed, !Object.hasOwn(TEAMS_COMMANDS, text) || Object.hasOwn(PRIVACY_WORDS, text));
    if (privacy) return handlePrivacyCommand(this.deps, context, actor, t, privacy);
    const command = (Object.hasOwn(TEAMS_COMMANDS, text) ? TEAMS_COMMANDS[text] : undefined) ?? 'help';
    if (command === 'request') {
      if (context.activity.conversation.conversationType !== 'channel') return void (await context.sendActivity(t.t('form.request.channelOnly')));
      return sendRequestForm(this.deps, context, actor, t);
    }
    if (command === 'join') return void (await context.sendActivity(cardActivity(consentCard(t, this.deps.ctx), { form: CONSENT_FORM, label: t.t('modal.join'), requiredText: t.t('validation.required') })));
    if (command === 'leave') {
      await withdrawConsent(this.deps.ctx, actor, 'teams');
      this.deps.kick();
      return void (await context.sendActivity(t.t('consent.withdrawn')));
    }
    if (command === 'profile') return sendProfile(this.deps, context, actor, t);
    if (command === 'requests') {
      const views = await listMyRequests(this.deps.ctx, actor);
      const lines = views.map((view) => t.t('list.item', { title: view.title, state: t.t(`requestState.${view.state}`), progress: t.t('request.progress', { count: view.needed, accepted: view.committed, needed: view.needed }) }));
      return void (await context.sendActivity(lines.length ? lines.join('\n\n') : t.t('list.none')));
    }
    const help = ['request', 'join', 'leave', 'profile', 'requests', 'help'].map((sub) => t.t(`help.${sub}`, { command: '' }).replace(/^`\s*/, '`'));
    help.splice(5, 0, t.t('forms.help.teams'), ...privacyHelp(t, hasRole(actor, 'admin')));
    if (hasRole(actor, 'admin')) help.push(t.t('teamsAdmin.help'), t.t('digest.teams.help'), t.t('digestFiles.report.help'));
    await context.sendActivity([`**${t.t('help.title')}**`, ...help].join('\n\n'));
  }

  private async handleSubmit(context: TurnContext, actor: Actor, t: Translator, value: { action?: unknown; value?: unknown; purposes?: unknown }): Promise<void> {
    if (isAdminSubmit(value.action)) return handleAdminSubmit(this.deps, context, actor, t, value as Record<string, unknown>);
    const id = typeof value.value === 'string' ? value.value : '';
    if (isLifecycleAction(value.action)) return handleLifecycleButton(this.deps, context, actor, t, value.action, id);
    if (isFormButton(value.action)) return handleFormButton(this.deps, context, actor, value.action, id);
    if (isPrivacyAction(value.action)) return handlePrivacyButton(this.deps, context, actor, t, value.action, id);
    let shown: Card | null = null;
    switch (value.action) {
      case CONSENT_FORM: {
        const purposes = typeof value.purposes === 'string' ? value.purposes.split(',').filter(Boolean) : [];
        const consent = await giveConsent(this.deps.ctx, actor, { purposes, source: 'teams' });
        // Now that they consented, their chat may be kept for the invitations to come.
        await rememberConversation(this.deps, context, { keepsPersonalData: true });
        shown = textCard(t.t('consent.given', { purposes: t.list(consent.purposes.map((type) => t.t(`requestType.${type}`).toLowerCase())) }));
        break;
      }
      case 'digest_help':
        return handleDigestHelp(this.deps, context, actor, t, id);
      case 'profile_edit':
        return sendProfileForm(this.deps, context, actor, t);
      case EDIT_PROFILE_FORM:
        return submitProfileForm(this.deps, context, actor, t, value as Record<string, unknown>);
      case POST_REQUEST_FORM:
        return submitRequestForm(this.deps, context, actor, t, value as Record<string, unknown>);
      default:
        return;
    }
    this.deps.kick();
    if (shown) await replaceForm(context, cardActivity(shown));
  }
}
