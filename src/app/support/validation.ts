// Use-case input is validated with zod at the edge of the core. Problems come back as
// FieldProblems (field + catalog key + parameters) so every adapter can show them next to
// the right field, in the person's language.
import { z } from 'zod';
import { invalid, type FieldProblem } from '../../domain/errors.ts';

const SEPARATOR = '|';

/** A zod message that carries a catalog key and its parameters. */
export function msg(key: string, params?: Record<string, string | number>): string {
  return params ? `${key}${SEPARATOR}${JSON.stringify(params)}` : key;
}

function decode(message: string): { key: string; params?: Record<string, string | number> } {
  const at = message.indexOf(SEPARATOR);
  if (at < 0) return { key: message };
  return { key: message.slice(0, at), params: JSON.parse(message.slice(at + 1)) as Record<string, string | number> };
}

function toProblem(issue: z.core.$ZodIssue): FieldProblem {
  const field = issue.path.map(String).join('.') || 'input';
  if (!('input' in issue) || issue.input === undefined || issue.input === null) {
    if (issue.code === 'invalid_type' || issue.code === 'invalid_value') return { field, key: 'validation.required' };
  }
  if (issue.message.startsWith('validation.') || issue.message.startsWith('importer.')) return { field, ...decode(issue.message) };
  switch (issue.code) {
    case 'invalid_type':
      return { field, key: 'validation.invalidChoice' };
    case 'too_small':
      return issue.origin === 'string' && Number(issue.minimum) <= 1
        ? { field, key: 'validation.required' }
        : { field, key: 'validation.tooShort', params: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'array'
        ? { field, key: 'validation.tooManyTags', params: { max: Number(issue.maximum) } }
        : { field, key: 'validation.tooLong', params: { max: Number(issue.maximum) } };
    default:
      return { field, key: 'validation.invalidChoice' };
  }
}

/** Parses or throws DomainError('validation') listing each bad field once. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const seen = new Set<string>();
  const problems = result.error.issues.map(toProblem).filter((problem) => !seen.has(problem.field) && seen.add(problem.field));
  throw invalid(problems);
}

// ------------------------------------------------------------------ shared field schemas

export const requiredText = (max: number) =>
  z.string({ message: msg('validation.required') }).trim().min(1, msg('validation.required')).max(max, msg('validation.tooLong', { max }));

export const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    z.string().trim().max(max, msg('validation.tooLong', { max })).nullable().optional(),
  ).transform((value) => value ?? null);

export const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ message: msg('validation.notAWholeNumber') })
    .refine(Number.isInteger, msg('validation.notAWholeNumber'))
    .refine((value) => value >= min && value <= max, msg('validation.outOfRange', { min, max }));

export const dateValue = () =>
  z.coerce.date({ message: msg('validation.invalidDate') }).refine((value) => !Number.isNaN(value.getTime()), msg('validation.invalidDate'));

export const optionalDate = () =>
  z.preprocess((value) => (value === '' || value === undefined ? null : value), dateValue().nullable()).transform((value) => value ?? null);

export const uuid = () => z.string({ message: msg('validation.required') }).uuid(msg('validation.invalidChoice'));
