// report activity-map|thank-you|requests|invitations|feedback [--from YYYY-MM-DD] [--to YYYY-MM-DD]
//        [--out file.csv] [--delimiter ";"|","]
// Writes the CSV (UTF-8 with BOM, `;` by default, for a Norwegian spreadsheet) to the file, or
// to stdout without --out.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exportReport } from '../../app/reports/export-report.ts';
import { REPORT_KINDS, type ReportKind } from '../../ports.ts';
import type { CliCommand } from '../cli-types.ts';
import { UsageError } from '../cli-types.ts';

const options = { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, delimiter: { type: 'string', default: ';' } } as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export const reportCommand: CliCommand = {
  name: 'report',
  usage: 'activity-map|thank-you|requests|invitations|feedback [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out file.csv] [--delimiter ";"|","]',
  summary: 'reports.summary',
  async run(args, { ctx, tr, io, actor }) {
    let parsed;
    try {
      parsed = parseArgs({ args, allowPositionals: true, options });
    } catch {
      throw new UsageError(tr.t('reports.usage'));
    }
    const [kind, ...extra] = parsed.positionals;
    const { from, to, out, delimiter } = parsed.values;
    if (!kind || extra.length > 0 || (delimiter !== ';' && delimiter !== ',')) throw new UsageError(tr.t('reports.usage'));
    if (!REPORT_KINDS.includes(kind as ReportKind)) throw new UsageError(tr.t('reports.unknown', { name: kind }));
    for (const value of [from, to]) if (value !== undefined && !DAY.test(value)) throw new UsageError(tr.t('reports.badDate', { value }));
    if (from && to && from > to) throw new UsageError(tr.t('reports.badRange'));
    const report = await exportReport(ctx, actor, { kind, from, to, delimiter }, tr);
    if (!out) {
      io.out(report.csv.replace(/\r\n$/, ''));
      return 0;
    }
    await writeFile(out, report.csv, 'utf8');
    io.out(tr.t('reports.written', { rows: report.rows, file: out }));
    return 0;
  },
};
