// Core errors as Slack shows them: field problems next to a modal's fields.
import type { DomainError } from '../../domain/errors.ts';
import type { Translator } from '../../domain/i18n/translator.ts';

/** Modal field errors: block id (the field name before any index) → message. */
export function fieldErrors(error: DomainError, tr: Translator, knownFields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const problem of error.details.fields ?? []) {
    const field = problem.field.split('.')[0] ?? problem.field;
    const block = knownFields.includes(field) ? field : knownFields[0]!;
    out[block] ??= tr.t(problem.key, problem.params);
  }
  return out;
}
