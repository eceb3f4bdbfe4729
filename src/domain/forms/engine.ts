// The form engine: a pure state machine over a form definition and a person's progress. It
// decides what comes next (the next question, the same one again with a reason, the summary at
// the end, a pause), never how it looks or where it is stored. Typed words work in both
// languages, whatever the person's own: back/tilbake, skip/hopp over, stop/stopp, send/ferdig,
// and in the summary a question's number to change that answer.
import { RATING_MAX, RATING_MIN, type Answer, type Answers, type ParsedFormDefinition, type Question } from './definition.ts';

export interface FormProgress {
  /** The question being asked (index); the number of questions: the summary at the end. */
  step: number;
  answers: Answers;
  /** Answering a question picked from the summary: back to the summary after it. */
  editing: boolean;
  /** Counts what was shown; buttons carry it, so a button from an older message cannot answer. */
  turn: number;
}

export type FormInput = { kind: 'typed'; text: string } | { kind: 'button'; turn: number; value: string };

/** Button values besides answers. */
export const SKIP_VALUE = '~skip';
export const SUBMIT_VALUE = '~submit';

/** Why an answer was not taken: a catalog key (under forms.problem) and its parameters. */
export interface Problem {
  key: string;
  params?: Record<string, string | number>;
}

export type Reply =
  /** Show what the progress points at now: a question, or the summary. */
  | { kind: 'ask' }
  /** The same question (or summary) again, saying why. */
  | { kind: 'retry'; problem: Problem }
  /** A button from an older message: nothing changed. */
  | { kind: 'stale' }
  /** The person stopped for now; the form waits where it was. */
  | { kind: 'paused' }
  /** The person sent their answers. */
  | { kind: 'submitted' };

export interface Step {
  progress: FormProgress;
  reply: Reply;
  /** The question just answered or skipped (its message can now show the answer). */
  answered?: { question: Question; answer: Answer | null };
}

export function startProgress(): FormProgress {
  return { step: 0, answers: {}, editing: false, turn: 1 };
}

export function isReview(form: ParsedFormDefinition, progress: FormProgress): boolean {
  return progress.step >= form.questions.length;
}

export function currentQuestion(form: ParsedFormDefinition, progress: FormProgress): Question | null {
  return form.questions[progress.step] ?? null;
}

const WORDS = {
  back: ['back', 'tilbake', 'forrige'],
  skip: ['skip', 'hopp over', 'hopp', 'pass'],
  stop: ['stop', 'stopp', 'pause', 'later', 'senere'],
  submit: ['send', 'submit', 'done', 'ferdig', 'ok'],
  yes: ['yes', 'y', 'ja', 'j'],
  no: ['no', 'n', 'nei'],
} as const;

const normalise = (text: string) => text.trim().toLowerCase().replace(/[.!]+$/, '').replace(/\s+/g, ' ');
const is = (text: string, word: keyof typeof WORDS) => (WORDS[word] as readonly string[]).includes(text);

const retry = (progress: FormProgress, problem: Problem): Step => ({ progress, reply: { kind: 'retry', problem } });

function moveTo(progress: FormProgress, step: number, editing = false): FormProgress {
  return { ...progress, step, editing, turn: progress.turn + 1 };
}

/** Parses an answer to a question, typed or from a button (a button sends the stored form). */
export function parseAnswer(q: Question, raw: string): { ok: true; answer: Answer } | { ok: false; problem: Problem } {
  const text = raw.trim();
  const word = normalise(text);
  switch (q.kind) {
    case 'rating': {
      const byLabel = [...q.labels.nb, ...q.labels.en].findIndex((label) => label.toLowerCase() === word);
      if (byLabel >= 0) return { ok: true, answer: (byLabel % 5) + 1 };
      if (!/^[+-]?\d+([.,]\d+)?$/.test(word)) return { ok: false, problem: { key: 'rating', params: { min: RATING_MIN, max: RATING_MAX } } };
      const value = Number(word.replace(',', '.'));
      if (!Number.isInteger(value) || value < RATING_MIN || value > RATING_MAX) return { ok: false, problem: { key: 'ratingRange', params: { min: RATING_MIN, max: RATING_MAX, value: word } } };
      return { ok: true, answer: value };
    }
    case 'choice': {
      const index = /^\d+$/.test(word) ? Number(word) - 1 : q.options.findIndex((o) => o.value === word || o.label.nb.toLowerCase() === word || o.label.en.toLowerCase() === word);
      const option = q.options[index];
      return option ? { ok: true, answer: option.value } : { ok: false, problem: { key: 'choice', params: { count: q.options.length } } };
    }
    case 'yesno':
      if (is(word, 'yes') || word === 'true') return { ok: true, answer: true };
      if (is(word, 'no') || word === 'false') return { ok: true, answer: false };
      return { ok: false, problem: { key: 'yesNo' } };
    case 'text':
      if (text.length === 0) return { ok: false, problem: { key: 'empty' } };
      if (text.length > q.maxLength) return { ok: false, problem: { key: 'tooLong', params: { max: q.maxLength, length: text.length } } };
      return { ok: true, answer: text };
  }
}

