// A feedback form as data: versioned, bilingual, validated with zod when it is loaded (a shipped
// default or a file an admin imports). Question kinds: rating (1–5 with a label per step),
// single choice (2–5 options), yes/no and free text (with a length limit); each one required or
// optional. Stored answers follow the convention the digest and the reports read: an object
// keyed by question id, ratings as numbers 1–5, yes/no as booleans, choices as the option's
// value, free text as a string; a skipped question has no key.
import { z } from 'zod';
import { REQUEST_TYPES, type Locale, type RequestType } from '../vocabulary.ts';

export const RATING_MIN = 1;
export const RATING_MAX = 5;
/** Buttons a question may show (Teams shows at most six actions: five answers and Skip). */
export const MAX_CHOICES = 5;
export const MAX_QUESTIONS = 15;
export const MAX_TEXT_LENGTH = 2000;

const words = (max: number) => z.string().trim().min(1).max(max);
const bilingual = (max: number) => z.object({ nb: words(max), en: words(max) }).strict();

const base = {
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'ids are lower-case letters, digits and _ (at most 40), starting with a letter'),
  text: bilingual(300),
  required: z.boolean().default(true),
  /** Answers to this question are shown to staff only as aggregates (the whole form can say so too). */
  anonymous: z.boolean().optional(),
};

const rating = z.object({ ...base, kind: z.literal('rating'), labels: z.object({ nb: z.array(words(40)).length(5), en: z.array(words(40)).length(5) }).strict() }).strict();
const choice = z
  .object({ ...base, kind: z.literal('choice'), options: z.array(z.object({ value: z.string().regex(/^[a-z0-9_]{1,40}$/), label: bilingual(60) }).strict()).min(2).max(MAX_CHOICES) })
  .strict()
  .refine((q) => new Set(q.options.map((o) => o.value)).size === q.options.length, { message: 'option values must be unique', path: ['options'] });
const yesNo = z.object({ ...base, kind: z.literal('yesno') }).strict();
const text = z.object({ ...base, kind: z.literal('text'), maxLength: z.number().int().min(1).max(MAX_TEXT_LENGTH).default(1000) }).strict();

const question = z.discriminatedUnion('kind', [rating, choice, yesNo, text]);

export const AUDIENCES = ['alumnus', 'owner'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const formDefinitionSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]{1,59}$/, 'keys are lower-case letters, digits and -, starting with a letter'),
    /** Omitted: the next version after the newest stored one. */
    version: z.number().int().min(1).optional(),
    title: bilingual(100),
    /** Shown before the first question. */
    intro: bilingual(500).optional(),
    /** Who answers: the alumni who took part, or the staff member who owns the request. */
    audience: z.enum(AUDIENCES),
    /** The kinds of engagement this form is for; empty or left out: any kind without a form of its own. */
    requestTypes: z.array(z.enum(REQUEST_TYPES)).default([]),
    /** Staff see only aggregates, and only from three answers; the alumnus is told before answering. */
    anonymous: z.boolean().default(false),
    /** The form expires this many days after it was sent, with one reminder before. */
    expiresAfterDays: z.number().int().min(1).max(90).default(14),
    remindAfterDays: z.number().int().min(1).max(89).optional(),
    questions: z.array(question).min(1).max(MAX_QUESTIONS),
  })
  .strict()
  .refine((form) => new Set(form.questions.map((q) => q.id)).size === form.questions.length, { message: 'question ids must be unique', path: ['questions'] })
  .refine((form) => form.remindAfterDays === undefined || form.remindAfterDays < form.expiresAfterDays, { message: 'the reminder must come before the expiry', path: ['remindAfterDays'] });

export type FormDefinitionInput = z.input<typeof formDefinitionSchema>;
export type ParsedFormDefinition = z.output<typeof formDefinitionSchema>;
export type Question = ParsedFormDefinition['questions'][number];
export type QuestionKind = Question['kind'];
export type Answer = number | boolean | string;
export type Answers = Record<string, Answer>;

/** A stored definition: a parsed one with its version fixed. */
export interface FormDefinition extends ParsedFormDefinition {
  id: string;
  version: number;
}

export type Localised = { nb: string; en: string };

export const inLocale = (text: Localised, locale: Locale): string => text[locale];

/** Problems in a definition, as "questions.2.labels.nb: …" lines (for the CLI and tests). */
export function definitionProblems(input: unknown): { ok: true; value: ParsedFormDefinition } | { ok: false; problems: string[] } {
  const result = formDefinitionSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, problems: result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(form)'}: ${issue.message}`) };
}

/** Whether a question's answers are shown to staff only as aggregates. */
export function isAnonymous(form: Pick<ParsedFormDefinition, 'anonymous'>, q: Question): boolean {
  return form.anonymous || q.anonymous === true;
}

/** Days after the start that the one reminder goes out: as set, else halfway to the expiry. */
export function reminderDays(form: Pick<ParsedFormDefinition, 'expiresAfterDays' | 'remindAfterDays'>): number {
  return form.remindAfterDays ?? Math.max(1, Math.floor(form.expiresAfterDays / 2));
}

/**
 * The form for a person and an engagement among the newest versions: one that names the kind of
 * engagement, else one that names none. Ties go to the key that sorts first.
 */
export function chooseForm<F extends Pick<ParsedFormDefinition, 'key' | 'audience' | 'requestTypes'>>(forms: readonly F[], audience: Audience, type: RequestType): F | null {
  const mine = forms.filter((form) => form.audience === audience).sort((a, b) => a.key.localeCompare(b.key));
  return mine.find((form) => form.requestTypes.includes(type)) ?? mine.find((form) => form.requestTypes.length === 0) ?? null;
}

/** Two definitions say the same (a re-import of the same content is not a new version). */
export function sameContent(a: ParsedFormDefinition, b: ParsedFormDefinition): boolean {
  const canonical = (form: ParsedFormDefinition) => {
    const { version: _version, questions, ...rest } = form;
    delete (rest as { id?: string }).id;
    const sorted = (value: unknown): unknown =>
      Array.isArray(value) ? value.map(sorted) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => [k, sorted(v)])) : value;
    return JSON.stringify(sorted({ ...rest, questions: questions.map((q) => ({ ...q, anonymous: isAnonymous(form, q) })) }));
  };
  return canonical(a) === canonical(b);
}
