// What a form looks like in chat, as neutral cards: each question names the engagement it is
// about, ratings and choices are buttons (five at most, and Skip when the question is
// optional), free text is a typed reply. An answered question's message is edited to show the
// answer and loses its buttons; the summary at the end lists the answers with Send.
import { card, type Card, type CardAction, type ActionId } from '../cards.ts';
import type { Translator } from '../i18n/translator.ts';
import type { RequestType } from '../vocabulary.ts';
import { inLocale, type Answer, type Answers, type ParsedFormDefinition, type Question } from './definition.ts';
import { buttonAnswer, currentQuestion, SKIP_VALUE, SUBMIT_VALUE, type FormProgress, type Problem } from './engine.ts';

/** The engagement a form is about, so the person always knows which one a question concerns. */
export interface Engagement {
  title: string;
  type: RequestType;
  startsAt: Date;
}

export interface FormView {
  sessionId: string;
  form: ParsedFormDefinition;
  engagement: Engagement;
  progress: FormProgress;
}

export const ANSWER_ACTIONS = ['form_answer_1', 'form_answer_2', 'form_answer_3', 'form_answer_4', 'form_answer_5'] as const satisfies readonly ActionId[];
export const FORM_ACTIONS = [...ANSWER_ACTIONS, 'form_skip', 'form_submit'] as const satisfies readonly ActionId[];

/** A button's value: which session, which turn, what answer ("<session>|<turn>|<answer>"). */
export function formButtonValue(sessionId: string, turn: number, answer: string): string {
  return `${sessionId}|${turn}|${answer}`;
}

export function parseFormButtonValue(value: string): { sessionId: string; turn: number; answer: string } | null {
  const match = /^([0-9a-f-]{36})\|(\d{1,9})\|(.{1,200})$/.exec(value);
  return match ? { sessionId: match[1]!, turn: Number(match[2]), answer: match[3]! } : null;
}

export function engagementLine(e: Engagement, tr: Translator): string {
  return tr.t('forms.engagement', { title: e.title, type: tr.t(`requestType.${e.type}`).toLowerCase(), date: tr.date(e.startsAt) });
}

const title = (view: FormView, tr: Translator) => tr.t('forms.title', { title: view.engagement.title });

/** An answer as the person reads it: "4 – Good", "Yes", the option's label, or the text. */
export function showAnswer(q: Question, answer: Answer | null | undefined, tr: Translator): string {
  if (answer === null || answer === undefined) return tr.t('forms.skipped');
  switch (q.kind) {
    case 'rating':
      return tr.t('forms.ratingAnswer', { value: answer, label: q.labels[tr.locale][Number(answer) - 1] ?? '' });
    case 'yesno':
      return tr.t(answer === true ? 'forms.yes' : 'forms.no');
    case 'choice':
      return q.options.find((o) => o.value === answer)?.label[tr.locale] ?? String(answer);
    case 'text':
      return `«${String(answer)}»`;
  }
}

function answerButtons(view: FormView, q: Question, tr: Translator): CardAction[] {
  const button = (index: number, label: string, answer: string): CardAction => ({ id: ANSWER_ACTIONS[index]!, label, value: formButtonValue(view.sessionId, view.progress.turn, answer) });
  let buttons: CardAction[] = [];
  if (q.kind === 'rating') buttons = q.labels[tr.locale].map((label, i) => button(i, `${i + 1} · ${label}`, String(i + 1)));
  if (q.kind === 'choice') buttons = q.options.map((o, i) => button(i, o.label[tr.locale], o.value));
  if (q.kind === 'yesno') buttons = [button(0, tr.t('forms.yes'), buttonAnswer(true)), button(1, tr.t('forms.no'), buttonAnswer(false))];
  if (!q.required) buttons.push({ id: 'form_skip', label: tr.t('forms.skip'), value: formButtonValue(view.sessionId, view.progress.turn, SKIP_VALUE) });
  return buttons;
}

function howToAnswer(q: Question, tr: Translator): string {
  if (q.kind === 'text') return tr.t('forms.howText', { max: q.maxLength });
  if (q.kind === 'rating') return tr.t('forms.howRating');
  return tr.t('forms.howButtons');
}

/** The question the progress points at (or the summary at the end), with what went wrong if anything. */
export function questionCard(view: FormView, tr: Translator, problem?: Problem): Card {
  const q = currentQuestion(view.form, view.progress);
  if (!q) return reviewCard(view, tr, problem);
  const n = view.progress.step + 1;
  const first = view.progress.step === 0 && !view.progress.editing && Object.keys(view.progress.answers).length === 0;
  const lines = [
    ...(first ? [engagementLine(view.engagement, tr), ...(view.form.intro ? [inLocale(view.form.intro, tr.locale)] : []), ...(view.form.anonymous ? [tr.t('forms.anonymousNote')] : [])] : []),
    `${n}. ${inLocale(q.text, tr.locale)}`,
    ...(problem ? [`⚠️ ${tr.t(`forms.problem.${problem.key}`, problem.params)}`] : []),
    howToAnswer(q, tr),
  ];
  const status = tr.t(q.required ? 'forms.progressRequired' : 'forms.progressOptional', { n, total: view.form.questions.length });
  return card({ title: title(view, tr), text: lines.join('\n\n'), actions: answerButtons(view, q, tr), context: `${status} · ${tr.t('forms.words')}` });
}

export function answerLines(form: ParsedFormDefinition, answers: Answers, tr: Translator): string[] {
  return form.questions.map((q, i) => `${i + 1}. ${inLocale(q.text, tr.locale)} — ${showAnswer(q, answers[q.id], tr)}`);
}

/** The summary at the end: every answer, Send, and how to change one. */
export function reviewCard(view: FormView, tr: Translator, problem?: Problem): Card {
  const lines = [tr.t('forms.reviewIntro'), answerLines(view.form, view.progress.answers, tr).join('\n'), ...(problem ? [`⚠️ ${tr.t(`forms.problem.${problem.key}`, problem.params)}`] : [])];
  return card({
    title: title(view, tr),
    text: lines.join('\n\n'),
    actions: [{ id: 'form_submit', label: tr.t('forms.send'), value: formButtonValue(view.sessionId, view.progress.turn, SUBMIT_VALUE), style: 'primary' }],
    context: tr.t('forms.reviewHow'),
  });
}

/** The summary's message once sent. */
export function submittedCard(view: FormView, tr: Translator): Card {
  return card({ title: title(view, tr), text: [tr.t('forms.thanks'), answerLines(view.form, view.progress.answers, tr).join('\n')].join('\n\n') });
}

export function pausedCard(view: Pick<FormView, 'engagement'>, tr: Translator, command: string): Card {
  return card({ text: tr.t('forms.paused', { engagement: engagementLine(view.engagement, tr), command }) });
}

export function reminderCard(view: FormView, tr: Translator, expiresAt: Date, command: string): Card {
  return card({ title: title(view, tr), text: tr.t('forms.reminder', { engagement: engagementLine(view.engagement, tr), date: tr.dateTime(expiresAt), command }) });
}

export function expiredCard(view: Pick<FormView, 'engagement'>, tr: Translator): Card {
  return card({ text: tr.t('forms.expired', { engagement: engagementLine(view.engagement, tr) }) });
}

/** Said before the next form starts, so the switch from one engagement to the next is plain. */
export function nextFormCard(engagement: Engagement, tr: Translator): Card {
  return card({ text: tr.t('forms.nextForm', { engagement: engagementLine(engagement, tr) }) });
}
