// The forms shipped with the bot (forms/*.json at the project root). Each one is stored the
// first time forms are needed, unless an admin already stored a version of that key: an admin's
// version is never replaced by a default.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { formDefinitionSchema, type ParsedFormDefinition } from '../../domain/forms/definition.ts';
import { PROJECT_ROOT } from '../../paths.ts';
import type { Repositories } from '../../ports.ts';

export const DEFAULT_FORMS_DIR = path.join(PROJECT_ROOT, 'forms');

let cached: ParsedFormDefinition[] | undefined;

/** The shipped definitions, parsed (a broken shipped file is a bug: it throws). */
export function defaultForms(): ParsedFormDefinition[] {
  cached ??= readdirSync(DEFAULT_FORMS_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => formDefinitionSchema.parse(JSON.parse(readFileSync(path.join(DEFAULT_FORMS_DIR, name), 'utf8'))));
  return cached;
}

/** Stores the shipped forms whose key has no version yet; returns how many were stored. */
export async function ensureDefaultForms(repos: Repositories): Promise<number> {
  const stored = new Set((await repos.forms.findLatestDefinitions()).map((form) => form.key));
  let added = 0;
  for (const form of defaultForms()) {
    if (stored.has(form.key)) continue;
    if (await repos.forms.createDefinition({ ...form, version: form.version ?? 1 })) added += 1;
  }
  return added;
}
