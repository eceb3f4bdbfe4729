// The weekly digest in words: a card with the week's figures, what still needs people (with an
// "I can help" button where alumni read the channel), what is coming up, thanks by name, the
// per-unit breakdown in the faculty digest; and a second card with the 12-week chart. A week in
// which nothing happened is one line.
import { card, type Card, type CardAction, type CardFact, type CardSection } from '../cards.ts';
import type { Translator } from '../i18n/translator.ts';
import { isoWeekOf } from '../time.ts';
import { acceptanceRate, isQuietWeek, MIN_FEEDBACK_GROUP, type DigestData, type UnitName, type WeekFigures } from './digest-data.ts';

export interface DigestCardOptions {
  /** Alumni read this channel: open requests get an "I can help" button. */
  alumniReadable: boolean;
}

const weekNumber = (isoWeek: string) => Number(isoWeek.slice(-2));
const unitName = (tr: Translator, unit: UnitName) => (tr.locale === 'nb' ? unit.nameNb : unit.nameEn || unit.nameNb);
const percent = (tr: Translator, share: number) => new Intl.NumberFormat(tr.locale === 'nb' ? 'nb-NO' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 }).format(share);
const decimal = (tr: Translator, value: number) => new Intl.NumberFormat(tr.locale === 'nb' ? 'nb-NO' : 'en-GB', { maximumFractionDigits: 1 }).format(value);

function scopeName(tr: Translator, data: DigestData): string {
  return data.unit ? unitName(tr, data.unit) : tr.t('digest.faculty');
}

function fillTime(tr: Translator, hours: number | null): string {
  if (hours === null) return tr.t('digest.none');
  return hours < 48 ? tr.t('digest.hours', { count: Math.round(hours) }) : tr.t('digest.days', { count: Math.round(hours / 24), value: decimal(tr, hours / 24) });
}

function feedbackText(tr: Translator, f: WeekFigures): string {
  if (f.feedbackResponses === 0) return tr.t('digest.feedbackNone');
  if (f.feedbackAverage === null || f.feedbackResponses < MIN_FEEDBACK_GROUP) return tr.t('digest.feedbackTooFew', { count: f.feedbackResponses, min: MIN_FEEDBACK_GROUP });
  return tr.t('digest.feedbackAverage', { average: decimal(tr, f.feedbackAverage), count: f.feedbackResponses });
}

function facts(tr: Translator, f: WeekFigures): CardFact[] {
  const rate = acceptanceRate(f);
  return [
    { label: tr.t('digest.fact.newRequests'), value: String(f.newRequests) },
    { label: tr.t('digest.fact.filled'), value: String(f.filled) },
    { label: tr.t('digest.fact.open'), value: String(f.openNeedingPeople) },
    { label: tr.t('digest.fact.invitations'), value: String(f.invitationsSent) },
    { label: tr.t('digest.fact.acceptance'), value: rate === null ? tr.t('digest.noAnswers') : tr.t('digest.acceptance', { rate: percent(tr, rate), yes: f.saidYes, answers: f.saidYes + f.saidNo }) },
    { label: tr.t('digest.fact.timeToFill'), value: fillTime(tr, f.medianHoursToFill) },
    { label: tr.t('digest.fact.feedback'), value: feedbackText(tr, f) },
  ];
}

function sections(tr: Translator, data: DigestData): CardSection[] {
  const out: CardSection[] = [];
  if (data.open.length > 0) {
    const lines = data.open.map((line) => tr.t('digest.openLine', { title: line.title, unit: line.unitCode, date: tr.date(line.startsAt), count: line.missing }));
    const more = data.figures.openNeedingPeople - data.open.length;
    out.push({ heading: tr.t('digest.openHeading'), lines: more > 0 ? [...lines, tr.t('digest.openMore', { count: more })] : lines });
  }
  if (data.upcoming.length > 0) {
    out.push({ heading: tr.t('digest.upcomingHeading'), lines: data.upcoming.map((line) => tr.t('digest.upcomingLine', { title: line.title, unit: line.unitCode, date: tr.date(line.startsAt), count: line.contributors, needed: line.needed })) });
  }
  if (data.thanked.length + data.thankedOthers > 0) {
    const names = data.thanked.length ? tr.list(data.thankedOthers > 0 ? [...data.thanked, tr.t('digest.thanksOthers', { count: data.thankedOthers })] : data.thanked) : null;
    out.push({ heading: tr.t('digest.thanksHeading'), lines: [names ? tr.t('digest.thanksNamed', { names }) : tr.t('digest.thanksUnnamed', { count: data.thankedOthers })] });
  }
  if (data.units.length > 0) {
    out.push({
      heading: tr.t('digest.unitsHeading'),
      lines: data.units.map((unit) => tr.t('digest.unitLine', { code: unit.code, name: unitName(tr, unit), newRequests: unit.newRequests, filled: unit.filled, open: unit.openNeedingPeople, yes: unit.saidYes })),
    });
  }
  return out;
}

function helpButtons(tr: Translator, data: DigestData, options: DigestCardOptions): CardAction[] {
  if (!options.alumniReadable) return [];
  return data.open.map((line) => ({ id: 'digest_help', label: tr.t('digest.help', { title: line.title }), value: line.id }));
}

/** The digest's main card. */
export function digestCard(data: DigestData, tr: Translator, options: DigestCardOptions): Card {
  // The week the figures are about (the seven days before the digest), not the week it is posted in.
  const params = { week: weekNumber(isoWeekOf(data.from, tr.timeZone)), scope: scopeName(tr, data), from: tr.date(data.from), to: tr.date(data.to) };
  if (isQuietWeek(data)) return card({ text: tr.t('digest.quiet', params) });
  return card({
    title: tr.t('digest.title', params),
    text: tr.t('digest.period', params),
    facts: facts(tr, data.figures),
    sections: sections(tr, data),
    actions: helpButtons(tr, data, options),
    context: tr.t('digest.context'),
  });
}

/** The second card: requests, invitations and acceptances over the last weeks, as a chart. */
export function digestChartCard(data: DigestData, tr: Translator): Card | null {
  if (isQuietWeek(data)) return null;
  const { weekStarts, requests, invitations, acceptances } = data.chart;
  const labels = weekStarts.map((start) => tr.t('digest.chart.week', { week: weekNumber(isoWeekOf(start, tr.timeZone)) }));
  const series = [
    { name: tr.t('digest.chart.requests'), values: requests },
    { name: tr.t('digest.chart.invitations'), values: invitations },
    { name: tr.t('digest.chart.acceptances'), values: acceptances },
  ];
  const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
  const alt = tr.t('digest.chart.alt', { weeks: weekStarts.length, requests: total(requests), invitations: total(invitations), acceptances: total(acceptances) });
  const title = tr.t('digest.chart.title', { weeks: weekStarts.length, scope: scopeName(tr, data) });
  return card({ title, chart: { title, alt, labels, series } });
}

/** What the alumnus who pressed "I can help" is told. */
export function helpOfferText(offer: { outcome: 'offered' | 'not_open' | 'already_asked'; title: string; ownerName: string }, tr: Translator): string {
  const key = offer.outcome === 'offered' ? 'thanks' : offer.outcome === 'not_open' ? 'notOpen' : 'alreadyAsked';
  return tr.t(`digest.helpOffer.${key}`, { title: offer.title, owner: offer.ownerName });
}
