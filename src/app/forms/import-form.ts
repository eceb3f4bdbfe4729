// An admin adds a form, or a new version of one, from a JSON file (`npm run cli -- forms import
// <file>`): no code changes. Versions never change once stored: the same content again is
// "unchanged", new content becomes the next version (or the version the file names, if newer).
// Sessions keep the version they were started with.
import { definitionProblems, sameContent } from '../../domain/forms/definition.ts';
import type { AppContext } from '../../ports.ts';
import { requireRole, type Actor } from '../support/actor.ts';
import { ensureDefaultForms } from './default-forms.ts';

export interface ImportProblem {
  key: string;
  params?: Record<string, string | number>;
}

export type ImportFormResult = { ok: true; key: string; version: number; created: boolean } | { ok: false; problems: ImportProblem[] };

export async function importFormDefinition(ctx: AppContext, actor: Actor, raw: unknown): Promise<ImportFormResult> {
  requireRole(actor, 'admin');
  const checked = definitionProblems(raw);
  if (!checked.ok) return { ok: false, problems: checked.problems.map((problem) => ({ key: 'forms.cli.schemaProblem', params: { problem } })) };
  const form = checked.value;
  return ctx.store.transaction(async (repos): Promise<ImportFormResult> => {
    await ensureDefaultForms(repos);
    const latest = await repos.forms.findLatestDefinition(form.key);
    if (latest && sameContent(latest, form) && (form.version === undefined || form.version === latest.version)) return { ok: true, key: form.key, version: latest.version, created: false };
    const version = form.version ?? (latest ? latest.version + 1 : 1);
    if (latest && version <= latest.version) return { ok: false, problems: [{ key: 'forms.cli.versionTaken', params: { key: form.key, version, latest: latest.version, next: latest.version + 1 } }] };
    const created = await repos.forms.createDefinition({ ...form, version });
    if (!created) return { ok: false, problems: [{ key: 'forms.cli.versionTaken', params: { key: form.key, version, latest: version, next: version + 1 } }] };
    await repos.audit.record({ actorId: actor.personId, action: 'form.imported', subjectType: 'form_definition', subjectId: created.id, details: { key: form.key, version } });
    return { ok: true, key: form.key, version, created: true };
  });
}
