// Calendar arithmetic in a time zone, with Luxon (IANA zones through Intl): a local date and
// time of day is converted to an instant by the zone's rules on that day, so daylight-saving
// days are right (never "midnight plus so many hours"). Terms (for the cap on asks per term),
// ISO weeks (for the weekly digest), and the dates people pick in forms.
import { DateTime, IANAZone } from 'luxon';

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOCK = /^(\d{2}):(\d{2})/;

function inZone(instant: Date, timeZone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone: timeZone });
}

/** True for an IANA time zone name this runtime knows, such as Europe/Oslo. */
export function isTimeZone(value: string): boolean {
  return IANAZone.isValidZone(value);
}

/** The instant at which the local wall-clock time in `timeZone` reads year-month-day 00:00. */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): Date {
  return DateTime.fromObject({ year, month, day }, { zone: timeZone }).startOf('day').toJSDate();
}

export interface Term {
  /** e.g. "2026-spring" or "2026-autumn" */
  id: string;
  start: Date;
  end: Date;
}

/** Spring term runs January–June, autumn term July–December, in the faculty's time zone. */
export function termOf(instant: Date, timeZone: string): Term {
  const local = inZone(instant, timeZone);
  const spring = local.month <= 6;
  const start = local.set({ month: spring ? 1 : 7 }).startOf('month');
  return {
    id: `${local.year}-${spring ? 'spring' : 'autumn'}`,
    start: start.toJSDate(),
    end: start.plus({ months: 6 }).toJSDate(),
  };
}

/** ISO 8601 week of the local date, e.g. "2026-W48". */
export function isoWeekOf(instant: Date, timeZone: string): string {
  const local = inZone(instant, timeZone);
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

/** The calendar day of an instant in `timeZone`, as a form shows it ("2026-12-18"). */
export function localIsoDate(instant: Date, timeZone: string): string {
  return inZone(instant, timeZone).toISODate()!;
}

/** A picked calendar day ("2026-12-18"), read as the last moment of that day in `timeZone`. */
export function endOfLocalDay(isoDate: string, timeZone: string): Date | string {
  if (!ISO_DATE.test(isoDate)) return isoDate;
  const day = DateTime.fromISO(isoDate, { zone: timeZone });
  return day.isValid ? day.endOf('day').toJSDate() : isoDate;
}

/** A picked day and time of day ("2026-12-18", "14:30") in `timeZone`; the text back when unreadable. */
export function localDateTime(isoDate: string, time: string | undefined, timeZone: string): Date | string {
  const clock = CLOCK.exec(time ?? '09:00');
  if (!ISO_DATE.test(isoDate) || !clock) return isoDate;
  const local = DateTime.fromISO(`${isoDate}T${clock[1]}:${clock[2]}`, { zone: timeZone });
  return local.isValid ? local.toJSDate() : isoDate;
}

/** How a zone is named next to a date: its IANA name, readable ("America/New York"). */
export function zoneName(timeZone: string): string {
  return timeZone.replace(/_/g, ' ');
}
