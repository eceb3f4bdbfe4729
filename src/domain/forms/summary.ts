// The owner's summary once every form about an engagement is answered or has expired. Named
// answers are listed per person; anonymous forms show only totals per question (mean rating,
// yes/no and choice counts; free text left out), and only from MIN_FEEDBACK_GROUP answers on.
import { card, type Card, type CardSection } from '../cards.ts';
import { MIN_FEEDBACK_GROUP } from '../digest/digest-data.ts';
import type { Translator } from '../i18n/translator.ts';
import { inLocale, isAnonymous, type Answers, type ParsedFormDefinition, type Question } from './definition.ts';
import { engagementLine, showAnswer, type Engagement } from './form-cards.ts';

export interface FormResult {
  personName: string;
  state: 'active' | 'completed' | 'expired' | 'cancelled';
  form: ParsedFormDefinition;
  answers: Answers;
}

function namedLines(result: FormResult, tr: Translator): string[] {
  const shown = result.form.questions.filter((q) => !isAnonymous(result.form, q) && Object.hasOwn(result.answers, q.id));
  return shown.map((q) => `${inLocale(q.text, tr.locale)}: ${showAnswer(q, result.answers[q.id], tr)}`);
}

function total(q: Question, answers: readonly Answers[], tr: Translator): string | null {
  const given = answers.map((a) => a[q.id]).filter((a) => a !== undefined);
  if (given.length === 0 || q.kind === 'text') return null;
  if (q.kind === 'rating') {
    const mean = given.reduce<number>((sum, a) => sum + Number(a), 0) / given.length;
    return tr.t('forms.summary.mean', { mean: mean.toFixed(1).replace('.', tr.locale === 'nb' ? ',' : '.'), count: given.length });
  }
  if (q.kind === 'yesno') return tr.t('forms.summary.yesNo', { yes: given.filter((a) => a === true).length, no: given.filter((a) => a === false).length });
  return q.options.map((o) => `${o.label[tr.locale]}: ${given.filter((a) => a === o.value).length}`).join(', ');
}

/** Totals of the anonymous questions of one form, or why they are not shown. */
function anonymousSection(form: ParsedFormDefinition, results: readonly FormResult[], tr: Translator): CardSection {
  const answered = results.filter((r) => r.state === 'completed');
  const heading = tr.t('forms.summary.anonymousHeading');
  if (answered.length < MIN_FEEDBACK_GROUP) return { heading, lines: [tr.t('forms.summary.tooFew', { count: answered.length, min: MIN_FEEDBACK_GROUP })] };
  const lines = form.questions.filter((q) => isAnonymous(form, q)).flatMap((q) => {
    const line = total(q, answered.map((r) => r.answers), tr);
    return line ? [`${inLocale(q.text, tr.locale)}: ${line}`] : [];
  });
  return { heading, lines };
}

export function ownerSummaryCard(engagement: Engagement, results: readonly FormResult[], tr: Translator): Card {
  const sections: CardSection[] = [];
  for (const result of results) {
    if (result.state !== 'completed') {
      sections.push({ heading: result.personName, lines: [tr.t('forms.summary.noAnswer')] });
      continue;
    }
    const lines = namedLines(result, tr);
    if (lines.length > 0) sections.push({ heading: result.personName, lines });
  }
  const anonymousForms = new Map<string, FormResult[]>();
  for (const result of results.filter((r) => r.form.questions.some((q) => isAnonymous(r.form, q)))) {
    anonymousForms.set(result.form.key, [...(anonymousForms.get(result.form.key) ?? []), result]);
  }
  for (const group of anonymousForms.values()) sections.push(anonymousSection(group[0]!.form, group, tr));
  const answered = results.filter((r) => r.state === 'completed').length;
  return card({
    title: tr.t('forms.summary.title', { title: engagement.title }),
    text: [engagementLine(engagement, tr), tr.t('forms.summary.counts', { answered, count: results.length })].join('\n\n'),
    sections,
    context: tr.t('forms.summary.closed'),
  });
}
