// report activity-map|thank-you|requests|invitations|feedback [--from YYYY-MM-DD] [--to YYYY-MM-DD]
//        [--out file.csv] [--delimiter ";"|","]
// Writes the CSV (UTF-8 with BOM, `;` by default, for a Norwegian spreadsheet) to the file, or
// to stdout without --out.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exportReport } from '../../app/reports/export-report.ts';
import { isDay } from '../../app/reports/report-args.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import { REPORT_KINDS, type ReportKind } from '../../ports.ts';
import type { CliCommand } from '../cli-types.ts';
import { UsageError } from '../cli-types.ts';

const options = { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, delimiter: { type: 'string', default: ';' } } as const;

/** node:util's parseArgs refusal, in the operator's words. */
function optionProblem(error: unknown, tr: Translator): string {
  const { code, message } = error as { code?: string; message?: string };
  const option = /'(-[^ ']*)/.exec(message ?? '')?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return tr.t('reports.needsValue', { option });
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return tr.t('reports.unknownOption', { option });
  return tr.t('reports.usage');
}

function writeProblem(error: unknown, file: string, tr: Translator): string {
  const code = (error as { code?: string }).code ?? 'unknown';
  const reason = ['ENOENT', 'EACCES', 'EISDIR'].includes(code) ? tr.t(`reports.writeReason.${code}`) : tr.t('reports.writeReason.other', { code });
  return tr.t('reports.cannotWrite', { file, reason });
}

export const reportCommand: CliCommand = {
  name: 'report',
  usage: 'activity-map|thank-you|requests|invitations|feedback [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out file.csv] [--delimiter ";"|","]',
  summary: 'reports.summary',
  async run(args, { ctx, tr, io, actor }) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options });
    } catch (error) {
      throw new UsageError(optionProblem(error, tr));
    }
    const [kind, ...extra] = parsed.positionals;
    const { from, to, out, delimiter } = parsed.values;
    if (!kind) throw new UsageError(tr.t('reports.missingKind'));
    if (!REPORT_KINDS.includes(kind as ReportKind)) throw new UsageError(tr.t('reports.unknown', { name: kind }));
    if (extra.length > 0) throw new UsageError(tr.t('reports.extra', { words: extra.join(' ') }));
    if (delimiter !== ';' && delimiter !== ',') throw new UsageError(tr.t('reports.badDelimiter'));
    for (const value of [from, to]) if (value !== undefined && !isDay(value)) throw new UsageError(tr.t('reports.badDate', { value }));
    if (from && to && from > to) throw new UsageError(tr.t('reports.badRange'));
    const report = await exportReport(ctx, actor, { kind, from, to, delimiter }, tr);
    if (!out) {
      io.out(report.csv.replace(/\r\n$/, ''));
      return 0;
    }
    try {
      await writeFile(out, report.csv, 'utf8');
    } catch (error) {
      io.err(writeProblem(error, out, tr));
      return 1;
    }
    io.out(tr.t('reports.written', { count: report.rows, file: out }));
    return 0;
  },
};
