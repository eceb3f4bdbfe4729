// 100,000 alumni rows through the CLI into PostgreSQL in one transaction, then again: every
// person, profile, programme link, chat account and consent is there once. (How long it takes is
// measured by npm run bench:import, not here.) And a CLI process killed half-way through
// writing leaves nothing behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { memoryIo } from '../../../src/cli/cli-io.ts';
import { runCli } from '../../../src/cli/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { syntheticAlumni } from './synthetic-alumni.ts';

// 20,000 rows (ten write chunks) by default, so the suite stays inside CI's time; set
// ALUMNI_LARGE_IMPORT_ROWS=100000 for the full size. The speed is measured by `npm run bench:import`.
const ROWS = Number(process.env.ALUMNI_LARGE_IMPORT_ROWS ?? 20_000);

describe('importing many alumni (20,000 by default, 100,000 with ALUMNI_LARGE_IMPORT_ROWS)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  async function cli(argv: string[], files: Record<string, string> = {}) {
    const io = memoryIo(files);
    const code = await runCli(argv, io, { DATABASE_URL: db.url, DEFAULT_LOCALE: 'en' });
    return { code, out: io.stdout, progress: io.stderr };
  }

  it('writes every row once, and a second run finds them all unchanged', async () => {
    const data = syntheticAlumni(ROWS);
    expect((await cli(['import-units', 'examples/units.csv'])).code).toBe(0);
    expect((await cli(['import-programmes', 'examples/programmes.csv'])).code).toBe(0);

    const first = await cli(['import-alumni', 'alumni.csv'], { 'alumni.csv': data.csv });
    expect(first.code).toBe(0);
    expect(first.out[1]).toBe(`Alumni: ${ROWS} new, 0 changed, 0 unchanged.`);
    expect(first.progress).toContain(`Writing: ${ROWS}/${ROWS}`);

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const count = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);
      expect(await count("SELECT count(*) AS n FROM people WHERE roles = '{alumnus}'")).toBe(ROWS);
      expect(await count('SELECT count(DISTINCT email) AS n FROM people')).toBe(ROWS);
      expect(await count('SELECT count(*) AS n FROM alumnus_profiles WHERE cardinality(programme_ids) = 1')).toBe(ROWS);
      expect(await count('SELECT count(*) AS n FROM alumnus_programmes')).toBe(ROWS);
      expect(await count("SELECT count(*) AS n FROM consents WHERE source = 'csv_import' AND withdrawn_at IS NULL")).toBe(data.withConsent);
      expect(await count("SELECT count(*) AS n FROM alumnus_profiles WHERE consented_types @> '{guest_lecture}'")).toBe(data.withConsent);
      expect(await count("SELECT count(*) AS n FROM platform_identities WHERE platform = 'slack'")).toBe(data.slackIds);
      expect(await count("SELECT count(*) AS n FROM platform_identities WHERE platform = 'teams'")).toBe(data.teamsIds);

      const again = await cli(['import-alumni', 'alumni.csv'], { 'alumni.csv': data.csv });
      expect(again.out[1]).toBe(`Alumni: 0 new, 0 changed, ${ROWS} unchanged.`);
      expect(await count('SELECT count(*) AS n FROM people')).toBe(ROWS);
      expect(await count('SELECT count(*) AS n FROM consents')).toBe(data.withConsent);
    } finally {
      await client.end();
    }
  }, 600_000);

  it('leaves nothing behind when the process is killed half-way through writing', async () => {
    const target = await createTestDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), 'alumni-import-kill-'));
    try {
      const env = { ...process.env, DATABASE_URL: target.url, DEFAULT_LOCALE: 'en' };
      const file = path.join(dir, 'alumni.csv');
      writeFileSync(file, syntheticAlumni(20_000).csv);
      for (const csv of ['examples/units.csv', 'examples/programmes.csv']) {
        expect(await runCli([csv.includes('units') ? 'import-units' : 'import-programmes', csv], memoryIo(), env)).toBe(0);
      }
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import-alumni', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      const killed = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/Writing: [1-9]\d*\/20000/.test(stderr)) child.kill('SIGKILL');
      });
      expect(await killed).toBe('SIGKILL');
      expect(stderr).toContain('Writing: 2000/20000');
      const client = new pg.Client({ connectionString: target.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ people: string; profiles: string; audit: string }>(
          "SELECT (SELECT count(*) FROM people) AS people, (SELECT count(*) FROM alumnus_profiles) AS profiles, (SELECT count(*) FROM audit_entries WHERE action = 'import.alumni') AS audit",
        );
        expect(rows[0]).toEqual({ people: '0', profiles: '0', audit: '0' });
      } finally {
        await client.end();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await target.drop();
    }
  }, 120_000);
});
