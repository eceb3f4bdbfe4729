// What one week's digest says, as numbers and short lists computed by the database. The card
// builder turns it into words; the digest run stores it as its summary.
import type { RequestType } from '../vocabulary.ts';

/** Feedback averages are shown only when at least this many people answered (anonymity). */
export const MIN_FEEDBACK_GROUP = 3;
/** Open requests listed by name (each with an "I can help" button where alumni read). */
export const OPEN_LISTED = 5;
export const UPCOMING_LISTED = 5;
/** Days ahead that count as upcoming. */
export const UPCOMING_DAYS = 14;
export const CHART_WEEKS = 12;
/** Contributors thanked by name; more are counted. */
export const THANKED_BY_NAME = 20;
/** Units in the faculty digest's breakdown; more are counted. */
export const UNITS_LISTED = 12;

export interface UnitName {
  code: string;
  nameNb: string;
  nameEn: string;
}

export interface WeekFigures {
  newRequests: number;
  filled: number;
  invitationsSent: number;
  /** Answers given in the week: yes (accepted or confirmed) and no. */
  saidYes: number;
  saidNo: number;
  /** Median hours from open to filled, of the requests filled in the week. */
  medianHoursToFill: number | null;
  /** Completed feedback forms in the week and the mean of their ratings (1–5). */
  feedbackResponses: number;
  feedbackAverage: number | null;
  /** Requests open now that still need people. */
  openNeedingPeople: number;
}

export interface OpenRequestLine {
  id: string;
  title: string;
  type: RequestType;
  unitCode: string;
  startsAt: Date;
  /** Places still free. */
  missing: number;
}

export interface UpcomingLine {
  id: string;
  title: string;
  unitCode: string;
  startsAt: Date;
  contributors: number;
  needed: number;
}

export interface UnitLine extends UnitName {
  newRequests: number;
  filled: number;
  openNeedingPeople: number;
  saidYes: number;
}

export interface ChartSeries {
  /** The first day of each week, oldest first. */
  weekStarts: Date[];
  requests: number[];
  invitations: number[];
  acceptances: number[];
}

export interface DigestData {
  isoWeek: string;
  from: Date;
  to: Date;
  /** null: the faculty-wide digest. */
  unit: UnitName | null;
  figures: WeekFigures;
  open: OpenRequestLine[];
  upcoming: UpcomingLine[];
  /** Contributors of the week's engagements who agreed to be named, and how many others. */
  thanked: string[];
  thankedOthers: number;
  /** Faculty digest only: activity per unit (units with something to show). */
  units: UnitLine[];
  chart: ChartSeries;
}

/** Counts per unit and chart week (bucket 1 = oldest), from one pass over the chart's weeks. */
export interface UnitWeekActivity {
  unitId: string;
  bucket: number;
  requests: number;
  filled: number;
  invitations: number;
  saidYes: number;
  saidNo: number;
}

export interface UnitSummary extends UnitName {
  id: string;
  /** Requests open now that still need people. */
  openNeedingPeople: number;
}

/** What is not a sum of per-unit counts: medians, averages and short lists, for one scope. */
export type ScopeDetails = Pick<DigestData, 'open' | 'upcoming' | 'thanked' | 'thankedOthers'> & {
  openNeedingPeople: number;
  medianHoursToFill: number | null;
  feedbackResponses: number;
  feedbackAverage: number | null;
};

export function acceptanceRate(figures: WeekFigures): number | null {
  const answered = figures.saidYes + figures.saidNo;
  return answered === 0 ? null : figures.saidYes / answered;
}

/** A week in which nothing happened and nothing is waiting: the digest says so in one line. */
export function isQuietWeek(data: DigestData): boolean {
  const f = data.figures;
  return f.newRequests + f.filled + f.invitationsSent + f.saidYes + f.saidNo + f.feedbackResponses + f.openNeedingPeople === 0 && data.upcoming.length === 0 && data.thanked.length + data.thankedOthers === 0;
}

/** The median of some numbers, or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
