// Admins in Teams: typed commands (`admin`, `admin grant staff <e-mail>` …, in English and
// Norwegian) and the admin card (staff, grant and revoke by e-mail, add a unit or programme).
// The use cases authorize and audit; this file reads what was typed or pressed, calls one use
// case and answers in the admin's language. A card is only replaced for admins: anyone else
// pressing a button on a shared card gets the answer as a reply, and the card stays.
import type { TurnContext } from 'botbuilder';
import { addProgramme } from '../../app/add-programme.ts';
import { addUnit } from '../../app/add-unit.ts';
import { grantRoleByEmail, type GrantableRole, type RoleChange } from '../../app/grant-role.ts';
import { showAdminPanel, type AdminPanel } from '../../app/show-admin-panel.ts';
import { hasRole, type Actor } from '../../app/support/actor.ts';
import { card, type CardInput } from '../../domain/cards.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import { adminPanelCard, programmeFormCard, unitFormCard } from '../../domain/messages/admin-cards.ts';
import { cardActivity } from './adaptive-cards.ts';
import type { TeamsDeps } from './context.ts';
import { problemsOf, replaceForm } from './forms.ts';

export const ADD_UNIT_FORM = 'admin_add_unit_form';
export const ADD_PROGRAMME_FORM = 'admin_add_programme_form';
const ADMIN_SUBMITS = new Set(['admin_grant_staff', 'admin_revoke_staff', 'admin_add_unit', 'admin_add_programme', ADD_UNIT_FORM, ADD_PROGRAMME_FORM]);
/** Staff listed on the card; the card says how many more there are. */
const STAFF_SHOWN = 30;

const VERBS: Readonly<Record<string, boolean>> = { grant: true, gi: true, revoke: false, remove: false, fjern: false };
const ROLES: Readonly<Record<string, GrantableRole>> = { staff: 'staff', ansatt: 'staff', admin: 'admin', administrator: 'admin' };

export type AdminCommand = { kind: 'panel' } | { kind: 'usage' } | { kind: 'role'; granted: boolean; role: GrantableRole; email: string };

type Values = Record<string, unknown>;

