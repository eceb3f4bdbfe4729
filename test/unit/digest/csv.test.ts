// CSV for a Norwegian spreadsheet: BOM, `;`, decimal comma, quoting, no formulas.
import { toCsv } from '../../../src/domain/reports/csv.ts';

const labels = { yes: 'ja', no: 'nei' };

describe('report CSV', () => {
  it('starts with a BOM, separates with ; and writes decimals with a comma', () => {
    const csv = toCsv(['Enhet', 'Snitt', 'Kan inviteres'], [['ØKON', 4.25, true], ['SV', null, false]], ';', labels);
    expect(csv).toBe('\uFEFFEnhet;Snitt;Kan inviteres\r\nØKON;4,25;ja\r\nSV;;nei\r\n');
  });

  it('quotes what holds the delimiter, quotes or line breaks, and defuses formulas', () => {
    const csv = toCsv(['a', 'b', 'c'], [['x;y', 'say "hi"\nbye', '=HYPERLINK("x")'], ['-3', '+47 22 00 00 00', '@sum']], ';', labels);
    expect(csv.split('\r\n')[1]).toBe('"x;y";"say ""hi""\nbye";"\'=HYPERLINK(""x"")"');
    expect(csv.split('\r\n')[2]).toBe("-3;'+47 22 00 00 00;'@sum");
  });

  it('uses a decimal point with ,', () => {
    expect(toCsv(['n'], [[1.5], ['a,b']], ',', labels)).toBe('\uFEFFn\r\n1.5\r\n"a,b"\r\n');
  });
});