/** After an answer or a skip: the next question, or the summary (at once, when changing an answer from it). */
function afterAnswer(form: ParsedFormDefinition, progress: FormProgress, answers: Answers): FormProgress {
  const next = progress.editing ? form.questions.length : progress.step + 1;
  return { ...moveTo(progress, next), answers };
}

function answer(form: ParsedFormDefinition, progress: FormProgress, q: Question, raw: string): Step {
  const parsed = parseAnswer(q, raw);
  if (!parsed.ok) return retry(progress, parsed.problem);
  return { progress: afterAnswer(form, progress, { ...progress.answers, [q.id]: parsed.answer }), reply: { kind: 'ask' }, answered: { question: q, answer: parsed.answer } };
}

function skip(form: ParsedFormDefinition, progress: FormProgress, q: Question): Step {
  if (q.required) return retry(progress, { key: 'required' });
  const { [q.id]: _dropped, ...answers } = progress.answers;
  return { progress: afterAnswer(form, progress, answers), reply: { kind: 'ask' }, answered: { question: q, answer: null } };
}

function back(form: ParsedFormDefinition, progress: FormProgress): Step {
  if (progress.step === 0) return retry(progress, { key: 'atStart' });
  const to = Math.min(progress.step, form.questions.length) - 1;
  return { progress: moveTo(progress, to), reply: { kind: 'ask' } };
}

/** Required questions without an answer (none, unless the definition changed under the session). */
export function missingRequired(form: ParsedFormDefinition, answers: Answers): Question[] {
  return form.questions.filter((q) => q.required && !Object.hasOwn(answers, q.id));
}

function inReview(form: ParsedFormDefinition, progress: FormProgress, word: string): Step {
  if (is(word, 'submit')) {
    const missing = missingRequired(form, progress.answers)[0];
    if (missing) return { progress: moveTo(progress, form.questions.indexOf(missing), true), reply: { kind: 'ask' } };
    return { progress, reply: { kind: 'submitted' } };
  }
  const number = /^(?:(?:change|endre)\s+)?(\d+)$/.exec(word);
  if (number) {
    const index = Number(number[1]) - 1;
    if (index >= 0 && index < form.questions.length) return { progress: moveTo(progress, index, true), reply: { kind: 'ask' } };
  }
  return retry(progress, { key: 'review', params: { count: form.questions.length } });
}

/** One turn of the conversation: what the person typed or pressed, and what follows. */
export function advance(form: ParsedFormDefinition, progress: FormProgress, input: FormInput): Step {
  if (input.kind === 'button' && input.turn !== progress.turn) return { progress, reply: { kind: 'stale' } };
  const raw = input.kind === 'typed' ? input.text : input.value;
  const word = normalise(raw);
  if (input.kind === 'typed' && is(word, 'stop')) return { progress, reply: { kind: 'paused' } };
  if (input.kind === 'typed' && is(word, 'back')) return back(form, progress);
  const q = currentQuestion(form, progress);
  if (!q) return inReview(form, progress, input.kind === 'button' && raw === SUBMIT_VALUE ? 'send' : word);
  if (raw === SKIP_VALUE || (input.kind === 'typed' && is(word, 'skip'))) return skip(form, progress, q);
  if (raw === SUBMIT_VALUE) return retry(progress, { key: 'notYet' });
  return answer(form, progress, q, raw);
}

/** The value a button sends for an answer: ratings and choices as stored, yes/no as yes/no. */
export function buttonAnswer(answer: Answer): string {
  return typeof answer === 'boolean' ? (answer ? 'yes' : 'no') : String(answer);
}
