// `/alumni feedback` (Teams: `feedback`): the person's open forms, numbered, and the first one
// (or the one named by its number) picked up again where they left off. `feedback forms` lists
// the form definitions (staff and admins).
import { engagementLine } from '../../domain/forms/form-cards.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import type { Platform } from '../../domain/vocabulary.ts';
import type { AppContext, FormSessionRecord, Repositories } from '../../ports.ts';
import type { Actor } from '../support/actor.ts';
import { translatorFor } from '../support/messages.ts';
import { listForms } from './list-forms.ts';
import { askEntry, loadScene, resumeCommand } from './form-messages.ts';

export async function showFeedback(ctx: AppContext, actor: Actor, platform: Platform, args: readonly string[]): Promise<string> {
  const [first = ''] = args.map((arg) => arg.toLowerCase());
  if (first === 'forms' || first === 'skjema') {
    const tr = await ctx.store.transaction((repos) => translatorFor(ctx, repos, actor.personId));
    return (await listForms(ctx, actor, tr)).join('\n');
  }
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
