// Reports for admins as CSV (chat: a file in the admin's DM; CLI: a file or stdout): the
// activity map (unit × programme × engagement type × term), the thank-you list, and exports of
// requests, invitations and feedback, with anonymity respected (see the report repository).
// Dates are local days in TIMEZONE; --to is inclusive. Without dates: the current calendar year.
import { z } from 'zod';
import { addDays, localDate, zonedTime, type LocalDate } from '../../domain/digest/schedule.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import { toCsv, type Cell, type Delimiter } from '../../domain/reports/csv.ts';
import { REPORT_KINDS, type AppContext, type ReportKind, type ReportRange, type Repositories } from '../../ports.ts';
import { requireRole, type Actor } from '../support/actor.ts';
import { msg, parseInput } from '../support/validation.ts';

const day = z.preprocess((value) => (value === '' ? undefined : value), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg('validation.invalidDate')).optional());
const reportInput = z
  .object({ kind: z.enum(REPORT_KINDS as [ReportKind, ...ReportKind[]], { message: msg('validation.invalidChoice') }), from: day, to: day, delimiter: z.enum([';', ',']).default(';') })
  .refine((input) => !input.from || !input.to || input.from <= input.to, { path: ['to'], message: msg('validation.endBeforeStart') });

export interface Report {
  filename: string;
  csv: string;
  rows: number;
  /** The days the report covers (YYYY-MM-DD, both inclusive), as resolved when it was made. */
  from: string;
  to: string;
}

const parseDay = (text: string): LocalDate => ({ year: Number(text.slice(0, 4)), month: Number(text.slice(5, 7)), day: Number(text.slice(8, 10)) });

function rangeOf(input: { from?: string; to?: string }, now: Date, timeZone: string): ReportRange {
  const year = localDate(now, timeZone).year;
  const from = input.from ? parseDay(input.from) : { year, month: 1, day: 1 };
  const to = input.to ? addDays(parseDay(input.to), 1) : { year: year + 1, month: 1, day: 1 };
  return { from: zonedTime(from, 0, 0, timeZone), to: zonedTime(to, 0, 0, timeZone) };
}

/** "2026-11-30 08:00" in the faculty's time zone: a form every spreadsheet reads as a date. */
function stamp(value: Date | null, timeZone: string): string | null {
  if (!value) return null;
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(value);
}

type Table = { header: string[]; rows: Cell[][] };

async function table(repos: Repositories, kind: ReportKind, range: ReportRange, tr: Translator): Promise<Table> {
  const col = (...keys: string[]) => keys.map((key) => tr.t(`reports.column.${key}`));
  const type = (value: string) => tr.t(`requestType.${value}`);
  const tz = tr.timeZone;
  switch (kind) {
    case 'activity-map':
      return {
        header: col('unit', 'unitName', 'programme', 'type', 'term', 'requests', 'filled', 'contributors', 'feedbackResponses', 'feedbackAverage'),
        rows: (await repos.reports.activityMap(range, tz)).map((r) => [r.unitCode, tr.locale === 'nb' ? r.unitNameNb : r.unitNameEn, r.programmeCode, type(r.type), `${r.termYear} ${tr.t(r.spring ? 'reports.spring' : 'reports.autumn')}`, r.requests, r.filled, r.contributors, r.feedbackResponses, r.feedbackAverage]),
      };
    case 'thank-you':
      return {
        header: col('name', 'email', 'contributions', 'where', 'named', 'mayInvite'),
        rows: (await repos.reports.thankYou(range)).map((r) => [r.name, r.email, r.contributions, r.places.map((place) => `${place.unitCode} ${type(place.type).toLowerCase()}`).join(', '), r.named, r.mayInvite]),
      };
    case 'requests':
      return {
        header: col('id', 'title', 'type', 'unit', 'programme', 'state', 'needed', 'committed', 'startsAt', 'createdAt', 'filledAt', 'owner'),
        rows: (await repos.reports.requests(range)).map((r) => [r.id, r.title, type(r.type), r.unitCode, r.programmeCode, tr.t(`requestState.${r.state}`), r.needed, r.committed, stamp(r.startsAt, tz), stamp(r.createdAt, tz), stamp(r.filledAt, tz), r.ownerName]),
      };
    case 'invitations':
      return {
        header: col('request', 'title', 'unit', 'person', 'state', 'wave', 'score', 'sentAt', 'answeredAt'),
        rows: (await repos.reports.invitations(range)).map((r) => [r.requestId, r.requestTitle, r.unitCode, r.personName, tr.t(`invitationState.${r.state}`), r.wave, r.score, stamp(r.sentAt, tz), stamp(r.answeredAt, tz)]),
      };
    case 'feedback':
      return {
        header: col('form', 'version', 'request', 'title', 'unit', 'question', 'respondent', 'answer', 'completedAt'),
        rows: (await repos.reports.feedback(range)).map((r) => [r.formKey, r.version, r.requestId, r.requestTitle, r.unitCode, r.questionId, r.respondent ?? tr.t('reports.anonymous'), r.answer, stamp(r.completedAt, tz)]),
      };
  }
}

export async function exportReport(ctx: AppContext, actor: Actor, input: unknown, tr: Translator): Promise<Report> {
  requireRole(actor, 'admin');
  const data = parseInput(reportInput, input);
  const range = rangeOf(data, ctx.clock.now(), ctx.settings.timeZone);
  const { header, rows } = await ctx.store.transaction((repos) => table(repos, data.kind, range, tr), { timeoutMs: 120_000 });
  const csv = toCsv(header, rows, data.delimiter as Delimiter, { yes: tr.t('reports.yes'), no: tr.t('reports.no') });
  const from = stamp(range.from, ctx.settings.timeZone)!.slice(0, 10);
  const to = stamp(new Date(range.to.getTime() - 1), ctx.settings.timeZone)!.slice(0, 10);
  return { filename: `${data.kind}_${from}_${to}.csv`, csv, rows: rows.length, from, to };
}
