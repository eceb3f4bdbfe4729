// The request form as neutral inputs: the Slack modal and the Teams card form both render this,
// so the fields, their limits and their labels are written once. Field ids are the request's
// field names, so submissions map straight onto postRequest's input.
import { card, type Card, type CardInput, type CardOption } from '../cards.ts';
import type { Translator } from '../i18n/translator.ts';
import { MAX_TAGS } from '../tags.ts';
import { REQUEST_FORMATS, REQUEST_TYPES } from '../vocabulary.ts';

export interface FormChoice {
  id: string;
  nameNb: string;
  nameEn: string;
}

export interface RequestFormOptions {
  units: readonly FormChoice[];
  /** Each programme belongs to a unit; the form groups them under their unit. */
  programmes: readonly (FormChoice & { unitId?: string })[];
  /** Ask for the channel to post in (Slack); Teams posts where the form was opened. */
  withChannel: boolean;
}

const nameOf = (item: FormChoice, tr: Translator) => (tr.locale === 'nb' ? item.nameNb : item.nameEn);
const choice = (item: FormChoice, tr: Translator): CardOption => ({ value: item.id, label: nameOf(item, tr) });
const byLabel = (a: CardOption, b: CardOption) => (a.group ?? '').localeCompare(b.group ?? '', 'nb') || a.label.localeCompare(b.label, 'nb');

/** Programmes under their unit's name, units and names in alphabetical order. Nothing is left out. */
export function programmeOptions(tr: Translator, options: Pick<RequestFormOptions, 'units' | 'programmes'>): CardOption[] {
  const units = new Map(options.units.map((unit) => [unit.id, nameOf(unit, tr)]));
  return options.programmes.map((programme) => ({ ...choice(programme, tr), group: programme.unitId ? units.get(programme.unitId) : undefined })).sort(byLabel);
}

/** What someone sees instead of the form on a fresh install with no units (`how` says where admins add them). */
export function noUnitsText(tr: Translator, isAdmin: boolean, how: string): string {
  return isAdmin ? tr.t('admin.noUnits.admin', { how }) : tr.t('admin.noUnits.other');
}

export function requestFormInputs(tr: Translator, options: RequestFormOptions): CardInput[] {
  const inputs: CardInput[] = [
    { id: 'title', label: tr.t('form.request.title'), kind: 'text', required: true, maxLength: 150 },
    { id: 'type', label: tr.t('request.facts.type'), kind: 'select', required: true, options: REQUEST_TYPES.map((type) => ({ value: type, label: tr.t(`requestType.${type}`) })) },
    { id: 'unitId', label: tr.t('request.facts.unit'), kind: 'select', required: true, options: options.units.map((unit) => choice(unit, tr)).sort(byLabel) },
    { id: 'programmeId', label: tr.t('request.facts.programme'), kind: 'select', required: false, options: programmeOptions(tr, options) },
    { id: 'course', label: tr.t('form.request.course'), kind: 'text', required: false, maxLength: 100 },
    { id: 'description', label: tr.t('form.request.description'), kind: 'multiline', required: true, maxLength: 3000 },
    { id: 'expertise', label: tr.t('request.facts.expertise'), kind: 'text', required: false, maxLength: 500, placeholder: tr.t('form.request.expertiseHint', { max: MAX_TAGS }) },
    { id: 'startsAt', label: tr.t('form.request.startsAt'), kind: 'datetime', required: true },
    { id: 'format', label: tr.t('request.facts.format'), kind: 'select', required: true, options: REQUEST_FORMATS.map((format) => ({ value: format, label: tr.t(`format.${format}`) })), initial: 'campus' },
    { id: 'needed', label: tr.t('request.facts.needed'), kind: 'number', required: true, min: 1, max: 50, initial: '1' },
    { id: 'replyBy', label: tr.t('request.facts.replyBy'), kind: 'date', required: true },
    {
      id: 'reviewShortlist',
      label: tr.t('form.request.reviewShortlist'),
      kind: 'select',
      required: false,
      options: [{ value: 'no', label: tr.t('form.request.sendAtOnce') }, { value: 'yes', label: tr.t('form.request.reviewFirst') }],
      initial: 'no',
    },
  ];
  if (options.withChannel) inputs.push({ id: 'channel', label: tr.t('form.request.channel'), kind: 'channel', required: true });
  return inputs;
}

export function requestFormCard(tr: Translator, options: RequestFormOptions): Card {
  return card({ title: tr.t('form.request.heading'), text: tr.t('form.request.intro'), inputs: requestFormInputs(tr, options) });
}
