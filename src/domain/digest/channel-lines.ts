// Digest channels in words, for the admin's `digest list` on every platform and the CLI: scope,
// language, who reads it, and how the latest digest went (a refusal by the platform, such as a
// deleted channel, shows as FAILED with the day and the platform's reason in words).
import type { Translator } from '../i18n/translator.ts';
import type { Locale, Platform } from '../vocabulary.ts';
import type { UnitName } from './digest-data.ts';

export interface ChannelView {
  platform: Platform;
  locale: Locale;
  alumniReadable: boolean;
  unit: UnitName | null;
  lastRun: { isoWeek: string; delivery: 'pending' | 'sent' | 'dead' | 'skipped' | null; reason: string | null; settledAt?: Date | null } | null;
}

const EXPLAINED = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'channel_unknown', 'ConversationNotFound', 'BotNotInConversationRoster', 'http_404']);

/** The platform's reason for refusing a digest, in words an admin can act on (the code stays, in brackets). */
export function digestFailureReason(tr: Translator, reason: string | null): string {
  const code = (reason ?? '?').trim();
  return EXPLAINED.has(code) ? tr.t(`digestFiles.failed.reason.${code}`) : tr.t('digestFiles.failed.reason.other', { reason: code });
}

/** The platform refused the channel's latest digest for good (shown as FAILED; for the admin status too). */
export function digestFailed(view: Pick<ChannelView, 'lastRun'>): boolean {
  return view.lastRun?.delivery === 'dead' || view.lastRun?.delivery === 'skipped';
}

function lastRun(view: ChannelView, tr: Translator): string {
  const run = view.lastRun;
  if (!run) return tr.t('digest.channel.never');
  const week = Number(run.isoWeek.slice(-2));
  if (digestFailed(view)) {
    if (!run.settledAt) return tr.t('digest.channel.lastFailed', { week, reason: run.reason ?? '?' });
    return tr.t('digestFiles.failed.line', { week, date: tr.date(run.settledAt), reason: digestFailureReason(tr, run.reason) });
  }
  return tr.t(run.delivery === 'sent' ? 'digest.channel.lastPosted' : 'digest.channel.lastPending', { week });
}

export function channelLine(view: ChannelView, tr: Translator, channelLabel: string): string {
  const scope = view.unit ? `${view.unit.code} ${tr.locale === 'nb' ? view.unit.nameNb : view.unit.nameEn}` : tr.t('digest.channel.faculty');
  return tr.t('digest.channel.line', {
    channel: channelLabel,
    platform: view.platform === 'slack' ? 'Slack' : 'Teams',
    scope,
    language: tr.t(`language.${view.locale}`).toLowerCase(),
    alumni: view.alumniReadable ? tr.t('digest.channel.alumniReadable') : '',
    last: lastRun(view, tr),
  });
}
