// What admins see: the admin panel (staff, units and programmes, and the buttons to change
// them), and the forms to add a unit or a programme. Slack shows the panel on the App Home tab;
// Teams sends it as a card on "admin". Written once, rendered by each platform.
import { card, type Card, type CardInput } from '../cards.ts';
import type { Translator } from '../i18n/translator.ts';

export interface AdminPanelData {
  staff: { displayName: string; email: string | null; admin: boolean }[];
  /** How many staff there are in all, when `staff` holds only the first of them. */
  staffTotal?: number;
  units: { code: string; nameNb: string; nameEn: string }[];
  programmeCount: number;
}

const name = (tr: Translator, item: { nameNb: string; nameEn: string }) => (tr.locale === 'nb' ? item.nameNb : item.nameEn);

export function adminPanelCard(tr: Translator, data: AdminPanelData): Card {
  const staff = data.staff.map((person) => `• ${person.displayName}${person.email ? ` (${person.email})` : ''}${person.admin ? ` – ${tr.t('roles.admin')}` : ''}`);
  const units = data.units.map((unit) => `${unit.code} ${name(tr, unit)}`);
  return card({
    title: tr.t('admin.panel.title'),
    text: [
      tr.t('admin.panel.staffHeading', { count: data.staffTotal ?? data.staff.length }),
      staff.length ? staff.join('\n') : tr.t('admin.panel.noStaff'),
      ...((data.staffTotal ?? 0) > data.staff.length ? [tr.t('admin.panel.moreStaff', { count: data.staffTotal! - data.staff.length })] : []),
      '',
      units.length ? tr.t('admin.panel.units', { count: units.length, units: units.join(', '), programmes: data.programmeCount }) : tr.t('admin.panel.noUnits'),
    ].join('\n'),
    inputs: [{ id: 'person', label: tr.t('admin.panel.person'), kind: 'user', required: false }],
    actions: [
      { id: 'admin_grant_staff', label: tr.t('admin.panel.grant'), value: 'staff', style: 'primary' },
      { id: 'admin_revoke_staff', label: tr.t('admin.panel.revoke'), value: 'staff' },
      { id: 'admin_add_unit', label: tr.t('admin.panel.addUnit'), value: 'unit' },
      { id: 'admin_add_programme', label: tr.t('admin.panel.addProgramme'), value: 'programme' },
    ],
  });
}

const KINDS = ['faculty', 'department', 'centre'] as const;
const LEVELS = ['bachelor', 'master', 'phd', 'other'] as const;

function unitChoices(tr: Translator, units: AdminPanelData['units']) {
  return units.map((unit) => ({ value: unit.code, label: `${unit.code} ${name(tr, unit)}` }));
}

/** Field ids are addUnit's input names. */
export function unitFormInputs(tr: Translator, units: AdminPanelData['units']): CardInput[] {
  return [
    { id: 'code', label: tr.t('admin.form.code'), kind: 'text', required: true, maxLength: 40, placeholder: tr.t('admin.form.unitCodeHint') },
    { id: 'nameNb', label: tr.t('admin.form.nameNb'), kind: 'text', required: true, maxLength: 200 },
    { id: 'nameEn', label: tr.t('admin.form.nameEn'), kind: 'text', required: false, maxLength: 200 },
    { id: 'kind', label: tr.t('admin.form.kind'), kind: 'select', required: true, options: KINDS.map((kind) => ({ value: kind, label: tr.t(`admin.unitKind.${kind}`) })), initial: 'department' },
    ...(units.length ? [{ id: 'parentCode', label: tr.t('admin.form.parent'), kind: 'select' as const, required: false, options: unitChoices(tr, units) }] : []),
  ];
}

/** Field ids are addProgramme's input names. Only offered when there is a unit. */
export function programmeFormInputs(tr: Translator, units: AdminPanelData['units']): CardInput[] {
  return [
    { id: 'code', label: tr.t('admin.form.code'), kind: 'text', required: true, maxLength: 40, placeholder: tr.t('admin.form.programmeCodeHint') },
    { id: 'nameNb', label: tr.t('admin.form.nameNb'), kind: 'text', required: true, maxLength: 200 },
    { id: 'nameEn', label: tr.t('admin.form.nameEn'), kind: 'text', required: false, maxLength: 200 },
    { id: 'level', label: tr.t('admin.form.level'), kind: 'select', required: true, options: LEVELS.map((level) => ({ value: level, label: tr.t(`admin.level.${level}`) })), initial: 'master' },
    { id: 'unitCode', label: tr.t('admin.form.unit'), kind: 'select', required: true, options: unitChoices(tr, units) },
  ];
}

export const unitFormCard = (tr: Translator, units: AdminPanelData['units']) => card({ title: tr.t('admin.form.unitTitle'), inputs: unitFormInputs(tr, units) });
export const programmeFormCard = (tr: Translator, units: AdminPanelData['units']) => card({ title: tr.t('admin.form.programmeTitle'), inputs: programmeFormInputs(tr, units) });
