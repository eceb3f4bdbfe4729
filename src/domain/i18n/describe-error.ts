// Core errors in words, in the reader's language: the one translator every adapter uses.
// Unexpected errors get the generic "nothing was changed" sentence.
import { DomainError } from '../errors.ts';
import type { Translator } from './translator.ts';

export function describeError(error: unknown, tr: Translator): string {
  if (!(error instanceof DomainError)) return tr.t('errors.unexpected');
  const params = { ...error.details.params };
  const state = params.state ?? params.from;
  if (typeof state === 'string') params.state = tr.t(`requestState.${state}`).toLowerCase();
  const problems = error.code === 'validation' ? (error.details.fields ?? []).map((field) => tr.t(field.key, field.params)) : [];
  return [tr.t(error.details.messageKey ?? `errors.${error.code}`, params), ...problems].join(' ');
}
