// One row of the alumni CSV, checked: the columns as the file names them, lists separated by
// ';' (a ',' inside a quoted list works too), codes and ids in their canonical case.
import { z } from 'zod';
import { normaliseTag } from '../../domain/tags.ts';
import { isTimeZone } from '../../domain/time.ts';
import { LOCALES, REQUEST_TYPES, type Locale, type RequestType } from '../../domain/vocabulary.ts';
import { catalogCode } from '../support/catalog-input.ts';
import { tagList } from '../support/request-input.ts';
import { msg, optionalText, parseInput, requiredText, wholeNumber } from '../support/validation.ts';
import type { ImportProblem } from './import-report.ts';
import type { CsvRow } from './read-csv.ts';
import { rowProblems, type Numbered } from './run-import.ts';

export const ALUMNI_COLUMNS = {
  required: ['email', 'name'],
  optional: [
    'slack_user_id',
    'teams_user_id',
    'programme',
    'graduation_year',
    'employer',
    'sector',
    'expertise',
    'languages',
    'engagement_types',
    'locale',
    'timezone',
    'consent_purposes',
    'consent_given_at',
    'consent_source',
    'thanks_by_name',
  ],
} as const;

export interface AlumnusRow {
  email: string;
  name: string;
  slackUserId: string | null;
  teamsUserId: string | null;
  programmeCode: string | null;
  graduationYear: number | null;
  employer: string | null;
  sector: string | null;
  expertise: string[];
  languages: string[];
  /** Empty: every kind of work they consent to. */
  engagementTypes: RequestType[];
  locale: Locale | null;
  timeZone: string | null;
  consent: { purposes: RequestType[]; givenAt: Date; sourceDetail: string | null } | null;
  /** May be thanked by name (yes/no); null keeps what is stored. */
  thanksByName: boolean | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** '' (or only spaces) becomes null, so optional columns can be left empty. */
const blankIsNull = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? null : value), schema.nullable()).transform((value) => value ?? null);

const splitList = (text: string) => text.split(/[;,]/).map((part) => part.trim()).filter((part) => part !== '');

const typeCode = (text: string) => text.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** A list of request type codes, in the vocabulary's order; the first unknown one is named. */
const typeList = z
  .string()
  .transform((text) => splitList(text).map(typeCode))
  .superRefine((codes, ctx) => {
    const unknown = codes.find((code) => !(REQUEST_TYPES as readonly string[]).includes(code));
    if (unknown !== undefined) ctx.addIssue({ code: 'custom', message: msg('importer.problem.unknownType', { value: unknown, allowed: REQUEST_TYPES.join(', ') }) });
  })
  .transform((codes) => REQUEST_TYPES.filter((type) => codes.includes(type)));

const purposes = z.string().transform((text, ctx) => {
  if (text.trim().toLowerCase() === 'all') return [...REQUEST_TYPES];
  const parsed = typeList.safeParse(text);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
  return z.NEVER;
});

/** 2024-05-31, or a full ISO date-time; day and month must exist. */
const isoDate = z.string().transform((text, ctx) => {
  const value = text.trim();
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = day ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]))) : /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : null;
  const exists = date !== null && !Number.isNaN(date.getTime()) && (!day || date.toISOString().startsWith(value));
  if (!exists) {
    ctx.addIssue({ code: 'custom', message: msg('importer.problem.isoDate') });
    return z.NEVER;
  }
  return date;
});

/** yes/no in either language (ja/nei), or true/false, 1/0. */
const yesNo = z.string().transform((text, ctx) => {
  const value = text.trim().toLowerCase();
  if (['yes', 'ja', 'true', '1', 'y', 'j'].includes(value)) return true;
  if (['no', 'nei', 'false', '0', 'n'].includes(value)) return false;
  ctx.addIssue({ code: 'custom', message: msg('importer.problem.yesNo') });
  return z.NEVER;
});

/** Checking a time zone builds an Intl formatter: remember the answer for the whole file. */
function timeZoneCheck(): (zone: string) => boolean {
  const known = new Map<string, boolean>();
  return (zone) => {
    let valid = known.get(zone);
    if (valid === undefined) known.set(zone, (valid = isTimeZone(zone)));
    return valid;
  };
}

