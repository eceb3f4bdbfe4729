// CSV that opens correctly in a Norwegian spreadsheet: UTF-8 with a byte order mark (so Excel
// reads æøå), `;` as the default delimiter (Excel in nb-NO splits on semicolons; `,` on request),
// CRLF line ends, and every field quoted when it holds the delimiter, a quote or a line break.
// Numbers use a decimal comma with `;` and a point with `,`. Cells that a spreadsheet would run
// as a formula (starting with =, +, - or @) get a leading apostrophe.

export type Delimiter = ';' | ',';
export type Cell = string | number | boolean | null | undefined;

const BOM = '\uFEFF';
const FORMULA = /^[=+\-@\t\r]/;

function quote(value: string, delimiter: Delimiter): string {
  const safe = FORMULA.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatCell(cell: Cell, delimiter: Delimiter, labels: { yes: string; no: string }): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'boolean') return cell ? labels.yes : labels.no;
  if (typeof cell === 'number') {
    const text = Number.isInteger(cell) ? String(cell) : String(Math.round(cell * 100) / 100);
    return delimiter === ';' ? text.replace('.', ',') : text;
  }
  return quote(cell, delimiter);
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[], delimiter: Delimiter, labels: { yes: string; no: string }): string {
  const lines = [header, ...rows].map((row) => row.map((cell) => formatCell(cell, delimiter, labels)).join(delimiter));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
