// The words after `admin report` in chat (Slack and Teams alike): `<kind> [--from YYYY-MM-DD]
// [--to YYYY-MM-DD] [--delimiter ;|,]`. Either the input for exportReport, or the problem in
// catalog terms (a key and its parameters), so each platform answers in the admin's language.
import { REPORT_KINDS, type ReportKind } from '../../ports.ts';

export interface ReportRequest {
  kind: ReportKind;
  from?: string;
  to?: string;
  delimiter: ';' | ',';
}

export type ReportArgs = { ok: true; request: ReportRequest } | { ok: false; key: 'unknown' | 'badDate' | 'badRange' | 'usage'; params?: Record<string, string> };

const FLAGS = new Set(['--from', '--to', '--delimiter']);

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

export function parseReportArgs(words: readonly string[]): ReportArgs {
  const [name, ...rest] = words;
  if (!name) return { ok: false, key: 'usage' };
  const kind = name.toLowerCase();
  if (!REPORT_KINDS.includes(kind as ReportKind)) return { ok: false, key: 'unknown', params: { name } };
  const values: Record<string, string> = {};
  for (let at = 0; at < rest.length; at += 2) {
    // Chat clients may turn a typed `--` into a dash.
    const flag = rest[at]!.toLowerCase().replace(/^[\u2013\u2014]/, '--');
    const value = rest[at + 1];
    if (!FLAGS.has(flag) || value === undefined || Object.hasOwn(values, flag)) return { ok: false, key: 'usage' };
    values[flag] = value;
  }
  const from = values['--from'];
  const to = values['--to'];
  for (const value of [from, to]) if (value !== undefined && !isDay(value)) return { ok: false, key: 'badDate', params: { value } };
  if (from && to && from > to) return { ok: false, key: 'badRange' };
  const delimiter = values['--delimiter'] ?? ';';
  if (delimiter !== ';' && delimiter !== ',') return { ok: false, key: 'usage' };
  return { ok: true, request: { kind: kind as ReportKind, ...(from ? { from } : {}), ...(to ? { to } : {}), delimiter } };
}
