// `/alumni feedback` (Teams: `feedback`): the person's open forms, numbered, and the first one
// (or the one named by its number) picked up again where they left off. `feedback forms` lists
// the form definitions for staff and admins.
import { engagementLine } from '../../domain/forms/form-cards.ts';
import { inLocale } from '../../domain/forms/definition.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import type { Platform } from '../../domain/vocabulary.ts';
import type { AppContext, FormSessionRecord, Repositories } from '../../ports.ts';
import { requireRole, type Actor } from '../support/actor.ts';
import { translatorFor } from '../support/messages.ts';
import { ensureDefaultForms } from './default-forms.ts';
import { askEntry, loadScene, resumeCommand } from './form-messages.ts';

const LISTED = 30;

export async function showFeedback(ctx: AppContext, actor: Actor, platform: Platform, args: readonly string[]): Promise<string> {
  const [first = ''] = args.map((arg) => arg.toLowerCase());
  if (first === 'forms' || first === 'skjema') return listForms(ctx, actor);
  return ctx.store.transaction(async (repos) => {
    const tr = await translatorFor(ctx, repos, actor.personId);
    const open = await repos.forms.findActiveByPerson(actor.personId);
    if (open.length === 0) return tr.t('forms.list.none');
    const wanted = /^\d+$/.test(first) ? Number(first) : 1;
    const chosen = open[wanted - 1];
    const lines = [tr.t('forms.list.title', { count: open.length }), ...(await describe(ctx, repos, open, tr))];
    if (!chosen) return [...lines, tr.t('forms.list.noSuch', { count: open.length })].join('\n');
    await resume(ctx, repos, chosen, platform);
    lines.push(tr.t('forms.list.resumed', { n: wanted }));
    if (open.length > 1) lines.push(tr.t('forms.list.switch', { command: resumeCommand(tr, platform) }));
    return lines.join('\n');
  });
}

async function describe(ctx: AppContext, repos: Repositories, sessions: readonly FormSessionRecord[], tr: Translator): Promise<string[]> {
  const lines: string[] = [];
  for (const [index, session] of sessions.entries()) {
    const scene = await loadScene(ctx, repos, session);
    const total = scene.form.questions.length;
    const where = session.progress.step >= total ? tr.t('forms.list.atSummary') : tr.t('forms.list.atQuestion', { n: session.progress.step + 1, total });
    lines.push(tr.t('forms.list.item', { n: index + 1, engagement: engagementLine(scene.engagement, tr), where, date: tr.date(session.expiresAt) }));
  }
  return lines;
}

/** Makes the session the person's current one and asks its question again (older buttons go stale). */
async function resume(ctx: AppContext, repos: Repositories, session: FormSessionRecord, platform: Platform): Promise<void> {
  const progress = { ...session.progress, turn: session.progress.turn + 1 };
  const updated = await repos.forms.updateSession(session.id, { focusedAt: ctx.clock.now(), progress, platform });
  await repos.outbox.enqueue([askEntry(await loadScene(ctx, repos, updated), progress)]);
}

async function listForms(ctx: AppContext, actor: Actor): Promise<string> {
  requireRole(actor, 'staff', 'admin');
  return ctx.store.transaction(async (repos) => {
    await ensureDefaultForms(repos);
    const tr = await translatorFor(ctx, repos, actor.personId);
    const forms = await repos.forms.listDefinitions();
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
    return [tr.t('forms.definitions.title'), ...lines, tr.t('forms.definitions.howToAdd')].join('\n');
  });
}