function rowSchema(now: Date) {
  const validZone = timeZoneCheck();
  return z
    .object({
      email: z.string().trim().toLowerCase().min(1, msg('validation.required')).max(320, msg('validation.invalidEmail')).email(msg('validation.invalidEmail')),
      name: requiredText(200),
      slack_user_id: blankIsNull(z.string().trim().toUpperCase().regex(/^[UW][A-Z0-9]{2,99}$/, msg('importer.problem.slackUserId'))),
      teams_user_id: blankIsNull(z.string().trim().toLowerCase().regex(GUID, msg('importer.problem.teamsUserId'))),
      programme: blankIsNull(catalogCode),
      graduation_year: blankIsNull(wholeNumber(1950, now.getUTCFullYear() + 1)),
      employer: optionalText(200),
      sector: optionalText(100).transform((value) => (value === null ? null : normaliseTag(value))),
      expertise: z.string().transform(splitList).pipe(tagList),
      languages: z
        .string()
        .transform((text) => splitList(text).map((code) => code.toLowerCase()))
        .pipe(z.array(z.string().regex(/^[a-z]{2}$/, msg('validation.invalidLanguage'))).max(10, msg('validation.tooManyTags', { max: 10 })))
        .transform((codes) => [...new Set(codes)]),
      engagement_types: typeList,
      locale: blankIsNull(z.string().trim().toLowerCase().pipe(z.enum(LOCALES, { message: msg('importer.problem.locale') }))),
      timezone: blankIsNull(z.string().trim().refine(validZone, msg('validation.invalidTimeZone'))),
      consent_purposes: blankIsNull(purposes),
      consent_given_at: blankIsNull(isoDate),
      consent_source: optionalText(200),
      thanks_by_name: blankIsNull(yesNo),
    })
    .superRefine((row, ctx) => {
      if (row.graduation_year !== null && row.programme === null) ctx.addIssue({ code: 'custom', path: ['graduation_year'], message: msg('importer.problem.yearWithoutProgramme') });
      if (row.consent_purposes !== null && row.consent_given_at === null) ctx.addIssue({ code: 'custom', path: ['consent_given_at'], message: msg('importer.problem.consentDateMissing') });
      if (row.consent_purposes === null && row.consent_given_at !== null) ctx.addIssue({ code: 'custom', path: ['consent_purposes'], message: msg('importer.problem.consentPurposesMissing') });
      if (row.consent_given_at !== null && row.consent_given_at > now) ctx.addIssue({ code: 'custom', path: ['consent_given_at'], message: msg('importer.problem.futureDate') });
      if (row.consent_purposes !== null && row.consent_purposes.length === 0) ctx.addIssue({ code: 'custom', path: ['consent_purposes'], message: msg('validation.noPurposes') });
    });
}

type RowOutput = z.output<ReturnType<typeof rowSchema>>;

function toAlumnus(row: RowOutput): AlumnusRow {
  return {
    email: row.email,
    name: row.name,
    slackUserId: row.slack_user_id,
    teamsUserId: row.teams_user_id,
    programmeCode: row.programme,
    graduationYear: row.graduation_year,
    employer: row.employer,
    sector: row.sector,
    expertise: row.expertise,
    languages: row.languages,
    engagementTypes: row.engagement_types,
    locale: row.locale,
    timeZone: row.timezone,
    thanksByName: row.thanks_by_name,
    consent: row.consent_purposes && row.consent_given_at ? { purposes: row.consent_purposes, givenAt: row.consent_given_at, sourceDetail: row.consent_source } : null,
  };
}

/** A parser for one run: the year and "not in the future" are relative to `now`. */
export function alumnusRowParser(now: Date): (row: CsvRow) => Numbered<AlumnusRow> | ImportProblem[] {
  const schema = rowSchema(now);
  return ({ row, values }) => {
    try {
      return { row, value: toAlumnus(parseInput(schema, values)) };
    } catch (error) {
      return rowProblems(row, error);
    }
  };
}
