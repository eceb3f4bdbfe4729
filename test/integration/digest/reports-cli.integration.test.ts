// Reports and digest channels from the command line, on the hand-computed fixture: the activity
// map, the thank-you list and the feedback export (anonymous answers never with a name), as CSV
// a Norwegian spreadsheet opens (BOM, `;`); and `digest add|list|remove`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.ts';
import { runCli } from '../../../src/cli/run-cli.ts';
import { openDatabase } from '../../../src/db/database.ts';
import { cli } from '../../support/faculty.ts';
import { silentLogger } from '../../support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { writeFixture } from './fixture.ts';

let testDb: TestDatabase;
let env: Record<string, string>;
let dir: string;
const YEAR = ['--from', '2026-01-01', '--to', '2026-12-31'];

beforeAll(async () => {
  testDb = await createTestDatabase();
  env = { DATABASE_URL: testDb.url };
  const database = await openDatabase({ kind: 'postgres', url: testDb.url }, silentLogger(), { migrate: false });
  await writeFixture(database.prisma);
  await database.close();
  dir = mkdtempSync(path.join(tmpdir(), 'alumni-reports-'));
});

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await testDb.drop();
});

async function report(kind: string, extra: string[] = []): Promise<string[]> {
  const file = path.join(dir, `${kind}.csv`);
  expect(await cli(env, ['report', kind, ...YEAR, '--out', file, ...extra])).toMatch(/rader skrevet til/);
  const csv = readFileSync(file, 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return csv.slice(1).trimEnd().split('\r\n');
}

describe('reports', () => {
  it('the activity map: unit × programme × engagement type × term, feedback averages only from three answers', async () => {
    expect(await report('activity-map')).toEqual([
      'Enhet;Enhetsnavn;Studieprogram;Type bidrag;Semester;Forespørsler;Fylt;Bidragsytere;Tilbakemeldinger;Snitt tilbakemelding',
      'ECON;ECON nb;;Gjesteforelesning;2026 høst;2;1;2;2;',
      'POL;POL nb;;Gjesteforelesning;2026 høst;1;1;2;2;',
    ]);
  });

  it('the thank-you list: who, how often, where, named or not, may be invited', async () => {
    expect(await report('thank-you')).toEqual([
      'Navn;E-post;Bidrag;Hvor;Kan takkes med navn;Kan inviteres til samlingen',
      'Ola Nordmann;ola@example.no;2;ECON gjesteforelesning, POL gjesteforelesning;ja;nei',
      'Per Hansen;per@example.no;1;POL gjesteforelesning;nei;nei',
      'Siri Berg;siri@example.no;1;ECON gjesteforelesning;ja;nei',
    ]);
  });

  it('the feedback export never puts a name next to an anonymous answer', async () => {
    const lines = await report('feedback', ['--delimiter', ',']);
    expect(lines[0]).toBe('Skjema,Versjon,Forespørsel,Tittel,Enhet,Spørsmål,Svarer,Svar,Fullført');
    expect(lines.filter((line) => line.includes(',q1,'))).toHaveLength(4);
    expect(lines.some((line) => line.includes(',q2,'))).toBe(false);
    expect(lines.find((line) => line.includes('Ola Nordmann,Flott!'))).toContain(',q3,');
  });

  it('the requests export, to stdout', async () => {
    const out = await cli(env, ['report', 'requests', ...YEAR]);
    expect(out.split('\r\n').map((line) => line.split(';')[1])).toEqual(['Tittel', 'R5 avlyst', 'R3 valg', 'R1 skatt', 'R2 panel', 'R4 utkast']);
  });

  it('refuses a wrong report or date with the usage', async () => {
    const io = memoryIo();
    expect(await runCli(['report', 'salary'], io, env)).toBe(1);
    expect(io.stderr[0]).toBe('Det finnes ingen rapport som heter salary. Velg activity-map, thank-you, requests, invitations eller feedback.');
    const dates = memoryIo();
    expect(await runCli(['report', 'requests', '--from', '1.1.2026'], dates, env)).toBe(1);
    expect(dates.stderr[0]).toBe('1.1.2026 er ikke en dato (bruk ÅÅÅÅ-MM-DD).');
    // Days that do not exist, and the other mistakes, each get their reason (then the usage).
    const cases: [string[], string][] = [
      [['report', 'requests', '--from', '2026-02-30'], '2026-02-30 er ikke en dato (bruk ÅÅÅÅ-MM-DD).'],
      [['report', 'requests', '--from', '2026-13-01'], '2026-13-01 er ikke en dato (bruk ÅÅÅÅ-MM-DD).'],
      [['report', 'requests', '--from', '2026-03-02', '--to', '2026-03-01'], '--from kan ikke være etter --to.'],
      [['report', 'requests', '--bogus'], '--bogus er ikke et valg for denne kommandoen.'],
      [['report', 'requests', '--from'], '--from trenger en verdi.'],
      [['report', 'requests', '--delimiter', 'tab'], '--delimiter må være ";" eller ",".'],
      [['report'], 'Si hvilken rapport: activity-map, thank-you, requests, invitations eller feedback.'],
    ];
    for (const [args, reason] of cases) {
      const io = memoryIo();
      expect(await runCli(args, io, env)).toBe(1);
      expect(io.stderr[0]).toBe(reason);
      expect(io.stderr).toHaveLength(2);
    }
    const nowhere = memoryIo();
    expect(await runCli(['report', 'requests', '--out', '/nonexistent-folder/x.csv'], nowhere, env)).toBe(1);
    expect(nowhere.stderr).toEqual(['Kunne ikke skrive /nonexistent-folder/x.csv: mappen finnes ikke. Ingenting ble skrevet.']);
  });
});

describe('digest channels from the CLI', () => {
  it('adds, lists and removes; an unknown unit is refused', async () => {
    expect(await cli(env, ['digest', 'add', 'slack', 'T1', 'CECON', '--unit', 'econ', '--locale', 'en', '--alumni'])).toBe('Ukeoversikten for ECON blir lagt ut i CECON på engelsk hver uke til oversiktstiden.');
    expect(await cli(env, ['digest', 'add', 'teams', 'tenant-1', '19:fac@thread.tacv2'])).toContain('19:fac@thread.tacv2');
    expect(await cli(env, ['digest', 'list'])).toBe([
      'CECON (T1) (Slack): ECON ECON nb, engelsk, alumner leser den. Siste oversikt: ingen ennå',
      '19:fac@thread.tacv2 (tenant-1) (Teams): hele fakultetet, norsk. Siste oversikt: ingen ennå',
    ].join('\n'));
    expect(await cli(env, ['digest', 'remove', 'slack', 'T1', 'CECON'])).toBe('Ingen flere ukeoversikter i CECON.');
    expect(await cli(env, ['digest', 'remove', 'slack', 'T1', 'CECON'])).toBe('CECON får ikke ukeoversikten. Ingenting ble endret.');
    const io = memoryIo();
    expect(await runCli(['digest', 'add', 'slack', 'T1', 'CX', '--unit', 'NOPE'], io, env)).toBe(1);
    expect(io.stderr).toEqual(['Det finnes ingen enhet med koden NOPE. Ingenting ble endret.']);
  });
});
