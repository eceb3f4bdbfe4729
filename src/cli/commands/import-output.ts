// What the three import commands share: their command line, reading the file, progress bars
// per stage, and the report in the operator's language (problems on stderr, results on stdout).
import { parseArgs } from 'node:util';
import type { ImportOptions, ImportProblem, ImportReport, ImportStage } from '../../app/import/import-report.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import type { CliContext, CliIo, Progress } from '../cli-types.ts';
import { UsageError } from '../cli-types.ts';

export interface ImportArgs {
  file: string;
  dryRun: boolean;
  skipInvalid: boolean;
  values: Record<string, string | boolean | undefined>;
}

/** `<file.csv> [--dry-run] [--skip-invalid]` plus any string options of the command. */
export function parseImportArgs(args: string[], tr: Translator, usageKey: string, stringOptions: readonly string[] = []): ImportArgs {
  const options: Record<string, { type: 'boolean' | 'string' }> = { 'dry-run': { type: 'boolean' }, 'skip-invalid': { type: 'boolean' } };
  for (const name of stringOptions) options[name] = { type: 'string' };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    const option = /'(--?[^']+)'/.exec((error as Error).message)?.[1];
    throw new UsageError(option ? tr.t('cli.unknownOption', { option }) : tr.t(usageKey));
  }
  const [file, ...rest] = parsed.positionals;
  if (!file || rest.length > 0) throw new UsageError(tr.t(usageKey));
  const values = parsed.values as Record<string, string | boolean | undefined>;
  return { file, dryRun: values['dry-run'] === true, skipInvalid: values['skip-invalid'] === true, values };
}

/** The file's bytes, or null after saying why it cannot be read. */
export async function readImportFile(io: CliIo, tr: Translator, file: string): Promise<Uint8Array | null> {
  try {
    return await io.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES' ? code : 'other';
    io.err(tr.t('importer.file.unreadable', { file, reason: tr.t(`importer.file.reason.${reason}`) }));
    return null;
  }
}

/** Import options whose progress goes to one bar per stage. */
export function withProgress(io: CliIo, tr: Translator, args: ImportArgs): ImportOptions {
  let current: { stage: ImportStage; bar: Progress; finished: boolean } | undefined;
  return {
    dryRun: args.dryRun,
    skipInvalid: args.skipInvalid,
    onProgress(stage, done, total) {
      if (total === 0) return;
      if (current?.stage !== stage) current = { stage, bar: io.progress(tr.t(`importer.progress.${stage}`), total), finished: false };
      if (current.finished) return;
      current.bar.update(done);
      if (done === total) {
        current.bar.finish();
        current.finished = true;
      }
    },
  };
}

function describe(tr: Translator, problem: ImportProblem, lineKey: string, dryRun = false): string {
  const key = dryRun && problem.key === 'importer.warning.identityTaken' ? 'importer.warning.identityTakenDryRun' : problem.key;
  const reason = tr.t(key, problem.params);
  if (problem.row === null) return reason;
  return problem.column ? tr.t(lineKey, { row: problem.row, column: problem.column, reason }) : tr.t('importer.problem.row', { row: problem.row, reason });
}

function summary(tr: Translator, report: ImportReport, file: string, args: ImportArgs): string[] {
  const lines = [
    tr.t(args.dryRun ? 'importer.report.dryRun' : 'importer.report.imported', { file, count: report.rows }),
    tr.t('importer.report.counts', { what: tr.t(`importer.what.${report.kind}`), ...report.counts }),
  ];
  if (report.consents) lines.push(tr.t('importer.report.consents', { ...report.consents }));
  if (report.identities) lines.push(tr.t('importer.report.identities', { ...report.identities }));
  if (report.rejected > 0) lines.push(tr.t(args.dryRun ? 'importer.report.wouldSkip' : 'importer.report.skipped', { count: report.rejected }));
  return lines;
}

/** Prints the report; the exit code is 1 when the import was refused. */
export function printReport({ io, tr }: CliContext, report: ImportReport, args: ImportArgs): number {
  for (const problem of report.problems) io.err(describe(tr, problem, 'importer.problem.rowColumn'));
  for (const warning of report.warnings) io.err(describe(tr, warning, 'importer.warning.line', args.dryRun));
  if (report.outcome === 'refused') {
    const fileProblem = report.rows === 0 && report.rejected === 0;
    io.err(fileProblem ? tr.t('importer.report.fileRefused') : tr.t('importer.report.refused', { count: report.rejected, rows: report.rows }));
    return 1;
  }
  for (const line of summary(tr, report, args.file, args)) io.out(line);
  return 0;
}
