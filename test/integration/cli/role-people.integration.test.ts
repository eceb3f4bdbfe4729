// The CLI's role and people commands on a real PostgreSQL database, and the process itself:
// help without a command, exit 1 with one clear message on any problem.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { memoryIo } from '../../../src/cli/cli-io.ts';
import { runCli } from '../../../src/cli/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';

const run = promisify(execFile);

describe('npm run cli -- role / people', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());

  async function cli(...argv: string[]) {
    const io = memoryIo();
    const code = await runCli(argv, io, { DATABASE_URL: db.url, DEFAULT_LOCALE: 'en' });
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  }

  it('grants staff to an address nobody has used yet, lists it, and revokes it', async () => {
    expect(await cli('role', 'grant', 'staff', 'Ola@Uni.Example')).toEqual({ code: 0, out: 'Nobody has used the bot with ola@uni.example yet. They will be staff from their first contact with this e-mail.', err: '' });
    expect((await cli('role', 'grant', 'staff', 'ola@uni.example')).out).toBe('ola (ola@uni.example) is already staff. Nothing was changed.');
    expect((await cli('people', 'list', '--role', 'staff')).out).toBe('ola\tola@uni.example\tstaff\t– (not seen in chat yet)');
    expect((await cli('people', 'list', '--role', 'admin')).out).toBe('Nobody yet.');
    expect((await cli('role', 'revoke', 'staff', 'ola@uni.example')).out).toBe('ola (ola@uni.example) is no longer staff.');
    expect((await cli('people', 'list', '--role', 'staff')).out).toBe('Nobody yet.');
  });

  it('refuses bad command lines and bad addresses with exit code 1, changing nothing', async () => {
    expect(await cli('role', 'grant', 'boss', 'x@uni.example')).toMatchObject({ code: 1, err: '“boss” is not a role that can be granted: use staff or admin.\nUsage: npm run cli -- role grant|revoke staff|admin <email>' });
    expect(await cli('role', 'grant', 'staff', 'not-an-address')).toMatchObject({ code: 1, err: 'Enter a valid e-mail address.' });
    expect(await cli('role', 'revoke', 'staff', 'nobody@uni.example')).toMatchObject({ code: 1, err: 'Nobody with the e-mail nobody@uni.example is known to the bot, so there is no role to take away.' });
    expect(await cli('people', 'list', '--role', 'king')).toMatchObject({ code: 1, err: expect.stringContaining('“king” is not a role: use staff, admin or alumnus.') });
    expect(await cli('people', 'list', '--limit', '0')).toMatchObject({ code: 1, err: expect.stringContaining('--limit must be a whole number of at least 1, not “0”.') });
    expect(await cli('frobnicate')).toMatchObject({ code: 1, err: expect.stringContaining('Unknown command “frobnicate”.') });
    expect((await cli('people', 'list')).out).toBe('Nobody yet.');
  });

  it('runs as a process: help with exit 0, a bad configuration with exit 1', async () => {
    const env = { ...process.env, DATABASE_URL: db.url, DEFAULT_LOCALE: 'en' };
    const help = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts'], { env });
    expect(help.stdout).toContain('Usage: npm run cli -- <command> [arguments]');
    expect(help.stdout).toContain('role grant|revoke staff|admin <email>');
    const bad = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'people', 'list'], { env: { ...env, DATABASE_URL: 'mysql://nope' } }).catch((error: { code: number; stderr: string }) => error);
    expect(bad).toMatchObject({ code: 1, stderr: expect.stringContaining('DATABASE_URL must be a postgres://') });
  });
});
