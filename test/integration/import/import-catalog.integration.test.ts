// npm run cli -- import-units / import-programmes on PostgreSQL, as an operator sees it: the
// exit code, what is printed, and what is (or is not) in the database afterwards.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { memoryIo } from '../../../src/cli/cli-io.ts';
import { runCli } from '../../../src/cli/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UNITS = readFileSync('examples/units.csv');
const PROGRAMMES = readFileSync('examples/programmes.csv');

describe('npm run cli -- import-units / import-programmes', () => {
  let db: TestDatabase;
  let pool: pg.Pool;

  beforeAll(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await db.drop();
  });

  async function cli(argv: string[], files: Record<string, Buffer | string> = {}, locale = 'en') {
    const io = memoryIo(files);
    const code = await runCli(argv, io, { DATABASE_URL: db.url, DEFAULT_LOCALE: locale });
    return { code, out: io.stdout.join('\n'), err: io.stderr.filter((line) => !/^(Checking rows|Writing|Sjekker rader|Skriver): /.test(line)).join('\n') };
  }

  const units = async () => (await pool.query<{ code: string; name_nb: string; kind: string; parent: string | null }>('SELECT u.code, u.name_nb, u.kind::text, p.code AS parent FROM units u LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.code')).rows;
  const count = async (table: string) => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

  it('refuses broken files, saying why, and writes nothing', async () => {
    const latin1 = Buffer.from('code,name_nb,name_en,kind,parent_code\nECON,Økonomisk institutt,Economics,department,\n', 'latin1');
    expect(await cli(['import-units', 'units.csv'], { 'units.csv': latin1 })).toEqual({
      code: 1,
      out: '',
      err: 'The file is not valid UTF-8: byte 0xD8 at offset 43 (line 2). It was probably saved as Latin-1/Windows-1252 (plain “CSV”), which would garble æ, ø and å. Save it as “CSV UTF-8 (comma delimited)” and try again.\nNothing was imported.',
    });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(UNITS.toString('utf8'), 'utf16le')]);
    expect((await cli(['import-units', 'units.csv'], { 'units.csv': utf16 })).err).toBe('The file is saved as UTF-16 LE, not UTF-8. In your spreadsheet, save it as “CSV UTF-8 (comma delimited)” and try again.\nNothing was imported.');
    const unclosed = 'code,name_nb,name_en,kind,parent_code\nSV,Fakultetet,Faculty,faculty,\nECON,"Økonomisk institutt,Economics,department,SV\nPSY,Psykologi,Psychology,department,SV\n';
    expect(await cli(['import-units', 'units.csv'], { 'units.csv': unclosed })).toMatchObject({ code: 1, err: 'Row 3: a quoted field is never closed (a " is missing), so the rest of the file cannot be read.\nNothing was imported.' });
    expect((await cli(['import-units', 'units.csv'], { 'units.csv': 'code,name_nb,kind,colour\nSV,Fakultetet,faculty,blue\n' })).err).toBe('Unknown column: colour. The columns are: code, name_nb, kind, name_en, parent_code.\nNothing was imported.');
    expect((await cli(['import-units', 'units.csv'], { 'units.csv': 'code,name_nb\nSV,Fakultetet\n' })).err).toBe('The column kind is missing. Required: code, name_nb, kind.\nNothing was imported.');
    expect(await cli(['import-units', 'nowhere.csv'])).toEqual({ code: 1, out: '', err: 'Cannot read the file nowhere.csv (there is no such file).' });
    expect(await cli(['import-units', 'units.csv', '--dryrun'])).toMatchObject({ code: 1, err: expect.stringContaining('Unknown option --dryrun.') });
    expect(await cli(['import-units'])).toMatchObject({ code: 1, err: 'Write: import-units <file.csv> [--dry-run] [--skip-invalid]\nUsage: npm run cli -- import-units <file.csv> [--dry-run] [--skip-invalid]' });
    expect(await count('units')).toBe(0);
  });

  it('lists every bad row with its column and reason, writes nothing, and imports the rest with --skip-invalid', async () => {
    const file = [
      'code;name_nb;name_en;kind;parent_code',
      'SV;Fakultetet;Faculty;faculty;',
      'ECON;Økonomisk institutt;Economics;institute;SV',
      'PSY;Psykologisk institutt;Psychology;department;SV',
      'psy;Psykologi igjen;Psychology again;department;SV',
      'SAI;Sosialantropologi;Anthropology;department;NOPE',
      'A;Første;First;centre;B',
      'B;Andre;Second;centre;A',
    ].join('\n');
    const refused = await cli(['import-units', 'units.csv'], { 'units.csv': file });
    expect(refused).toEqual({
      code: 1,
      out: '',
      err: [
        'Row 3, kind: Use faculty, department or centre.',
        'Row 4, code: the code PSY is also in row 5. Each code once, please.',
        'Row 5, code: the code PSY is also in row 4. Each code once, please.',
        'Row 6, parent_code: there is no unit with the code NOPE, neither in the file (without problems) nor already stored.',
        'Row 7, parent_code: the units would be each other’s parents: A → B → A.',
        'Row 8, parent_code: the units would be each other’s parents: B → A → B.',
        'Nothing was imported: 6 of 7 rows have problems. Fix them and run the import again, or add --skip-invalid to import the other rows.',
      ].join('\n'),
    });
    expect(await count('units')).toBe(0);
    const norwegian = await cli(['import-units', 'units.csv', '--dry-run'], { 'units.csv': file }, 'nb');
    expect(norwegian.code).toBe(1);
    expect(norwegian.err.split('\n')[1]).toBe('Rad 4, code: koden PSY står også i rad 5. Hver kode bare én gang.');
    expect(norwegian.err.split('\n').at(-1)).toBe('Ingenting ble importert: 6 av 7 rader har feil. Rett dem og kjør importen på nytt, eller legg til --skip-invalid for å importere de andre radene.');
    const skipped = await cli(['import-units', 'units.csv', '--skip-invalid'], { 'units.csv': file });
    expect(skipped.code).toBe(0);
    expect(skipped.out).toBe('Imported units.csv (7 rows) in one transaction:\nUnits: 1 new, 0 changed, 0 unchanged.\n6 rows with problems were left out (listed above).');
    expect(await units()).toEqual([{ code: 'SV', name_nb: 'Fakultetet', kind: 'faculty', parent: null }]);
  });

  it('imports units with parents later in the file (semicolons, BOM), then programmes; a dry run writes nothing; a re-import changes nothing', async () => {
    const reversed = ['code;name_nb;name_en;kind;parent_code', 'ECON;Økonomisk institutt;Department of Economics;department;SV', 'SV;Det samfunnsvitenskapelige fakultet;Faculty of Social Sciences;faculty;'].join('\r\n');
    expect((await cli(['import-units', 'units.csv'], { 'units.csv': Buffer.concat([BOM, Buffer.from(reversed)]) })).out).toBe('Imported units.csv (2 rows) in one transaction:\nUnits: 1 new, 1 changed, 0 unchanged.');
    expect(await cli(['import-units', 'examples/units.csv', '--dry-run'])).toEqual({
      code: 0,
      out: 'Dry run of examples/units.csv (7 rows): nothing was written. The import would do this:\nUnits: 5 new, 0 changed, 2 unchanged.',
      err: '',
    });
    expect(await count('units')).toBe(2);
    expect((await cli(['import-units', 'examples/units.csv'])).out).toBe('Imported examples/units.csv (7 rows) in one transaction:\nUnits: 5 new, 0 changed, 2 unchanged.');
    expect((await units()).find((unit) => unit.code === 'ECON')).toEqual({ code: 'ECON', name_nb: 'Økonomisk institutt', kind: 'department', parent: 'SV' });
    expect((await cli(['import-units', 'examples/units.csv'])).out).toContain('Units: 0 new, 0 changed, 7 unchanged.');

    const unknownUnit = await cli(['import-programmes', 'programmes.csv'], { 'programmes.csv': 'code,name_nb,level,unit_code\nMA-X,Master i X,master,ECON\nMA-Y,Master i Y,masters,ECON\nMA-Z,Master i Z,master,HIST\n' });
    expect(unknownUnit).toMatchObject({
      code: 1,
      err: 'Row 3, level: Use bachelor, master, phd or other.\nRow 4, unit_code: there is no unit with the code HIST. Import the units first (npm run cli -- import-units).\nNothing was imported: 2 of 3 rows have problems. Fix them and run the import again, or add --skip-invalid to import the other rows.',
    });
    expect(await count('programmes')).toBe(0);
    expect((await cli(['import-programmes', 'examples/programmes.csv'])).out).toBe('Imported examples/programmes.csv (13 rows) in one transaction:\nProgrammes: 13 new, 0 changed, 0 unchanged.');
    const renamed = PROGRAMMES.toString('utf8').replace('Master\'s programme in Economics', 'MSc in Economics');
    expect((await cli(['import-programmes', 'programmes.csv'], { 'programmes.csv': renamed })).out).toContain('Programmes: 0 new, 1 changed, 12 unchanged.');
    const audit = await pool.query<{ action: string; details: Record<string, number> }>("SELECT action, details FROM audit_entries WHERE action LIKE 'import.%' ORDER BY at");
    expect(audit.rows.map((row) => [row.action, row.details.created, row.details.updated, row.details.unchanged])).toEqual([
      ['import.units', 1, 0, 0],
      ['import.units', 1, 1, 0],
      ['import.units', 5, 0, 2],
      ['import.units', 0, 0, 7],
      ['import.programmes', 13, 0, 0],
      ['import.programmes', 0, 1, 12],
    ]);
  });
});
