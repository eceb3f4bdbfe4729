// The form definitions, every version, for staff and admins (in chat: `feedback forms`; at the
// command line: `forms list`). The shipped defaults are stored first, so they are listed too.
import { inLocale } from '../../domain/forms/definition.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import type { AppContext } from '../../ports.ts';
import { requireRole, type Actor } from '../support/actor.ts';
import { ensureDefaultForms } from './default-forms.ts';

const LISTED = 40;

export async function listForms(ctx: AppContext, actor: Actor, tr: Translator): Promise<string[]> {
  requireRole(actor, 'staff', 'admin');
  const forms = await ctx.store.transaction(async (repos) => {
    await ensureDefaultForms(repos);
    return repos.forms.listDefinitions();
  });
  const lines = forms.slice(0, LISTED).map((form) =>
    tr.t('forms.definitions.item', {
      key: form.key,
      version: form.version,
      title: inLocale(form.title, tr.locale),
      audience: tr.t(`forms.definitions.audience.${form.audience}`),
      types: form.requestTypes.length ? tr.list(form.requestTypes.map((type) => tr.t(`requestType.${type}`).toLowerCase())) : tr.t('forms.definitions.anyType'),
      questions: form.questions,
      anonymous: form.anonymous ? tr.t('forms.definitions.anonymous') : '',
      count: form.sessions,
    }),
  );
  return [tr.t('forms.definitions.title'), ...lines, tr.t('forms.definitions.howToAdd')];
}
