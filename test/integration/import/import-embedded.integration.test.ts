// The importers on the embedded database (PGlite, the default without DATABASE_URL): a small
// import works the same as on a server, and the real CLI process refuses, changing nothing,
// while another running process holds the data directory.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { memoryIo } from '../../../src/cli/cli-io.ts';
import { runCli } from '../../../src/cli/run-cli.ts';

const run = promisify(execFile);

describe('imports on the embedded database', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'alumni-import-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports the examples, and finds them unchanged the second time', async () => {
    const env = { DATA_DIR: dataDir, DEFAULT_LOCALE: 'en' };
    const cli = async (...argv: string[]) => {
      const io = memoryIo();
      return { code: await runCli(argv, io, env), out: io.stdout.join('\n') };
    };
    expect(await cli('import-units', 'examples/units.csv')).toEqual({ code: 0, out: 'Imported examples/units.csv (7 rows) in one transaction:\nUnits: 7 new, 0 changed, 0 unchanged.' });
    expect((await cli('import-programmes', 'examples/programmes.csv')).out).toContain('Programmes: 13 new, 0 changed, 0 unchanged.');
    expect((await cli('import-alumni', 'examples/alumni.csv')).out).toContain('Alumni: 30 new, 0 changed, 0 unchanged.');
    const again = await cli('import-alumni', 'examples/alumni.csv');
    expect(again.out).toContain('Alumni: 0 new, 0 changed, 30 unchanged.');
    expect(again.out).toContain('Consent: 0 recorded from the file, 0 replaced by what the file says now, 23 unchanged');
    expect((await cli('people', 'list', '--role', 'alumnus', '--limit', '100')).out.split('\n')).toHaveLength(30);
  }, 60_000);

  it('refuses with exit code 1 while another process holds the data directory', async () => {
    writeFileSync(path.join(dataDir, 'alumni-bridge.lock'), String(process.pid));
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DEFAULT_LOCALE: 'en' };
    delete env.DATABASE_URL;
    const result = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import-units', 'examples/units.csv'], { env }).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr.trim()).toBe(`The embedded database in ${dataDir} is in use by the bot (process ${process.pid}): it serves one process at a time. Stop the bot and run the command again, or use a PostgreSQL server (DATABASE_URL), where the bot and the command line can share the database. Nothing was changed.`);
    expect(readdirSync(dataDir)).toEqual(['alumni-bridge.lock']);
  }, 30_000);
});
