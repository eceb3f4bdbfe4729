// Admins from chat: `/alumni admin …` gives or takes away a role (by mention or e-mail), and the
// App Home admin panel grants and revokes with a person picker and adds units and programmes in
// modals. The use cases authorise and audit; this file parses, calls one of them and answers, in
// the admin's language. Nobody is looked up before the actor is known to be an admin, so a
// refused command writes nothing.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { addProgramme } from '../../../app/add-programme.ts';
import { addUnit } from '../../../app/add-unit.ts';
import { grantRole, grantRoleByEmail, type GrantableRole, type RoleChange } from '../../../app/grant-role.ts';
import { showAdminPanel } from '../../../app/show-admin-panel.ts';
import { hasRole, requireRole, type Actor } from '../../../app/support/actor.ts';
import { DomainError } from '../../../domain/errors.ts';
import { describeError } from '../../../domain/i18n/describe-error.ts';
import type { Translator } from '../../../domain/i18n/translator.ts';
import { adminPanelCard, programmeFormCard, programmeFormInputs, unitFormCard, unitFormInputs, type AdminPanelData } from '../../../domain/messages/admin-cards.ts';
import { safeError } from '../../../logger.ts';
import { escapeMrkdwn, modalView } from '../blocks.ts';
import { slackActor, slackPerson, translatorOf, type SlackDeps } from '../context.ts';
import { fieldErrors } from '../errors.ts';
import type { SuggestionSource } from '../request-modal.ts';
import { readViewValues } from '../view-values.ts';
import { publishHome } from './home.ts';

export const ADD_UNIT_CALLBACK = 'admin_add_unit';
export const ADD_PROGRAMME_CALLBACK = 'admin_add_programme';
export const ADMIN_CALLBACKS = [ADD_UNIT_CALLBACK, ADD_PROGRAMME_CALLBACK];

type Target = { userId: string } | { email: string };
export type AdminCommand = { kind: 'help' } | { kind: 'usage' } | { kind: 'role'; granted: boolean; role: GrantableRole; target: Target };

// Slack escapes the command text (should_escape): a mention arrives as <@U123|name> (or <@U123>),
// an e-mail address as <mailto:a@b.no|a@b.no> or as typed.
const ROLE_COMMAND = /^(grant|revoke)\s+(staff|admin)\s+(.+)$/i;
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const MAILTO = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/;
const EMAIL_LIKE = /^[^\s<>|@]+@[^\s<>|@]+$/;

/** What follows `/alumni admin`. */
export function parseAdminCommand(text: string): AdminCommand {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.toLowerCase() === 'help') return { kind: 'help' };
  const match = ROLE_COMMAND.exec(trimmed);
  if (!match) return { kind: 'usage' };
  const target = match[3]!.trim();
  const userId = MENTION.exec(target)?.[1];
  const email = MAILTO.exec(target)?.[1] ?? (EMAIL_LIKE.test(target) ? target : undefined);
  if (!userId && !email) return { kind: 'usage' };
  return { kind: 'role', granted: match[1]!.toLowerCase() === 'grant', role: match[2]!.toLowerCase() as GrantableRole, target: userId ? { userId } : { email: email! } };
}

function roleChangeText(tr: Translator, result: RoleChange, role: GrantableRole, granted: boolean): string {
  const params = { name: result.person.displayName, email: result.person.email ?? '', role: tr.t(`roles.${role}`) };
  if (result.pending) return tr.t('admin.slack.pending', params);
  const key = !result.changed ? (granted ? 'alreadyHas' : 'alreadyLacks') : granted ? 'granted' : 'revoked';
  return tr.t(`admin.slack.${key}`, params);
}

/** Refusals an admin can act on, in words; anything else is thrown on. */
function refusalText(error: unknown, tr: Translator): string {
  if (error instanceof DomainError && error.code === 'forbidden' && error.details.params?.reason === 'ownAdmin') return tr.t('admin.slack.ownAdmin');
  if (error instanceof DomainError && error.code === 'not_found' && typeof error.details.params?.email === 'string') return tr.t('admin.slack.unknownEmail', { email: error.details.params.email });
  throw error;
}

/** Grants or revokes; a mentioned user the bot has never seen is resolved through Slack first. Plain text (not mrkdwn). */
async function changeRole(deps: SlackDeps, client: WebClient, actor: Actor, teamId: string, command: Extract<AdminCommand, { kind: 'role' }>): Promise<string> {
  requireRole(actor, 'admin');
  const tr = translatorOf(deps, actor);
  try {
    if ('email' in command.target) return roleChangeText(tr, await grantRoleByEmail(deps.ctx, actor, command.target.email, command.role, command.granted), command.role, command.granted);
    const person = await slackPerson(deps, client, teamId, command.target.userId);
    if (!person) return tr.t('admin.slack.unknownUser');
    return roleChangeText(tr, await grantRole(deps.ctx, actor, person.personId, command.role, command.granted, person.seen), command.role, command.granted);
  } catch (error) {
    return refusalText(error, tr);
  }
}

/** `/alumni admin …` as an ephemeral answer (mrkdwn). Non-admins are told so, and nothing is done. */
export async function adminCommand(deps: SlackDeps, client: WebClient, actor: Actor, teamId: string, text: string): Promise<string> {
  const tr = translatorOf(deps, actor);
  const command = { command: deps.command };
  if (!hasRole(actor, 'admin')) return escapeMrkdwn(tr.t('admin.slack.notAdmin', command));
  const parsed = parseAdminCommand(text);
  if (parsed.kind === 'usage') return escapeMrkdwn(tr.t('admin.slack.usage', command));
  if (parsed.kind === 'role') return escapeMrkdwn(await changeRole(deps, client, actor, teamId, parsed));
  const lines = ['helpGrant', 'helpRevoke', 'helpHome', 'helpCli'].map((key) => escapeMrkdwn(tr.t(`admin.slack.${key}`, command)));
  lines.push(...['digest.slack.help', 'digest.slack.reportHelp'].map((key) => escapeMrkdwn(tr.t(key, command))));
  return [`*${tr.t('admin.slack.helpTitle')}*`, ...lines].join('\n');
}