/** A typed message as plain words: mentions dropped, links (Teams sends a typed e-mail as a mailto link) reduced to their text. */
export function plainText(html: string): string {
  return html
    .replace(/<at>.*?<\/at>/gis, ' ')
    .replace(/<a\b[^>]*>(.*?)<\/a>/gis, '$1')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `admin …` in either language, or null when the message is not an admin command. */
export function parseAdminCommand(text: string): AdminCommand | null {
  const words = plainText(text).toLowerCase().split(' ').filter(Boolean);
  if (words[0] !== 'admin') return null;
  if (words.length === 1) return { kind: 'panel' };
  const [, verb = '', role = '', email, ...rest] = words;
  const granted = Object.hasOwn(VERBS, verb) ? VERBS[verb] : undefined;
  const grantable = Object.hasOwn(ROLES, role) ? ROLES[role] : undefined;
  if (granted === undefined || !grantable || !email || rest.length > 0) return { kind: 'usage' };
  return { kind: 'role', granted, role: grantable, email };
}

export function isAdminSubmit(action: unknown): boolean {
  return typeof action === 'string' && ADMIN_SUBMITS.has(action);
}

const isForbidden = (error: unknown) => error instanceof DomainError && error.code === 'forbidden' && error.details.params?.reason !== 'ownAdmin';
const text = (values: Values, name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : '');
const nameOf = (t: Translator, item: { nameNb: string; nameEn: string }) => (t.locale === 'nb' ? item.nameNb : item.nameEn);

function roleAnswer(t: Translator, change: RoleChange, role: GrantableRole, granted: boolean, email: string): string {
  const key = change.pending ? 'pending' : !change.changed ? (granted ? 'alreadyHas' : 'alreadyLacks') : granted ? 'granted' : 'revoked';
  return t.t(`teamsAdmin.role.${key}`, { email: change.person.email ?? email, role: t.t(`roles.${role}`), name: change.person.displayName });
}

/** The words for a refused role change; anything that is not a refusal is thrown on. */
function roleProblem(error: unknown, t: Translator, email: string): string {
  if (!(error instanceof DomainError)) throw error;
  if (error.code === 'forbidden') return t.t(error.details.params?.reason === 'ownAdmin' ? 'teamsAdmin.ownAdmin' : 'teamsAdmin.forbidden');
  if (error.code === 'not_found') return t.t('teamsAdmin.notFound', { email: email.toLowerCase() });
  if (error.code === 'validation') return email ? t.t('teamsAdmin.badEmail', { email }) : t.t('teamsAdmin.noEmail');
  throw error;
}

async function changeRole(deps: TeamsDeps, actor: Actor, t: Translator, role: GrantableRole, granted: boolean, email: string): Promise<{ ok: boolean; line: string }> {
  try {
    const change = await grantRoleByEmail(deps.ctx, actor, email, role, granted);
    return { ok: true, line: roleAnswer(t, change, role, granted, email) };
  } catch (error) {
    return { ok: false, line: roleProblem(error, t, email) };
  }
}

const overview = (deps: TeamsDeps, actor: Actor): Promise<AdminPanel> => showAdminPanel(deps.ctx, actor, { staffShown: STAFF_SHOWN });

/** The admin card, with a line on top saying what just happened, and the e-mail kept when it did not work. */
function panelActivity(t: Translator, data: AdminPanel, notice?: string, person = '') {
  const panel = adminPanelCard(t, data);
  const inputs = (panel.inputs ?? []).map((input) => (input.id === 'person' && person ? { ...input, initial: person } : input));
  return cardActivity(card({ ...panel, text: [notice, panel.text].filter(Boolean).join('\n\n'), inputs }));
}

function withTyped(inputs: readonly CardInput[], values: Values): CardInput[] {
  return inputs.map((input) => (text(values, input.id) ? { ...input, initial: text(values, input.id) } : input));
}

function formActivity(t: Translator, kind: 'unit' | 'programme', units: AdminPanel['units'], values: Values = {}, problems: string[] = []) {
  const base = kind === 'unit' ? unitFormCard(t, units) : programmeFormCard(t, units);
  const problemText = problems.length ? t.t('form.request.problems', { problems: problems.join(' · ') }) : undefined;
  return cardActivity(card({ ...base, text: problemText, inputs: withTyped(base.inputs ?? [], values) }), {
    form: kind === 'unit' ? ADD_UNIT_FORM : ADD_PROGRAMME_FORM,
    label: t.t('admin.form.save'),
    requiredText: t.t('validation.required'),
  });
}

/** Typed `admin …`: the card, a role change, or what to write. */
export async function handleAdminCommand(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, command: AdminCommand): Promise<void> {
  if (command.kind === 'usage') return void (await context.sendActivity(t.t(hasRole(actor, 'admin') ? 'teamsAdmin.usage' : 'teamsAdmin.forbidden')));
  if (command.kind === 'role') return void (await context.sendActivity((await changeRole(deps, actor, t, command.role, command.granted, command.email)).line));
  try {
    await context.sendActivity(panelActivity(t, await overview(deps, actor)));
  } catch (error) {
    if (!isForbidden(error)) throw error;
    await context.sendActivity(t.t('teamsAdmin.forbidden'));
  }
}

async function submitCatalogForm(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, kind: 'unit' | 'programme', values: Values): Promise<void> {
  try {
    let notice: string;
    if (kind === 'unit') {
      const { unit, created } = await addUnit(deps.ctx, actor, { code: text(values, 'code'), nameNb: text(values, 'nameNb'), nameEn: text(values, 'nameEn'), kind: text(values, 'kind'), parentCode: text(values, 'parentCode') });
      notice = t.t(created ? 'teamsAdmin.unitAdded' : 'teamsAdmin.unitUpdated', { code: unit.code, name: nameOf(t, unit) });
    } else {
      const { programme, created } = await addProgramme(deps.ctx, actor, { code: text(values, 'code'), nameNb: text(values, 'nameNb'), nameEn: text(values, 'nameEn'), level: text(values, 'level'), unitCode: text(values, 'unitCode') });
      notice = t.t(created ? 'teamsAdmin.programmeAdded' : 'teamsAdmin.programmeUpdated', { code: programme.code, name: nameOf(t, programme) });
    }
    await replaceForm(context, panelActivity(t, await overview(deps, actor), notice));
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'validation')) throw error;
    const data = await overview(deps, actor);
    const base = kind === 'unit' ? unitFormCard(t, data.units) : programmeFormCard(t, data.units);
    const labels = new Map((base.inputs ?? []).map((input) => [input.id, input.label]));
    await replaceForm(context, formActivity(t, kind, data.units, values, problemsOf(error, labels, t)));
  }
}

async function pressed(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, values: Values): Promise<void> {
  switch (values.action) {
    case 'admin_grant_staff':
    case 'admin_revoke_staff': {
      const email = text(values, 'person');
      const result = await changeRole(deps, actor, t, 'staff', values.action === 'admin_grant_staff', email);
      if (!hasRole(actor, 'admin')) return void (await context.sendActivity(result.line));
      return replaceForm(context, panelActivity(t, await overview(deps, actor), result.line, result.ok ? '' : email));
    }
    case 'admin_add_unit':
      return replaceForm(context, formActivity(t, 'unit', (await overview(deps, actor)).units));
    case 'admin_add_programme': {
      const data = await overview(deps, actor);
      return replaceForm(context, data.units.length ? formActivity(t, 'programme', data.units) : panelActivity(t, data, t.t('teamsAdmin.unitFirst')));
    }
    case ADD_UNIT_FORM:
      return submitCatalogForm(deps, context, actor, t, 'unit', values);
    case ADD_PROGRAMME_FORM:
      return submitCatalogForm(deps, context, actor, t, 'programme', values);
  }
}

/** A press on the admin card or a submit of its forms. Someone who is not an admin gets a reply saying so. */
export async function handleAdminSubmit(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, values: Values): Promise<void> {
  try {
    await pressed(deps, context, actor, t, values);
  } catch (error) {
    if (!isForbidden(error)) throw error;
    await context.sendActivity(t.t('teamsAdmin.forbidden'));
  }
}
