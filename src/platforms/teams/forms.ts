// Shared by the Teams card forms: replacing the form card in place, and turning field problems
// into one line for the card ("Field: why · Field: why").
import type { TurnContext } from 'botbuilder';
import type { DomainError } from '../../domain/errors.ts';
import type { Translator } from '../../domain/i18n/translator.ts';

/** Updates the card the submit came from (its activity is `replyToId`), or sends a new one. */
export async function replaceForm(context: TurnContext, activity: object): Promise<void> {
  const formId = context.activity.replyToId;
  if (formId) await context.updateActivity({ ...activity, id: formId });
  else await context.sendActivity(activity);
}

export function problemsOf(error: DomainError, labels: ReadonlyMap<string, string>, t: Translator): string[] {
  return (error.details.fields ?? []).map((problem) => `${labels.get(problem.field.split('.')[0] ?? '') ?? problem.field}: ${t.t(problem.key, problem.params)}`);
}
