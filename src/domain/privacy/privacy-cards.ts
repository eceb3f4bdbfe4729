// What privacy says to people, as neutral cards and lines: the consent notice (what is stored,
// why, how long, where the processing record is), the erase confirmation, consent renewal, link
// codes, and the audit log as admins read it.
import { card, type Card } from '../cards.ts';
import type { Translator } from '../i18n/translator.ts';
import type { Platform } from '../vocabulary.ts';
import type { PrivacySettings } from './settings.ts';

const PLATFORM_NAMES: Record<Platform, string> = { slack: 'Slack', teams: 'Teams' };

export function platformName(platform: Platform): string {
  return PLATFORM_NAMES[platform];
}

/** The consent step's notice: what is stored, why, for how long, and the processing record. */
export function consentNotice(tr: Translator, privacy: PrivacySettings, platform: Platform, eraseCommand: string): string {
  const name = platformName(platform);
  return [
    tr.t('privacy.consent.stored', { platform: name }),
    tr.t('privacy.consent.why'),
    tr.t('privacy.consent.howLong', { months: privacy.consentRenewMonths, days: privacy.retention.freeTextDays, erase: eraseCommand }),
    privacy.privacyUrl ? tr.t('privacy.consent.record', { url: privacy.privacyUrl }) : tr.t('privacy.consent.noRecord'),
  ].join('\n');
}

/** Asks before erasing; the buttons carry the person's id, so only they can confirm. */
export function eraseConfirmCard(tr: Translator, personId: string): Card {
  return card({
    title: tr.t('privacy.erase.confirmTitle'),
    text: tr.t('privacy.erase.confirmText'),
    actions: [
      { id: 'erase_confirm', label: tr.t('privacy.erase.confirmButton'), value: personId, style: 'danger' },
      { id: 'erase_cancel', label: tr.t('privacy.erase.cancelButton'), value: personId },
    ],
  });
}

/** The one reminder before a consent expires, or the question after the consent text changed. */
export function renewalCard(tr: Translator, kind: 'reminder' | 'new_text', personId: string, expiresAt: Date | null): Card {
  return card({
    title: tr.t(kind === 'reminder' ? 'privacy.renew.reminderTitle' : 'privacy.renew.newTextTitle'),
    text: kind === 'reminder' ? tr.t('privacy.renew.reminderText', { date: tr.date(expiresAt ?? new Date()) }) : tr.t('privacy.renew.newTextText'),
    actions: [{ id: 'consent_renew', label: tr.t('privacy.renew.button'), value: personId, style: 'primary' }],
  });
}

export function linkCodeText(tr: Translator, code: string, minutes: number, from: Platform, command: string): string {
  const other: Platform = from === 'slack' ? 'teams' : 'slack';
  return tr.t(other === 'teams' ? 'privacy.link.codeForTeams' : 'privacy.link.codeForSlack', { code, minutes, command });
}

export interface AuditLine {
  at: Date;
  action: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string | null;
  personId: string | null;
}

/** One line per entry, newest first: when, what, about what, by whom (ids only). */
export function auditLines(tr: Translator, entries: readonly AuditLine[]): string[] {
  if (entries.length === 0) return [tr.t('privacy.audit.none')];
  return entries.map((entry) =>
    tr.t('privacy.audit.line', {
      at: tr.dateTime(entry.at),
      action: entry.action,
      subject: `${entry.subjectType}${entry.subjectId ? ` ${entry.subjectId}` : ''}`,
      actor: entry.actorId ?? tr.t('privacy.audit.system'),
    }),
  );
}

/** A byte count for people: "12 KB", "3.4 MB". */
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
