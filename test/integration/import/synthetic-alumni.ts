// A large, deterministic alumni CSV for the 100,000-row test and bench:import. Programmes come
// from examples/programmes.csv; names carry æøå; most rows have consent, about half a Slack
// user id, a fifth a Teams user id, and the lists are quoted ';'-lists.
import { REQUEST_TYPES } from '../../../src/domain/vocabulary.ts';

export const ALUMNI_HEADER = 'email,name,slack_user_id,teams_user_id,programme,graduation_year,employer,sector,expertise,languages,engagement_types,locale,timezone,consent_purposes,consent_given_at,consent_source';

const PROGRAMMES = ['BA-ECON', 'MA-ECON', 'BA-POL', 'MA-POL', 'MA-PPA', 'BA-SOC', 'MA-SOC', 'MA-GEO', 'BA-PSY', 'PROF-PSY', 'MA-ANTH', 'PHD-SV', 'PHD-ECON'];
const FIRST = ['Åse', 'Bjørn', 'Kari', 'Øystein', 'Ingrid', 'Håkon', 'Sofie', 'Kwame', 'María', 'João', 'Priya', 'Lena', 'Ærle', 'Yuki', 'Fatima', 'Mathias'];
const LAST = ['Ødegård', 'Sæther', 'Løken', 'Ås', 'Hansen', 'Mensah', 'García', 'Silva', 'Raman', 'Fischer', 'Bråthen', 'Strøm', 'Nguyen', 'Berg'];
const TAGS = ['public policy', 'statistics', 'labour market', 'economics', 'survey methods', 'migration', 'urban planning', 'sustainability', 'mental health', 'leadership', 'data science', 'evaluation', 'journalism', 'public administration', 'climate', 'education', 'welfare', 'demography', 'qualitative methods', 'energy economics'];
const EMPLOYERS = ['NAV', 'SSB', 'Finansdepartementet', 'Oslo kommune', 'Equinor', 'DNB', 'Fafo', 'Helse Bergen', 'OECD', 'Aftenposten'];
const SECTORS = ['public sector', 'finance', 'research', 'health', 'energy', 'media', 'NGO', 'consulting'];

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function guid(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `0a1b2c3d-4e5f-4a6b-8c7d-${hex}`;
}

export interface SyntheticAlumni {
  csv: string;
  rows: number;
  withConsent: number;
  slackIds: number;
  teamsIds: number;
}

export function syntheticAlumni(count: number, seed = 42): SyntheticAlumni {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const lines = [ALUMNI_HEADER];
  let withConsent = 0;
  let slackIds = 0;
  let teamsIds = 0;
  for (let n = 1; n <= count; n += 1) {
    const tags = [...new Set([pick(TAGS), pick(TAGS), pick(TAGS)])].join(';');
    const consent = next() < 0.8;
    const purposes = consent ? [...new Set([pick(REQUEST_TYPES), pick(REQUEST_TYPES), 'guest_lecture'])].join(';') : '';
    const slack = next() < 0.5 ? `U${n.toString(36).toUpperCase().padStart(8, '0')}` : '';
    const teams = next() < 0.2 ? guid(n) : '';
    withConsent += consent ? 1 : 0;
    slackIds += slack ? 1 : 0;
    teamsIds += teams ? 1 : 0;
    lines.push(
      [
        `alumnus${n}@example.org`,
        `${pick(FIRST)} ${pick(LAST)}`,
        slack,
        teams,
        pick(PROGRAMMES),
        String(1980 + Math.floor(next() * 45)),
        pick(EMPLOYERS),
        pick(SECTORS),
        `"${tags}"`,
        next() < 0.5 ? 'nb' : '"nb;en"',
        '',
        next() < 0.7 ? 'nb' : 'en',
        'Europe/Oslo',
        consent ? `"${purposes}"` : '',
        consent ? `2025-0${1 + Math.floor(next() * 9)}-15` : '',
        consent ? 'Alumni survey 2025' : '',
      ].join(','),
    );
  }
  return { csv: `${lines.join('\n')}\n`, rows: count, withConsent, slackIds, teamsIds };
}
