// The one place where core errors become words for a Slack user, in their language.
import { DomainError } from '../../domain/errors.ts';
import type { Translator } from '../../domain/i18n/translator.ts';

/** A sentence for the person; unexpected errors get the generic "nothing was changed" text. */
export function describeError(error: unknown, tr: Translator): string {
  if (!(error instanceof DomainError)) return tr.t('errors.unexpected');
  const params = { ...error.details.params };
  const state = params.state ?? params.from;
  if (typeof state === 'string') params.state = tr.t(`requestState.${state}`).toLowerCase();
  return tr.t(`errors.${error.code}`, params);
}

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