const nameOf = (tr: Translator, item: { nameNb: string; nameEn: string }) => (tr.locale === 'nb' ? item.nameNb : item.nameEn);
const teamOf = (body: { team?: { id: string } | null; user: { team_id?: string } }) => body.team?.id ?? body.user.team_id ?? '';
const unitsOf = async (deps: SlackDeps, actor: Actor): Promise<AdminPanelData['units']> => (await showAdminPanel(deps.ctx, actor, { staffShown: 0 })).units;

/** The long selects of the admin modals (units), served as the admin types. */
export const ADMIN_SUGGESTIONS: Record<string, SuggestionSource> = {
  [ADD_UNIT_CALLBACK]: async (deps, actor) => ({ inputs: unitFormInputs(translatorOf(deps, actor), await unitsOf(deps, actor)) }),
  [ADD_PROGRAMME_CALLBACK]: async (deps, actor) => ({ inputs: programmeFormInputs(translatorOf(deps, actor), await unitsOf(deps, actor)) }),
};

function registerPanelButtons(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(/^admin_(grant|revoke)_staff$/, async ({ ack, body, action, client }) => {
    await ack();
    const actor = await slackActor(deps, client, teamOf(body), body.user.id);
    const tr = translatorOf(deps, actor);
    const inputs = adminPanelCard(tr, { staff: [], units: [], programmeCount: 0 }).inputs ?? [];
    const picked = readViewValues(inputs, body.view?.state?.values, deps.ctx.settings.timeZone).person;
    let notice: string;
    try {
      const granted = action.action_id === 'admin_grant_staff';
      notice = typeof picked === 'string' ? await changeRole(deps, client, actor, teamOf(body), { kind: 'role', granted, role: 'staff', target: { userId: picked } }) : tr.t('admin.slack.pickPerson');
    } catch (error) {
      if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error) }, 'a Slack admin action failed');
      notice = describeError(error, tr);
    }
    await publishHome(deps, client, actor, body.user.id, notice);
  });

  app.action<BlockAction<ButtonAction>>(/^admin_add_(unit|programme)$/, async ({ ack, body, action, client }) => {
    await ack();
    const actor = await slackActor(deps, client, teamOf(body), body.user.id);
    const tr = translatorOf(deps, actor);
    const isUnit = action.action_id === 'admin_add_unit';
    try {
      const units = await unitsOf(deps, actor);
      if (!isUnit && units.length === 0) return await publishHome(deps, client, actor, body.user.id, tr.t('admin.slack.addUnitFirst'));
      const form = isUnit ? unitFormCard(tr, units) : programmeFormCard(tr, units);
      await client.views.open({ trigger_id: body.trigger_id, view: modalView(isUnit ? ADD_UNIT_CALLBACK : ADD_PROGRAMME_CALLBACK, form, tr.t('admin.form.save'), tr.t('modal.cancel')) as never });
    } catch (error) {
      if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error) }, 'opening an admin form failed');
      await publishHome(deps, client, actor, body.user.id, describeError(error, tr));
    }
  });
}

type Save = (deps: SlackDeps, actor: Actor, tr: Translator, values: Record<string, unknown>) => Promise<string>;

const saveUnit: Save = async (deps, actor, tr, values) => {
  const { unit, created } = await addUnit(deps.ctx, actor, values);
  return tr.t(created ? 'admin.slack.unitCreated' : 'admin.slack.unitUpdated', { code: unit.code, name: nameOf(tr, unit) });
};

const saveProgramme: Save = async (deps, actor, tr, values) => {
  const { programme, created } = await addProgramme(deps.ctx, actor, values);
  return tr.t(created ? 'admin.slack.programmeCreated' : 'admin.slack.programmeUpdated', { code: programme.code, name: nameOf(tr, programme) });
};

const FORMS = [
  { callback: ADD_UNIT_CALLBACK, inputs: unitFormInputs, save: saveUnit },
  { callback: ADD_PROGRAMME_CALLBACK, inputs: programmeFormInputs, save: saveProgramme },
];

/** Each submission saves through its use case: problems go next to their fields; success closes the modal and refreshes the home tab. */
function registerForms(app: App, deps: SlackDeps): void {
  for (const form of FORMS) {
    app.view(form.callback, async ({ ack, body, view, client }) => {
      const actor = await slackActor(deps, client, teamOf(body), body.user.id);
      const tr = translatorOf(deps, actor);
      const fields = form.inputs(tr, [{ code: '', nameNb: '', nameEn: '' }]).map((input) => input.id);
      let notice: string;
      try {
        const inputs = form.inputs(tr, await unitsOf(deps, actor));
        notice = await form.save(deps, actor, tr, readViewValues(inputs, view.state.values, deps.ctx.settings.timeZone));
      } catch (error) {
        if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error), form: form.callback }, 'saving an admin form failed');
        const errors = error instanceof DomainError && error.code === 'validation' ? fieldErrors(error, tr, fields) : { code: describeError(error, tr) };
        return void (await ack({ response_action: 'errors', errors }));
      }
      await ack();
      await publishHome(deps, client, actor, body.user.id, notice);
    });
  }
}

export function registerAdmin(app: App, deps: SlackDeps): void {
  registerPanelButtons(app, deps);
  registerForms(app, deps);
}
