// `npm run cli -- forms list | import <file>` on a fresh database: the shipped forms are listed,
// a file adds a new version without code changes, the same content again changes nothing, and a
// broken file stores nothing and says where each problem is.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { memoryIo } from '../../../src/cli/cli-io.ts';
import { runCli } from '../../../src/cli/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';

const TALK = JSON.parse(readFileSync(path.join(__dirname, '../../../forms/alumnus-talk.json'), 'utf8')) as Record<string, unknown> & { questions: Record<string, unknown>[] };

describe('forms at the command line', () => {
  let db: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    env = { DATABASE_URL: db.url, DEFAULT_LOCALE: 'en' };
  });

  afterAll(async () => {
    await db.drop();
  });

  async function run(argv: string[], files: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
    const io = memoryIo(files);
    const code = await runCli(argv, io, env);
    return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
  }

  it('lists the shipped forms, stores a new version from a file, and leaves the same content alone', async () => {
    const listed = await run(['forms', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain('• alumnus-talk v1: Feedback after a guest lecture or career talk – for alumni, guest lecture and career talk, 5 questions; used 0 times');
    expect(listed.out).toContain("• staff-owner v1: Feedback from the request's owner – for the request’s owner, any engagement without a form of its own, 4 questions");

    const { version: _version, ...withoutVersion } = TALK;
    const changed = { ...withoutVersion, questions: TALK.questions.slice(0, 2) };
    expect(await run(['forms', 'import', 'talk.json'], { 'talk.json': JSON.stringify(changed) })).toEqual({ code: 0, out: 'Stored alumnus-talk version 2. New forms use it from now on; forms already sent keep their version.', err: '' });
    expect(await run(['forms', 'import', 'talk.json'], { 'talk.json': JSON.stringify(changed) })).toEqual({ code: 0, out: 'alumnus-talk version 2 has the same content. Nothing was changed.', err: '' });
    const taken = await run(['forms', 'import', 'old.json'], { 'old.json': JSON.stringify({ ...TALK, questions: TALK.questions.slice(0, 1) }) });
    expect(taken.code).toBe(1);
    expect(taken.err).toBe('Version 1 of alumnus-talk exists already and versions never change (the newest is 2). Leave "version" out, or use 3.');

    const anonymous = { ...withoutVersion, key: 'alumnus-anonymous', anonymous: true, requestTypes: ['mentoring'] };
    expect((await run(['forms', 'import', 'anon.json'], { 'anon.json': `\uFEFF${JSON.stringify(anonymous)}` })).out).toBe('Stored alumnus-anonymous version 1. New forms use it from now on; forms already sent keep their version.');
    const after = (await run(['forms', 'list'])).out;
    expect(after).toContain('• alumnus-talk v2:');
    expect(after).toContain('• alumnus-talk v1:');
    expect(after).toContain('• alumnus-anonymous v1: Feedback after a guest lecture or career talk – for alumni, mentoring, 5 questions, anonymous; used 0 times');
  });

  it('refuses a broken file and says where, storing nothing', async () => {
    const broken = { ...TALK, key: 'broken-form', questions: [{ id: 'overall', kind: 'rating', text: { nb: 'Hvordan?', en: '' }, labels: { nb: ['a', 'b', 'c'], en: ['a', 'b', 'c', 'd', 'e'] } }, { id: 'overall', kind: 'yesno', text: { nb: 'a', en: 'b' } }] };
    const result = await run(['forms', 'import', 'broken.json'], { 'broken.json': JSON.stringify(broken) });
    expect(result.code).toBe(1);
    expect(result.err).toContain('broken.json is not a valid form; nothing was stored:');
    expect(result.err).toContain('questions.0.text.en:');
    expect(result.err).toContain('questions.0.labels.nb:');
    expect(result.err).toContain('questions: question ids must be unique');
    expect((await run(['forms', 'import', 'x.json'], { 'x.json': '{ "key": ' })).err).toMatch(/^x\.json is not valid JSON: /);
    expect((await run(['forms', 'import', 'missing.json'])).code).toBe(1);
    expect((await run(['forms', 'list'])).out).not.toContain('broken-form');
    expect((await run(['forms', 'remove', 'x'])).code).toBe(1);
  });
});
