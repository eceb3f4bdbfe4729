// Checking alumni rows: what a good row becomes (normalised e-mail, tags, codes, consent), and
// a clear reason, in the right column, for each kind of bad value.
import { alumnusRowParser, ALUMNI_COLUMNS } from '../../../src/app/import/alumni-row.ts';
import type { ImportProblem } from '../../../src/app/import/import-report.ts';
import { REQUEST_TYPES } from '../../../src/domain/vocabulary.ts';
import { createTranslator } from '../../../src/domain/i18n/translator.ts';

const NOW = new Date('2026-11-29T12:00:00Z');
const parse = alumnusRowParser(NOW);
const en = createTranslator('en', 'Europe/Oslo');

function values(overrides: Record<string, string> = {}): Record<string, string> {
  const blank = Object.fromEntries([...ALUMNI_COLUMNS.required, ...ALUMNI_COLUMNS.optional].map((column) => [column, '']));
  return { ...blank, email: 'ola@example.no', name: 'Ola Nordmann', ...overrides };
}

function problems(overrides: Record<string, string>): string[] {
  const result = parse({ row: 7, values: values(overrides) });
  if (!Array.isArray(result)) throw new Error('expected problems');
  return result.map((problem: ImportProblem) => `${problem.row} ${problem.column}: ${en.t(problem.key, problem.params)}`);
}

describe('alumni rows', () => {
  it('normalises a full row: e-mail, ids, tags, lists, kinds of work and consent', () => {
    const result = parse({
      row: 2,
      values: values({
        email: ' Ingrid.Haugland@Example.NO ',
        name: 'Ingrid Haugland',
        slack_user_id: 'u0alum01',
        teams_user_id: '1A7C2E4F-3B5D-4C6E-8F90-A1B2C3D4E501',
        programme: 'ma-econ',
        graduation_year: '2016',
        employer: 'Finansdepartementet',
        sector: 'Public sector',
        expertise: 'Offentlig politikk; Statistikk, #economics',
        languages: 'NB;en;nb',
        engagement_types: 'career-talk; Guest_Lecture',
        locale: 'NB',
        timezone: 'Europe/Oslo',
        consent_purposes: 'guest_lecture;career_talk',
        consent_given_at: '2025-09-12',
        consent_source: 'Alumni survey 2025',
        thanks_by_name: 'Ja',
      }),
    });
    expect(result).toEqual({
      row: 2,
      value: {
        email: 'ingrid.haugland@example.no',
        name: 'Ingrid Haugland',
        slackUserId: 'U0ALUM01',
        teamsUserId: '1a7c2e4f-3b5d-4c6e-8f90-a1b2c3d4e501',
        programmeCode: 'MA-ECON',
        graduationYear: 2016,
        employer: 'Finansdepartementet',
        sector: 'public sector',
        expertise: ['public policy', 'statistics', 'economics'],
        languages: ['nb', 'en'],
        engagementTypes: ['guest_lecture', 'career_talk'],
        locale: 'nb',
        timeZone: 'Europe/Oslo',
        consent: { purposes: ['guest_lecture', 'career_talk'], givenAt: new Date('2025-09-12T00:00:00Z'), sourceDetail: 'Alumni survey 2025' },
        thanksByName: true,
      },
    });
  });

  it('keeps optional columns empty, and reads consent "all" as every kind of work', () => {
    const minimal = parse({ row: 3, values: values() });
    expect(minimal).toMatchObject({ value: { slackUserId: null, programmeCode: null, expertise: [], engagementTypes: [], locale: null, consent: null, thanksByName: null } });
    expect(parse({ row: 5, values: values({ thanks_by_name: 'no' }) })).toMatchObject({ value: { thanksByName: false } });
    expect(problems({ thanks_by_name: 'maybe' })).toEqual(['7 thanks_by_name: Write yes or no.']);
    const all = parse({ row: 4, values: values({ consent_purposes: 'ALL', consent_given_at: '2025-01-31T10:00:00+01:00' }) });
    expect(all).toMatchObject({ value: { consent: { purposes: [...REQUEST_TYPES], givenAt: new Date('2025-01-31T09:00:00Z') } } });
  });

  it('says what is wrong with bad values, column by column', () => {
    expect(problems({ email: 'not-an-address', name: '' })).toEqual(['7 email: Enter a valid e-mail address.', '7 name: Required.']);
    expect(problems({ slack_user_id: 'ola', teams_user_id: '12345' })).toEqual([
      '7 slack_user_id: a Slack user id is U or W followed by letters and digits, such as U0ALUM01.',
      '7 teams_user_id: a Teams user id is the person’s Microsoft Entra (Azure AD) object id, a GUID such as 3f2504e0-4f89-41d3-9a0c-0305e82c3301.',
    ]);
    expect(problems({ programme: 'MA-ECON', graduation_year: '1890' })).toEqual(['7 graduation_year: Enter a number from 1950 to 2027.']);
    expect(problems({ engagement_types: 'guest_lecture;coffee' })[0]).toMatch(/^7 engagement_types: “coffee” is not a kind of work\. Use: guest_lecture, evaluation_panel/);
    expect(problems({ languages: 'norsk', locale: 'de', timezone: 'Europe/Bergen' })).toEqual([
      '7 languages: Use two-letter language codes such as nb or en.',
      '7 locale: use nb or en.',
      '7 timezone: Unknown time zone.',
    ]);
    expect(problems({ consent_purposes: 'guest_lecture', consent_given_at: '12.09.2025' })).toEqual(['7 consent_given_at: write the date as YYYY-MM-DD, such as 2025-03-31.']);
    expect(problems({ consent_purposes: 'guest_lecture', consent_given_at: '2025-02-30' })).toEqual(['7 consent_given_at: write the date as YYYY-MM-DD, such as 2025-03-31.']);
  });

  it('checks the consent columns and the graduation year together', () => {
    expect(problems({ consent_purposes: 'mentoring' })).toEqual(['7 consent_given_at: required when consent_purposes is filled in: the date the consent was given (YYYY-MM-DD).']);
    expect(problems({ consent_given_at: '2025-09-12' })[0]).toMatch(/^7 consent_purposes: consent_given_at is filled in, but not what they consented to/);
    expect(problems({ consent_purposes: 'mentoring', consent_given_at: '2026-12-01' })).toEqual(['7 consent_given_at: the date cannot be in the future.']);
    expect(problems({ graduation_year: '2016' })).toEqual(['7 graduation_year: a graduation year needs a programme in the programme column.']);
  });
});
