// Turns the bytes of an uploaded CSV file into rows keyed by column name, or says precisely
// why it cannot: wrong encoding (only UTF-8, with or without BOM; æøå must survive), broken
// quoting, unknown, missing or repeated columns. Row numbers count the header as row 1, as a
// spreadsheet does, so a quoted field with a line break still counts as one row.
import { parse } from 'csv-parse/sync';
import type { ImportProblem } from './import-report.ts';

export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

export interface CsvRow {
  /** The row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  /** Every column of the file (lower-case name) with its raw text; absent optional columns are ''. */
  values: Record<string, string>;
}

export type CsvTable =
  | { ok: true; delimiter: ',' | ';'; rows: CsvRow[]; problems: ImportProblem[] }
  | { ok: false; problem: ImportProblem };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function refusedBom(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) return 'UTF-32 LE';
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) return 'UTF-32 BE';
  if (startsWith(bytes, [0xff, 0xfe])) return 'UTF-16 LE';
  if (startsWith(bytes, [0xfe, 0xff])) return 'UTF-16 BE';
  return null;
}

/** Length of the UTF-8 sequence starting at `at`, or 0 when it is not valid UTF-8. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const first = bytes[at] ?? 0;
  if (first < 0x80) return 1;
  const [length, min] = first >= 0xc2 && first <= 0xdf ? [2, 0x80] : first >= 0xe0 && first <= 0xef ? [3, 0x800] : first >= 0xf0 && first <= 0xf4 ? [4, 0x10000] : [0, 0];
  if (length === 0 || at + length > bytes.length) return 0;
  let code = first & (0xff >> (length + 1));
  for (let index = 1; index < length; index += 1) {
    const next = bytes[at + index] ?? 0;
    if ((next & 0xc0) !== 0x80) return 0;
    code = (code << 6) | (next & 0x3f);
  }
  const surrogate = code >= 0xd800 && code <= 0xdfff;
  return code < min || code > 0x10ffff || surrogate ? 0 : length;
}

/** Where the first byte that is not UTF-8 is: its offset and its line (1-based). */
function firstInvalidByte(bytes: Uint8Array): { offset: number; line: number } {
  let line = 1;
  for (let at = 0; at < bytes.length; ) {
    const length = sequenceLength(bytes, at);
    if (length === 0) return { offset: at, line };
    if (bytes[at] === 0x0a) line += 1;
    at += length;
  }
  return { offset: bytes.length, line };
}

/** The text of the file, or the reason it is refused. */
export function decodeCsv(bytes: Uint8Array): { ok: true; text: string } | { ok: false; problem: ImportProblem } {
  const bom = refusedBom(bytes);
  if (bom) return { ok: false, problem: { row: null, key: 'importer.file.wrongEncoding', params: { encoding: bom } } };
  // UTF-16 without a byte-order mark: text files have no NUL bytes, UTF-16 has one in every other.
  if (bytes.subarray(0, 4096).includes(0)) return { ok: false, problem: { row: null, key: 'importer.file.wrongEncoding', params: { encoding: 'UTF-16' } } };
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(UTF8_BOM.length) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    const { offset, line } = firstInvalidByte(body);
    const byte = (body[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return { ok: false, problem: { row: null, key: 'importer.file.notUtf8', params: { line, offset: offset + bytes.length - body.length, byte } } };
  }
  if (text.trim() === '') return { ok: false, problem: { row: null, key: 'importer.file.empty' } };
  return { ok: true, text };
}

/** `;` when the header line has one (Norwegian spreadsheets), else `,`. */
export function detectDelimiter(text: string): ',' | ';' {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  return header.includes(';') ? ';' : ',';
}

interface CsvParseError {
  code?: string;
  lines?: number;
  records?: number;
}

function parseRecords(text: string, delimiter: ',' | ';'): { ok: true; records: string[][] } | { ok: false; problem: ImportProblem } {
  try {
    return { ok: true, records: parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false, bom: false }) };
  } catch (error) {
    const { code, lines, records } = error as CsvParseError;
    const row = (records ?? 0) + 1;
    const key = code === 'CSV_QUOTE_NOT_CLOSED' ? 'importer.file.quoteNotClosed' : code === 'CSV_INVALID_CLOSING_QUOTE' ? 'importer.file.badQuote' : 'importer.file.malformed';
    return { ok: false, problem: { row: null, key, params: { row, line: lines ?? row } } };
  }
}

function checkHeader(header: readonly string[], columns: CsvColumns): ImportProblem | null {
  const allowed = [...columns.required, ...columns.optional];
  const names = { allowed: allowed.join(', '), required: columns.required.join(', ') };
  const blank = header.findIndex((name) => name === '');
  if (blank >= 0) return { row: null, key: 'importer.file.blankColumn', params: { position: blank + 1, ...names } };
  const repeated = header.find((name, index) => header.indexOf(name) !== index);
  if (repeated) return { row: null, key: 'importer.file.repeatedColumn', params: { column: repeated } };
  const unknown = header.filter((name) => !allowed.includes(name));
  if (unknown.length > 0) return { row: null, key: 'importer.file.unknownColumns', params: { columns: unknown.join(', '), count: unknown.length, ...names } };
  const missing = columns.required.filter((name) => !header.includes(name));
  if (missing.length > 0) return { row: null, key: 'importer.file.missingColumns', params: { columns: missing.join(', '), count: missing.length, ...names } };
  return null;
}

function toRow(record: string[], index: number, header: readonly string[], columns: CsvColumns, delimiter: string): CsvRow | ImportProblem | null {
  const row = index + 1;
  if (record.every((value) => value.trim() === '')) return null;
  const extra = record.slice(header.length);
  if (record.length < header.length || extra.some((value) => value.trim() !== '')) {
    const hint = delimiter === ';' && record.length > header.length ? 'importer.problem.fieldCountSemicolon' : 'importer.problem.fieldCount';
    return { row, key: hint, params: { count: record.length, expected: header.length } };
  }
  const values: Record<string, string> = {};
  for (const name of columns.optional) values[name] = '';
  header.forEach((name, column) => {
    values[name] = record[column] ?? '';
  });
  return { row, values };
}

/** Decodes, parses and checks the header; rows with the wrong number of values become problems. */
export function readCsv(bytes: Uint8Array, columns: CsvColumns): CsvTable {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return decoded;
  const delimiter = detectDelimiter(decoded.text);
  const parsed = parseRecords(decoded.text, delimiter);
  if (!parsed.ok) return parsed;
  const [first = [], ...records] = parsed.records;
  const header = first.map((name) => name.trim().toLowerCase());
  const headerProblem = checkHeader(header, columns);
  if (headerProblem) return { ok: false, problem: headerProblem };
  const rows: CsvRow[] = [];
  const problems: ImportProblem[] = [];
  records.forEach((record, index) => {
    const result = toRow(record, index + 1, header, columns, delimiter);
    if (result === null) return;
    if ('values' in result) rows.push(result);
    else problems.push(result);
  });
  return { ok: true, delimiter, rows, problems };
}
