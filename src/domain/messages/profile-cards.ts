// The alumnus' own view of their profile, and the form to edit it (rendered by each platform).
import { card, type Card, type CardInput } from '../cards.ts';
import type { Translator } from '../i18n/translator.ts';
import { localIsoDate } from '../time.ts';
import { LOCALES, PLATFORMS, REQUEST_FORMATS, REQUEST_TYPES, type Locale, type Platform, type RequestFormat, type RequestType } from '../vocabulary.ts';

export interface ProfileView {
  personId: string;
  expertise: string[];
  employer: string | null;
  sector: string | null;
  languages: string[];
  engagementTypes: RequestType[];
  formats: RequestFormat[];
  maxAsksPerTerm: number;
  pausedUntil: Date | null;
  locale: Locale | null;
  preferredPlatform: Platform | null;
  consentPurposes: RequestType[] | null;
  /** Agreed to be thanked by name (weekly digest, yearly thank-you list). */
  thanksByName: boolean;
}

export function profileLines(view: ProfileView, tr: Translator, now: Date): string[] {
  const kinds = (types: readonly RequestType[]) => tr.list(types.map((type) => tr.t(`requestType.${type}`).toLowerCase()));
  const lines = [view.consentPurposes ? tr.t('profileSummary.consent', { purposes: kinds(view.consentPurposes) }) : tr.t('profileSummary.noConsent')];
  lines.push(view.expertise.length ? tr.t('profileSummary.expertise', { tags: view.expertise.join(', ') }) : tr.t('profileSummary.noExpertise'));
  if (view.pausedUntil && view.pausedUntil > now) lines.push(tr.t('profileSummary.paused', { date: tr.date(view.pausedUntil) }));
  return lines;
}

export function profileCard(view: ProfileView, tr: Translator, now: Date): Card {
  return card({
    title: tr.t('home.profileTitle'),
    text: profileLines(view, tr, now).join('\n'),
    actions: [{ id: 'profile_edit', label: tr.t('home.editProfile'), value: view.personId }],
  });
}

/** The day as the form's reader picked it: in the translator's zone, the one the form is read back in. */
const dateOnly = (value: Date | null, timeZone: string) => (value ? localIsoDate(value, timeZone) : undefined);

export function profileFormInputs(view: ProfileView, tr: Translator): CardInput[] {
  return [
    { id: 'expertise', label: tr.t('profileForm.expertise'), kind: 'text', required: false, maxLength: 1500, initial: view.expertise.join(', ') },
    { id: 'employer', label: tr.t('profileForm.employer'), kind: 'text', required: false, maxLength: 200, initial: view.employer ?? undefined },
    { id: 'sector', label: tr.t('profileForm.sector'), kind: 'text', required: false, maxLength: 100, initial: view.sector ?? undefined },
    { id: 'languages', label: tr.t('profileForm.languages'), kind: 'text', required: false, maxLength: 50, initial: view.languages.join(', ') },
    { id: 'engagementTypes', label: tr.t('profileForm.engagementTypes'), kind: 'multiselect', required: false, options: REQUEST_TYPES.map((type) => ({ value: type, label: tr.t(`requestType.${type}`) })), initial: view.engagementTypes },
    { id: 'formats', label: tr.t('profileForm.formats'), kind: 'multiselect', required: true, options: REQUEST_FORMATS.filter((f) => f !== 'either').map((format) => ({ value: format, label: tr.t(`format.${format}`) })), initial: view.formats },
    { id: 'maxAsksPerTerm', label: tr.t('profileForm.maxAsksPerTerm'), kind: 'number', required: true, min: 0, max: 20, initial: String(view.maxAsksPerTerm) },
    { id: 'pausedUntil', label: tr.t('profileForm.pausedUntil'), kind: 'date', required: false, initial: dateOnly(view.pausedUntil, tr.timeZone) },
    { id: 'locale', label: tr.t('profileForm.locale'), kind: 'select', required: false, options: LOCALES.map((locale) => ({ value: locale, label: tr.t(`language.${locale}`) })), initial: view.locale ?? undefined },
    { id: 'thanksByName', label: tr.t('digest.profile.thanksByName'), kind: 'select', required: false, options: [{ value: 'yes', label: tr.t('digest.profile.thanksYes') }, { value: 'no', label: tr.t('digest.profile.thanksNo') }], initial: view.thanksByName ? 'yes' : 'no' },
    { id: 'preferredPlatform', label: tr.t('profileForm.preferredPlatform'), kind: 'select', required: false, options: PLATFORMS.map((platform) => ({ value: platform, label: platform === 'slack' ? 'Slack' : 'Microsoft Teams' })), initial: view.preferredPlatform ?? undefined },
  ];
}

export function profileFormCard(view: ProfileView, tr: Translator): Card {
  return card({ title: tr.t('profileForm.title'), inputs: profileFormInputs(view, tr) });
}
