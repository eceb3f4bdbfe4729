// Match reasons in words: "expertise: public policy; MSc Economics 2016".
import type { MatchReason } from '../matching.ts';
import type { Translator } from '../i18n/translator.ts';

export function describeReason(reason: MatchReason, tr: Translator): string {
  switch (reason.code) {
    case 'expertise':
      return tr.t('reason.expertise', { tags: tr.list(reason.tags) });
    case 'programme': {
      const name = tr.locale === 'nb' ? reason.nameNb : reason.nameEn;
      return reason.year === null ? tr.t('reason.programmeNoYear', { name }) : tr.t('reason.programme', { name, year: reason.year });
    }
    case 'unit':
      return tr.t('reason.unit');
    case 'sector':
      return tr.t('reason.sector', { sector: reason.sector });
    case 'language':
      return tr.t('reason.language', { language: tr.t(`language.${reason.language}`) });
    case 'format':
      return tr.t('reason.format', { format: tr.t(`format.${reason.format}`).toLowerCase() });
    case 'recent_asks':
      return tr.t('reason.recentAsks', { count: reason.count });
  }
}

/** The positive reasons joined for display; the fairness deduction is left to staff views. */
export function describeReasons(reasons: readonly MatchReason[], tr: Translator, options: { includeFairness?: boolean } = {}): string {
  const shown = reasons.filter((reason) => options.includeFairness || reason.code !== 'recent_asks');
  if (shown.length === 0) return tr.t('reason.none');
  return shown.map((reason) => describeReason(reason, tr)).join('; ');
}
