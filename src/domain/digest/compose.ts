// Puts one scope's digest together from what the database aggregated: the per-unit weekly
// counts (one pass for every digest of the week) summed over the scope's units, and the
// scope's own details (medians, averages, lists). Pure, so the figures can be checked by hand.
import { UNITS_LISTED, type DigestData, type ScopeDetails, type UnitLine, type UnitName, type UnitSummary, type UnitWeekActivity } from './digest-data.ts';

export interface ComposeInput {
  isoWeek: string;
  /** Chart week boundaries, oldest first; the last week is the digest's period. */
  boundaries: readonly Date[];
  /** null: the faculty digest. */
  unit: UnitName | null;
  /** The units counted (null: all). */
  unitIds: ReadonlySet<string> | null;
  units: readonly UnitSummary[];
  activity: readonly UnitWeekActivity[];
  details: ScopeDetails;
}

type Counts = Omit<UnitWeekActivity, 'unitId' | 'bucket'>;
const ZERO: Counts = { requests: 0, filled: 0, invitations: 0, saidYes: 0, saidNo: 0 };

function add(a: Counts, b: Counts): Counts {
  return { requests: a.requests + b.requests, filled: a.filled + b.filled, invitations: a.invitations + b.invitations, saidYes: a.saidYes + b.saidYes, saidNo: a.saidNo + b.saidNo };
}

function weekly(rows: readonly UnitWeekActivity[], weeks: number): Counts[] {
  const out = Array.from({ length: weeks }, () => ({ ...ZERO }));
  for (const row of rows) {
    if (row.bucket >= 1 && row.bucket <= weeks) out[row.bucket - 1] = add(out[row.bucket - 1]!, row);
  }
  return out;
}

function unitLines(input: ComposeInput, lastWeek: number): UnitLine[] {
  const lines = input.units.map((unit) => {
    const counts = weekly(input.activity.filter((row) => row.unitId === unit.id), lastWeek)[lastWeek - 1] ?? ZERO;
    return { code: unit.code, nameNb: unit.nameNb, nameEn: unit.nameEn, newRequests: counts.requests, filled: counts.filled, openNeedingPeople: unit.openNeedingPeople, saidYes: counts.saidYes };
  });
  return lines.filter((line) => line.newRequests + line.filled + line.openNeedingPeople + line.saidYes > 0).slice(0, UNITS_LISTED);
}

export function composeDigest(input: ComposeInput): DigestData {
  const weeks = input.boundaries.length - 1;
  const inScope = input.activity.filter((row) => input.unitIds === null || input.unitIds.has(row.unitId));
  const series = weekly(inScope, weeks);
  const week = series[weeks - 1] ?? ZERO;
  const { details } = input;
  return {
    isoWeek: input.isoWeek,
    from: input.boundaries[weeks - 1]!,
    to: input.boundaries[weeks]!,
    unit: input.unit,
    figures: {
      newRequests: week.requests,
      filled: week.filled,
      invitationsSent: week.invitations,
      saidYes: week.saidYes,
      saidNo: week.saidNo,
      medianHoursToFill: details.medianHoursToFill,
      feedbackResponses: details.feedbackResponses,
      feedbackAverage: details.feedbackAverage,
      openNeedingPeople: details.openNeedingPeople,
    },
    open: details.open,
    upcoming: details.upcoming,
    thanked: details.thanked,
    thankedOthers: details.thankedOthers,
    units: input.unit === null ? unitLines(input, weeks) : [],
    chart: {
      weekStarts: input.boundaries.slice(0, weeks) as Date[],
      requests: series.map((counts) => counts.requests),
      invitations: series.map((counts) => counts.invitations),
      acceptances: series.map((counts) => counts.saidYes),
    },
  };
}
