// 200 invented alumni for the demo, the same every run (a seeded generator, no randomness).
// The first four are the story's: two on Slack and two on Teams, all experts in behavioural
// economics who agreed to be asked about guest lectures. The rest fill the faculty.

export interface DemoAlumnus {
  email: string;
  name: string;
  slackId: string;
  teamsId: string;
}

export const STORY_ALUMNI: readonly DemoAlumnus[] = [
  { email: 'ingrid.haugland@alumni.example', name: 'Ingrid Haugland', slackId: 'U0DEMO001', teamsId: '' },
  { email: 'kwame.mensah@alumni.example', name: 'Kwame Mensah', slackId: 'U0DEMO002', teamsId: '' },
  { email: 'sofie.lindqvist@alumni.example', name: 'Sofie Lindqvist', slackId: '', teamsId: '1a7c2e4f-3b5d-4c6e-8f90-a1b2c3d4e001' },
  { email: 'lena.fischer@alumni.example', name: 'Lena Fischer', slackId: '', teamsId: '1a7c2e4f-3b5d-4c6e-8f90-a1b2c3d4e002' },
];

const FIRST = ['Ola', 'Kari', 'Nora', 'Emil', 'Sara', 'Jonas', 'Ida', 'Magnus', 'Maja', 'Henrik', 'Amina', 'Omar', 'Liv', 'Tor', 'Elin', 'Ali', 'Hanna', 'Jakob', 'Mia', 'Sindre'];
const LAST = ['Berg', 'Hansen', 'Johansen', 'Larsen', 'Dahl', 'Lie', 'Moen', 'Bakke', 'Strand', 'Solheim', 'Nilsen', 'Rahman'];
const PROGRAMMES = ['BA-ECON', 'MA-ECON', 'BA-POL', 'MA-POL', 'MA-PPA', 'BA-SOC', 'MA-SOC', 'MA-GEO', 'BA-PSY', 'PROF-PSY', 'MA-ANTH', 'PHD-SV', 'PHD-ECON'];
const EXPERTISE = ['public policy', 'statistics', 'labour market', 'urban planning', 'mental health', 'migration', 'journalism', 'energy economics', 'leadership', 'survey methods', 'data science', 'welfare'];
const EMPLOYERS = ['NAV', 'SSB', 'Norges Bank', 'Oslo kommune', 'Equinor', 'DNB', 'Fafo', 'NUPI', 'Helse Bergen', 'KS'];
const PURPOSES = ['guest_lecture', 'mentoring', 'career_talk', 'evaluation_panel', 'thesis_topic'];

const HEADER = 'email,name,slack_user_id,teams_user_id,programme,graduation_year,employer,sector,expertise,languages,engagement_types,locale,timezone,consent_purposes,consent_given_at,consent_source';

/** A small linear congruential generator: the same sequence for the same seed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const quote = (value: string) => (/[",;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The rows of the demo's alumni CSV: `count` alumni, the story's four first. */
export function demoAlumniRows(count = 200): string[][] {
  const next = seeded(2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const rows = STORY_ALUMNI.map((a, i) =>
    [a.email, a.name, a.slackId, a.teamsId, 'MA-ECON', String(2012 + i), 'Norges Bank', 'finance', 'behavioural economics;experimental economics', 'nb;en', 'guest_lecture', i % 2 ? 'en' : 'nb', 'Europe/Oslo', 'guest_lecture;mentoring', '2026-09-01', 'Demo alumni survey'],
  );
  for (let i = rows.length; i < count; i += 1) {
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const platform = next();
    const consents = next() < 0.8;
    const expertise = [pick(EXPERTISE), pick(EXPERTISE)].filter((value, index, all) => all.indexOf(value) === index);
    rows.push([
      `alumnus${String(i).padStart(3, '0')}@alumni.example`,
      name,
      platform < 0.6 ? `U1DEMO${String(i).padStart(3, '0')}` : '',
      platform >= 0.6 && platform < 0.9 ? `2b8d3f50-4c6e-4d7f-9a01-${String(i).padStart(12, '0')}` : '',
      pick(PROGRAMMES),
      String(1995 + Math.floor(next() * 30)),
      pick(EMPLOYERS),
      'public sector',
      expertise.join(';'),
      next() < 0.5 ? 'nb' : 'nb;en',
      '',
      next() < 0.7 ? 'nb' : 'en',
      'Europe/Oslo',
      consents ? [pick(PURPOSES), pick(PURPOSES)].filter((value, index, all) => all.indexOf(value) === index).join(';') : '',
      consents ? '2026-09-01' : '',
      consents ? 'Demo alumni survey' : '',
    ]);
  }
  return rows;
}

/** The CSV `npm run cli -- import-alumni` reads. */
export function demoAlumniCsv(count = 200): string {
  return `${HEADER}\n${demoAlumniRows(count).map((row) => row.map(quote).join(',')).join('\n')}\n`;
}

/** Every demo alumnus with a chat id, by name (for the transcript). */
export function demoAlumni(count = 200): DemoAlumnus[] {
  return demoAlumniRows(count).map(([email = '', name = '', slackId = '', teamsId = '']) => ({ email, name, slackId, teamsId }));
}
