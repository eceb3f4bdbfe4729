// Builds digests from the database's aggregates. The per-unit weekly counts are read once and
// shared by every digest of the same week (faculty and units alike); each scope adds its own
// details (medians, averages, lists).
import { composeDigest } from '../../domain/digest/compose.ts';
import { CHART_WEEKS, UPCOMING_DAYS, type DigestData, type UnitName, type UnitSummary, type UnitWeekActivity } from '../../domain/digest/digest-data.ts';
import { weekBoundaries } from '../../domain/digest/schedule.ts';
import { DAY_MS } from '../../domain/time.ts';
import type { Repositories } from '../../ports.ts';

export interface WeekAggregates {
  end: Date;
  isoWeek: string;
  boundaries: Date[];
  units: UnitSummary[];
  activity: UnitWeekActivity[];
}

/** The counts every digest of the week shares: one pass over the last CHART_WEEKS weeks. */
export async function weekAggregates(repos: Repositories, end: Date, isoWeek: string, timeZone: string): Promise<WeekAggregates> {
  const boundaries = weekBoundaries(end, timeZone, CHART_WEEKS);
  return { end, isoWeek, boundaries, units: await repos.digests.unitSummaries(), activity: await repos.digests.weeklyActivity(boundaries) };
}

/** One scope's digest: the faculty (unit null) or a unit with the units under it. */
export async function buildDigest(repos: Repositories, week: WeekAggregates, unit: (UnitName & { id: string }) | null): Promise<DigestData> {
  const unitIds = unit ? await repos.digests.unitWithDescendants(unit.id) : null;
  const from = week.boundaries[week.boundaries.length - 2]!;
  const details = await repos.digests.scopeDetails({ unitIds, from, to: week.end, upcomingUntil: new Date(week.end.getTime() + UPCOMING_DAYS * DAY_MS) });
  return composeDigest({
    isoWeek: week.isoWeek,
    boundaries: week.boundaries,
    unit: unit ? { code: unit.code, nameNb: unit.nameNb, nameEn: unit.nameEn } : null,
    unitIds: unitIds ? new Set(unitIds) : null,
    units: week.units,
    activity: week.activity,
    details,
  });
}
