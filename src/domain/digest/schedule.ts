// When a week's digest is due, in the faculty's time zone, without a date library. A digest
// belongs to an ISO week; its slot is the first moment in that week that the cron fields
// (DIGEST_CRON, parsed by the job) match in local time. Keying by ISO week is what makes a
// DST change harmless: a week has exactly one key, whether it has 167, 168 or 169 hours.
import { DAY_MS, isoWeekOf } from '../time.ts';

/** Cron fields as numbers: minute 0-59, hour 0-23, dayOfMonth 1-31, month 1-12, dayOfWeek 0-6 (0 = Sunday). */
export interface CronFields {
  minute: readonly number[];
  hour: readonly number[];
  dayOfMonth: readonly number[];
  month: readonly number[];
  dayOfWeek: readonly number[];
}

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

function wallClock(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/**
 * The instant the wall clock in `timeZone` reads this local date and time. A time that does
 * not exist (skipped by a spring-forward change) maps to the same offset before the change,
 * i.e. one hour later on the wall clock; an ambiguous one (autumn) to its first occurrence.
 */
export function zonedTime(date: LocalDate, hour: number, minute: number, timeZone: string): Date {
  const wanted = Date.UTC(date.year, date.month - 1, date.day, hour, minute);
  let instant = wanted;
  for (let i = 0; i < 3; i += 1) {
    const local = wallClock(new Date(instant), timeZone);
    const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
    instant -= asUtc - wanted;
  }
  // Near a change the answer is within an hour of the estimate: the earliest instant that shows
  // the wanted time (autumn: its first occurrence), else the first one after it (spring gap).
  const candidates = [instant - 3_600_000, instant, instant + 3_600_000];
  const shown = (at: number) => {
    const local = wallClock(new Date(at), timeZone);
    return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  };
  const exact = candidates.find((at) => shown(at) === wanted);
  return new Date(exact ?? candidates.find((at) => shown(at) > wanted) ?? instant);
}

/** The local calendar date of an instant. */
export function localDate(instant: Date, timeZone: string): LocalDate {
  const { year, month, day } = wallClock(instant, timeZone);
  return { year, month, day };
}

/** A local date plus some days (calendar arithmetic, not 24-hour steps). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
}

/** The Monday that starts the ISO week of `instant`, in local time. */
export function mondayOf(instant: Date, timeZone: string): LocalDate {
  const date = localDate(instant, timeZone);
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() || 7;
  return addDays(date, 1 - weekday);
}

const ALL_DAYS_OF_MONTH = 31;
const ALL_DAYS_OF_WEEK = 7;

/** Cron's day rule: when both day fields are restricted, either may match (as in POSIX cron). */
function dayMatches(fields: CronFields, date: LocalDate): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  const weekdays = new Set(fields.dayOfWeek.map((day) => day % 7));
  const byMonthDay = fields.dayOfMonth.includes(date.day);
  const byWeekday = weekdays.has(weekday);
  const monthDayRestricted = new Set(fields.dayOfMonth).size < ALL_DAYS_OF_MONTH;
  const weekdayRestricted = weekdays.size < ALL_DAYS_OF_WEEK;
  if (!fields.month.includes(date.month)) return false;
  if (monthDayRestricted && weekdayRestricted) return byMonthDay || byWeekday;
  return byMonthDay && byWeekday;
}

/** The first moment of the ISO week of `instant` that the fields match, or null (a week without one). */
export function slotOfWeek(fields: CronFields, instant: Date, timeZone: string): Date | null {
  const monday = mondayOf(instant, timeZone);
  const hours = [...fields.hour].sort((a, b) => a - b);
  const minutes = [...fields.minute].sort((a, b) => a - b);
  for (let offset = 0; offset < 7; offset += 1) {
    const date = addDays(monday, offset);
    if (!dayMatches(fields, date) || hours.length === 0 || minutes.length === 0) continue;
    return zonedTime(date, hours[0]!, minutes[0]!, timeZone);
  }
  return null;
}

export interface DueWeek {
  isoWeek: string;
  slot: Date;
}

/**
 * The week whose digest is due at `now`: the current ISO week, once its slot has passed. An
 * instance that was down at the slot catches up later the same week; a past week is never
 * posted late, because only the current week is ever due.
 */
export function dueWeek(fields: CronFields, now: Date, timeZone: string): DueWeek | null {
  const slot = slotOfWeek(fields, now, timeZone);
  if (!slot || slot > now) return null;
  return { isoWeek: isoWeekOf(now, timeZone), slot };
}

export interface Period {
  from: Date;
  to: Date;
}

/** The seven local days before `end` (same wall time a calendar week earlier). */
export function weekBefore(end: Date, timeZone: string): Period {
  const { hour, minute } = wallClock(end, timeZone);
  return { from: zonedTime(addDays(localDate(end, timeZone), -7), hour, minute, timeZone), to: end };
}

/** `weeks` consecutive local weeks ending at `end`: weeks + 1 boundaries, oldest first. */
export function weekBoundaries(end: Date, timeZone: string, weeks: number): Date[] {
  const { hour, minute } = wallClock(end, timeZone);
  const day = localDate(end, timeZone);
  return Array.from({ length: weeks + 1 }, (_, index) => (index === weeks ? end : zonedTime(addDays(day, -7 * (weeks - index)), hour, minute, timeZone)));
}
