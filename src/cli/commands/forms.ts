// forms list | forms import <file.json>
// Lists the feedback forms (every version), or stores a new form or a new version of one from a
// JSON file. A file with problems stores nothing and lists each problem with its place.
import { importFormDefinition } from '../../app/forms/import-form.ts';
import { listForms } from '../../app/forms/list-forms.ts';
import type { CliCommand } from '../cli-types.ts';
import { UsageError } from '../cli-types.ts';
import { readImportFile } from './import-output.ts';

export const formsCommand: CliCommand = {
  name: 'forms',
  usage: 'list | import <file.json>',
  summary: 'forms.cli.summary',
  async run(args, { ctx, tr, io, actor }) {
    const [action, file, ...rest] = args;
    if (action === 'list' && file === undefined) {
      for (const line of await listForms(ctx, actor, tr)) io.out(line);
      return 0;
    }
    if (action !== 'import' || !file || rest.length > 0) throw new UsageError(tr.t('forms.cli.usage'));
    const bytes = await readImportFile(io, tr, file);
    if (!bytes) return 1;
    let raw: unknown;
    try {
      raw = JSON.parse(Buffer.from(bytes).toString('utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      io.err(tr.t('forms.cli.badJson', { file, reason: error.message }));
      return 1;
    }
    const result = await importFormDefinition(ctx, actor, raw);
    if (!result.ok) {
      if (result.problems.some((problem) => problem.key === 'forms.cli.schemaProblem')) io.err(tr.t('forms.cli.invalid', { file }));
      for (const problem of result.problems) io.err(tr.t(problem.key, problem.params));
      return 1;
    }
    io.out(tr.t(result.created ? 'forms.cli.imported' : 'forms.cli.unchanged', { key: result.key, version: result.version }));
    return 0;
  },
};
