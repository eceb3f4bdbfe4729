// npm run cli -- import-alumni on PostgreSQL, and what an imported alumnus then experiences:
// linked at first contact (by user id or verified e-mail), asked only with consent, and their
// own consent choice in chat never undone by a re-import.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { giveConsent } from '../../../src/app/give-consent.ts';
import { resolvePerson } from '../../../src/app/resolve-person.ts';
import { withdrawConsent } from '../../../src/app/withdraw-consent.ts';
import { memoryIo } from '../../../src/cli/cli-io.ts';
import { runCli } from '../../../src/cli/run-cli.ts';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { PrismaStore } from '../../../src/db/store.ts';
import { DEFAULT_SETTINGS, TestClock, type CoreHarness } from '../../support/core.ts';
import { silentLogger } from '../../support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { Story } from '../../support/story.ts';

const ALUMNI = readFileSync('examples/alumni.csv', 'utf8');
const HEADER = ALUMNI.split('\n')[0]!;
const TENANT = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';

describe('npm run cli -- import-alumni', () => {
  let db: TestDatabase;
  let database: Database;
  let pool: pg.Pool;
  let core: CoreHarness;

  beforeEach(async () => {
    db = await createTestDatabase();
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    database = await openDatabase({ kind: 'postgres', url: db.url }, silentLogger(), { migrate: false });
    const clock = new TestClock(new Date('2026-11-29T12:00:00Z'));
    core = { ctx: { store: new PrismaStore(database.prisma), clock, settings: DEFAULT_SETTINGS }, clock, database, close: async () => undefined };
  });
  afterEach(async () => {
    await database.close();
    await pool.end();
    await db.drop();
  });

  async function cli(argv: string[], files: Record<string, string> = {}) {
    const io = memoryIo(files);
    const code = await runCli(argv, io, { DATABASE_URL: db.url, DEFAULT_LOCALE: 'en' });
    return { code, out: io.stdout.join('\n'), err: io.stderr.filter((line) => !/^(Checking rows|Writing): /.test(line)).join('\n') };
  }
  async function importFaculty() {
    expect((await cli(['import-units', 'examples/units.csv'])).code).toBe(0);
    expect((await cli(['import-programmes', 'examples/programmes.csv'])).code).toBe(0);
  }
  const count = async (sql: string, params: unknown[] = []) => Number((await pool.query<{ n: string }>(sql, params)).rows[0]!.n);
  const personByEmail = async (email: string) =>
    (await pool.query<{ id: string; roles: string[]; consented: string[] }>('SELECT p.id, p.roles::text[] AS roles, ap.consented_types::text[] AS consented FROM people p JOIN alumnus_profiles ap ON ap.person_id = p.id WHERE email = $1', [email])).rows[0];
  const consentsOf = async (personId: string) =>
    (await pool.query<{ purposes: string[]; source: string; withdrawn: boolean; withdrawn_source: string | null }>('SELECT purposes::text[] AS purposes, source::text AS source, withdrawn_at IS NOT NULL AS withdrawn, withdrawn_source::text AS withdrawn_source FROM consents WHERE person_id = $1 ORDER BY given_at, id', [personId])).rows;

  it('lists every bad row and writes nothing; --dry-run and --skip-invalid show and import the rest', async () => {
    await importFaculty();
    const file = [
      HEADER,
      'ola@example.no,Ola Nordmann,U0OLA,,MA-ECON,2016,,,statistics,,,,,guest_lecture,2025-09-12,Survey',
      'OLA@example.no,Ola N.,,,,,,,,,,,,,,',
      'per@example,Per,,,,,,,,,,,,,,',
      'kari@example.no,Kari,U0OLA,,MA-HIST,,,,,,,,,,,',
      'liv@example.no,Liv,,,,,,,,,coffee,,,mentoring,2025-13-01,',
      'siv@example.no,Siv Åsen,,,BA-PSY,2020,,,"mental health;psychology",nb,,,,all,2025-10-01,Reunion',
    ].join('\n');
    const refused = await cli(['import-alumni', 'alumni.csv'], { 'alumni.csv': file });
    expect(refused).toEqual({
      code: 1,
      out: '',
      err: [
        'Row 2, email: the e-mail ola@example.no is also in row 3. Each alumnus once, please.',
        'Row 2, slack_user_id: the user id U0OLA is also in row 5.',
        'Row 3, email: the e-mail ola@example.no is also in row 2. Each alumnus once, please.',
        'Row 4, email: Enter a valid e-mail address.',
        'Row 5, slack_user_id: the user id U0OLA is also in row 2.',
        'Row 5, programme: there is no programme with the code MA-HIST. Import the programmes first (npm run cli -- import-programmes).',
        'Row 6, engagement_types: “coffee” is not a kind of work. Use: guest_lecture, evaluation_panel, programme_council, board_seat, practice_placement, thesis_topic, recruitment_event, mentoring, career_talk, strategic_advice, other.',
        'Row 6, consent_given_at: write the date as YYYY-MM-DD, such as 2025-03-31.',
        'Nothing was imported: 5 of 6 rows have problems. Fix them and run the import again, or add --skip-invalid to import the other rows.',
      ].join('\n'),
    });
    expect(await count('SELECT count(*) AS n FROM people')).toBe(0);
    const dry = await cli(['import-alumni', 'alumni.csv', '--dry-run', '--skip-invalid'], { 'alumni.csv': file });
    expect(dry.code).toBe(0);
    expect(dry.out).toBe(
      [
        'Dry run of alumni.csv (6 rows): nothing was written. The import would do this:',
        'Alumni: 1 new, 0 changed, 0 unchanged.',
        'Consent: 1 recorded from the file, 0 replaced by what the file says now, 0 unchanged, 0 kept the person’s own choice from chat, 0 without consent (stored, but never contacted until they consent in chat).',
        'Chat accounts: 0 linked (bound to the workspace at first contact), 0 already linked, 0 belonging to someone else (see the warnings).',
        '5 rows with problems would be left out (listed above).',
      ].join('\n'),
    );
    expect(await count('SELECT count(*) AS n FROM people')).toBe(0);
    expect((await cli(['import-alumni', 'alumni.csv', '--skip-invalid'], { 'alumni.csv': file })).out).toContain('5 rows with problems were left out (listed above).');
    expect((await pool.query('SELECT email, display_name FROM people')).rows).toEqual([{ email: 'siv@example.no', display_name: 'Siv Åsen' }]);
  });

  it('imports the example alumni with their consents and chat accounts; a dry run writes nothing; a re-import changes nothing', async () => {
    await importFaculty();
    const dry = await cli(['import-alumni', 'examples/alumni.csv', '--dry-run']);
    expect(dry.out.split('\n').slice(1, 4)).toEqual([
      'Alumni: 30 new, 0 changed, 0 unchanged.',
      'Consent: 23 recorded from the file, 0 replaced by what the file says now, 0 unchanged, 0 kept the person’s own choice from chat, 7 without consent (stored, but never contacted until they consent in chat).',
      'Chat accounts: 26 linked (bound to the workspace at first contact), 0 already linked, 0 belonging to someone else (see the warnings).',
    ]);
    expect(await count('SELECT count(*) AS n FROM people')).toBe(0);
    const first = await cli(['import-alumni', 'examples/alumni.csv']);
    expect(first.out.split('\n').slice(0, 2)).toEqual(['Imported examples/alumni.csv (30 rows) in one transaction:', 'Alumni: 30 new, 0 changed, 0 unchanged.']);
    expect(await count("SELECT count(*) AS n FROM people WHERE 'alumnus' = ANY(roles) AND NOT email_verified")).toBe(30);
    expect(await count("SELECT count(*) AS n FROM consents WHERE source = 'csv_import' AND text_version = '2026-11' AND source_detail IS NOT NULL AND withdrawn_at IS NULL")).toBe(23);
    expect(await count("SELECT count(*) AS n FROM platform_identities WHERE workspace_id = ''")).toBe(26);
    const ingrid = await personByEmail('ingrid.haugland@example.no');
    expect(ingrid?.consented).toEqual(['guest_lecture', 'evaluation_panel', 'career_talk']);
    expect((await personByEmail('ahmed.yusuf@example.no'))?.consented).toEqual([]);

    const again = await cli(['import-alumni', 'examples/alumni.csv']);
    expect(again.out.split('\n').slice(1, 4)).toEqual([
      'Alumni: 0 new, 0 changed, 30 unchanged.',
      'Consent: 0 recorded from the file, 0 replaced by what the file says now, 23 unchanged, 0 kept the person’s own choice from chat, 7 without consent (stored, but never contacted until they consent in chat).',
      'Chat accounts: 0 linked (bound to the workspace at first contact), 26 already linked, 0 belonging to someone else (see the warnings).',
    ]);
    expect(await count('SELECT count(*) AS n FROM consents')).toBe(23);
    expect(await count('SELECT count(*) AS n FROM platform_identities')).toBe(26);
    expect(await count("SELECT count(*) AS n FROM audit_entries WHERE action = 'import.alumni' AND actor_id = 'cli'")).toBe(2);
  });

  it('links imported alumni at first contact, asks only those who consented, and never undoes a choice made in chat', async () => {
    const story = await new Story(core).setup();
    await importFaculty();
    await cli(['import-alumni', 'examples/alumni.csv']);

    // First contact: by the imported Slack user id, and by a verified e-mail.
    const ingrid = await resolvePerson(core.ctx, { platform: 'slack', workspaceId: 'T0001', userId: 'U0ALUM01', displayName: 'Ingrid H.' });
    expect(ingrid.personId).toBe((await personByEmail('ingrid.haugland@example.no'))?.id);
    expect(ingrid.roles).toContain('alumnus');
    const ahmed = await resolvePerson(core.ctx, { platform: 'teams', workspaceId: TENANT, userId: '11111111-2222-4333-8444-555555555555', email: 'ahmed.yusuf@example.no', emailVerified: true, displayName: 'Ahmed Yusuf' });
    expect(ahmed.personId).toBe((await personByEmail('ahmed.yusuf@example.no'))?.id);

    // Only alumni who consented to guest lectures are asked; those without consent never are.
    const kari = await story.staff('Kari');
    const { request } = await kari.posts({ needed: 3, expertise: ['public policy'] });
    const invited = (await pool.query<{ email: string }>('SELECT p.email FROM invitations i JOIN people p ON p.id = i.person_id WHERE i.request_id = $1', [request.id])).rows.map((row) => row.email);
    expect(invited.length).toBeGreaterThan(3);
    expect(invited).not.toContain('ahmed.yusuf@example.no');
    expect(invited).not.toContain('ragnhild.moe@example.no');
    for (const email of invited) expect((await personByEmail(email))?.consented).toContain('guest_lecture');

    // Ingrid withdraws in chat, Ahmed consents in chat; the file then says other things for them and Bjørn.
    await withdrawConsent(core.ctx, ingrid, 'slack');
    await giveConsent(core.ctx, ahmed, { purposes: ['mentoring'], source: 'teams' });
    const changed = ALUMNI.replace(',nb,Europe/Oslo,"guest_lecture;evaluation_panel;career_talk",2025-09-12,', ',nb,Europe/Oslo,all,2025-11-01,')
      .replace('Bjørn Åsen,U0ALUM02,,MA-PPA,2012,Oslo kommune,public sector,"public administration;public policy;leadership",nb,,nb,Europe/Oslo,all,2025-09-12', 'Bjørn Åsen,U0ALUM02,,MA-PPA,2012,Oslo kommune,public sector,"public administration;public policy;leadership",nb,,nb,Europe/Oslo,mentoring,2025-11-02')
      .replace('ahmed.yusuf@example.no,Ahmed Yusuf,,,MA-POL,2014,NUPI,research,"international relations;security policy;public policy","nb;en;ar",,nb,Europe/Oslo,,,', 'ahmed.yusuf@example.no,Ahmed Yusuf,,,MA-POL,2014,NUPI,research,"international relations;security policy;public policy","nb;en;ar",,nb,Europe/Oslo,all,2025-11-01,Phone call');
    const reimport = await cli(['import-alumni', 'alumni.csv'], { 'alumni.csv': changed });
    expect(reimport.out.split('\n')[1]).toBe('Alumni: 0 new, 1 changed, 29 unchanged.');
    expect(reimport.out.split('\n')[2]).toBe('Consent: 0 recorded from the file, 1 replaced by what the file says now, 21 unchanged, 2 kept the person’s own choice from chat, 6 without consent (stored, but never contacted until they consent in chat).');

    expect(await consentsOf(ingrid.personId)).toEqual([{ purposes: ['guest_lecture', 'evaluation_panel', 'career_talk'], source: 'csv_import', withdrawn: true, withdrawn_source: 'slack' }]);
    expect((await personByEmail('ingrid.haugland@example.no'))?.consented).toEqual([]);
    expect((await consentsOf(ahmed.personId)).map((c) => [c.source, c.purposes, c.withdrawn])).toEqual([['teams', ['mentoring'], false]]);
    const bjorn = (await personByEmail('bjorn.aasen@example.no'))!;
    expect((await consentsOf(bjorn.id)).map((c) => [c.purposes.length, c.withdrawn, c.withdrawn_source])).toEqual([
      [11, true, 'csv_import'],
      [1, false, null],
    ]);
    expect(bjorn.consented).toEqual(['mentoring']);
  });

  it('binds chat accounts to a given workspace, and warns about a user id someone else already has', async () => {
    await importFaculty();
    const somebody = await resolvePerson(core.ctx, { platform: 'slack', workspaceId: 'T0001', userId: 'U0ALUM01', displayName: 'Not Ingrid' });
    const result = await cli(['import-alumni', 'examples/alumni.csv', '--slack-team', 'T0001', '--teams-tenant', TENANT]);
    expect(result.code).toBe(0);
    expect(result.err).toBe('Warning: row 2, slack_user_id: the user id U0ALUM01 already belongs to someone else in the bot. The row was imported without linking it.');
    expect(result.out).toContain('Chat accounts: 25 linked (bound to the workspace at first contact), 0 already linked, 1 belonging to someone else (see the warnings).');
    expect(await count("SELECT count(*) AS n FROM platform_identities WHERE platform = 'slack' AND workspace_id = 'T0001'")).toBe(18);
    expect(await count('SELECT count(*) AS n FROM platform_identities WHERE platform = \'teams\' AND workspace_id = $1', [TENANT])).toBe(8);
    expect(await count('SELECT count(*) AS n FROM platform_identities WHERE person_id = $1', [somebody.personId])).toBe(1);
    const ingrid = await personByEmail('ingrid.haugland@example.no');
    expect(await count('SELECT count(*) AS n FROM platform_identities WHERE person_id = $1', [ingrid?.id])).toBe(0);
  });
});
