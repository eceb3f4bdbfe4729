// Reading CSV files as spreadsheets export them: either delimiter, UTF-8 with or without BOM,
// quoted fields with delimiters and line breaks; and clear refusals (with the row or byte) of
// other encodings, broken quoting and wrong headers.
import { readCsv, type CsvColumns } from '../../../src/app/import/read-csv.ts';
import type { ImportProblem } from '../../../src/app/import/import-report.ts';
import { createTranslator } from '../../../src/domain/i18n/translator.ts';

const COLUMNS: CsvColumns = { required: ['code', 'name_nb'], optional: ['name_en', 'parent_code'] };
const en = createTranslator('en', 'Europe/Oslo');
const nb = createTranslator('nb', 'Europe/Oslo');
const utf8 = (text: string) => Buffer.from(text, 'utf8');

function refusal(bytes: Uint8Array): ImportProblem {
  const table = readCsv(bytes, COLUMNS);
  if (table.ok) throw new Error('expected the file to be refused');
  return table.problem;
}

function rows(bytes: Uint8Array) {
  const table = readCsv(bytes, COLUMNS);
  if (!table.ok) throw new Error(en.t(table.problem.key, table.problem.params));
  return table;
}

describe('readCsv', () => {
  it('reads a comma file and a semicolon file (Norwegian Excel) to the same rows, keeping æøå', () => {
    const comma = rows(utf8('code,name_nb,name_en\nECON,Økonomisk institutt,Economics\nSAI,Sosialantropologisk institutt,Social Anthropology\n'));
    const semicolon = rows(utf8('code;name_nb;name_en\r\nECON;Økonomisk institutt;Economics\r\nSAI;Sosialantropologisk institutt;Social Anthropology\r\n'));
    expect(comma.delimiter).toBe(',');
    expect(semicolon.delimiter).toBe(';');
    expect(semicolon.rows).toEqual(comma.rows);
    expect(comma.rows[0]).toEqual({ row: 2, values: { code: 'ECON', name_nb: 'Økonomisk institutt', name_en: 'Economics', parent_code: '' } });
  });

  it('strips a UTF-8 byte-order mark, and reads header names trimmed and in any case', () => {
    const table = rows(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(' Code ;NAME_NB\nPSY;Psykologisk institutt\n')]));
    expect(table.rows).toEqual([{ row: 2, values: { code: 'PSY', name_nb: 'Psykologisk institutt', name_en: '', parent_code: '' } }]);
  });

  it('keeps delimiters and line breaks inside quoted fields, and counts rows as a spreadsheet does', () => {
    const table = rows(utf8('code,name_nb\nA,"Sosiologi, og\nsamfunnsgeografi"\nB,"Sier ""hei"""\n\nC,Tredje\n'));
    expect(table.rows.map((row) => [row.row, row.values.name_nb])).toEqual([
      [2, 'Sosiologi, og\nsamfunnsgeografi'],
      [3, 'Sier "hei"'],
      [5, 'Tredje'],
    ]);
  });

  it('refuses Latin-1 (Windows-1252) bytes, naming the line and byte and how to save the file', () => {
    const latin1 = Buffer.from('code,name_nb\nECON,Økonomisk institutt\n', 'latin1');
    const problem = refusal(latin1);
    expect(problem).toMatchObject({ row: null, key: 'importer.file.notUtf8', params: { line: 2, offset: 18, byte: 'D8' } });
    expect(en.t(problem.key, problem.params)).toBe(
      'The file is not valid UTF-8: byte 0xD8 at offset 18 (line 2). It was probably saved as Latin-1/Windows-1252 (plain “CSV”), which would garble æ, ø and å. Save it as “CSV UTF-8 (comma delimited)” and try again.',
    );
  });

  it('refuses UTF-16 and UTF-32, with or without a byte-order mark', () => {
    const text = 'code,name_nb\nECON,Økonomi\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    expect(refusal(le).params).toEqual({ encoding: 'UTF-16 LE' });
    expect(refusal(be).params).toEqual({ encoding: 'UTF-16 BE' });
    expect(refusal(Buffer.from(text, 'utf16le')).params).toEqual({ encoding: 'UTF-16' });
    expect(refusal(Buffer.from([0xff, 0xfe, 0, 0, 0x63, 0, 0, 0])).params).toEqual({ encoding: 'UTF-32 LE' });
    expect(nb.t('importer.file.wrongEncoding', { encoding: 'UTF-16 LE' })).toContain('«CSV UTF-8 (kommadelt)»');
  });

  it('names the row of a quote that is never closed, and of a stray quote', () => {
    const unclosed = refusal(utf8('code,name_nb\nA,Første\nB,"Andre\nC,Tredje\n'));
    expect(en.t(unclosed.key, unclosed.params)).toBe('Row 3: a quoted field is never closed (a " is missing), so the rest of the file cannot be read.');
    const stray = refusal(utf8('code,name_nb\nA,"Første" enhet\n'));
    expect(stray).toMatchObject({ row: null, key: 'importer.file.badQuote', params: { row: 2, line: 2 } });
  });

  it('refuses unknown, missing and repeated columns, listing the expected ones', () => {
    const unknown = refusal(utf8('code,name_nb,colour\nA,B,red\n'));
    expect(en.t(unknown.key, unknown.params)).toBe('Unknown column: colour. The columns are: code, name_nb, name_en, parent_code.');
    const missing = refusal(utf8('code,name_en\nA,B\n'));
    expect(en.t(missing.key, missing.params)).toBe('The column name_nb is missing. Required: code, name_nb.');
    expect(refusal(utf8('code,name_nb,code\nA,B,C\n'))).toMatchObject({ key: 'importer.file.repeatedColumn', params: { column: 'code' } });
    expect(refusal(utf8('   \n'))).toMatchObject({ key: 'importer.file.empty' });
  });

  it('makes a row with the wrong number of values a problem of that row, with a hint for unquoted lists', () => {
    const table = rows(utf8('code;name_nb\nA;Første\nB;Andre;tredje\nC\nD;Fjerde;\n'));
    expect(table.rows.map((row) => row.row)).toEqual([2, 5]);
    expect(table.problems.map((problem) => [problem.row, problem.key])).toEqual([
      [3, 'importer.problem.fieldCountSemicolon'],
      [4, 'importer.problem.fieldCount'],
    ]);
    expect(en.t(table.problems[0]!.key, table.problems[0]!.params)).toBe('has 3 values, but the header has 2 columns. In a file separated by “;”, put lists in quotes ("a;b").');
  });
});
