// Calendar arithmetic in the faculty's time zone, without a date library: terms (for the cap
// on asks per term) and ISO weeks (for the weekly digest).

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: Date, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The instant at which the local wall-clock time in `timeZone` reads year-month-day 00:00. */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  let instant = guess;
  for (let i = 0; i < 3; i += 1) {
    const local = localParts(new Date(instant), timeZone);
    const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
    instant -= asUtc - guess;
  }
  return new Date(instant);
}

export interface Term {
  /** e.g. "2026-spring" or "2026-autumn" */
  id: string;
  start: Date;
  end: Date;
}

/** Spring term runs January–June, autumn term July–December, in the faculty's time zone. */
export function termOf(instant: Date, timeZone: string): Term {
  const { year, month } = localParts(instant, timeZone);
  const spring = month <= 6;
  return {
    id: `${year}-${spring ? 'spring' : 'autumn'}`,
    start: zonedMidnight(year, spring ? 1 : 7, 1, timeZone),
    end: spring ? zonedMidnight(year, 7, 1, timeZone) : zonedMidnight(year + 1, 1, 1, timeZone),
  };
}

/** ISO 8601 week of the local date, e.g. "2026-W48". */
export function isoWeekOf(instant: Date, timeZone: string): string {
  const { year, month, day } = localParts(instant, timeZone);
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const weekYear = date.getUTCFullYear();
  const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

/** True for an IANA time zone name this runtime knows, such as Europe/Oslo. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** A picked calendar day ("2026-12-18"), read as the last moment of that day in `timeZone`. */
export function endOfLocalDay(isoDate: string, timeZone: string): Date | string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const next = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1));
  return new Date(zonedMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone).getTime() - 1);
}

/** A picked day and time of day ("2026-12-18", "14:30") in `timeZone`; the text back when unreadable. */
export function localDateTime(isoDate: string, time: string | undefined, timeZone: string): Date | string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const clock = /^(\d{2}):(\d{2})/.exec(time ?? '09:00');
  if (!day || !clock) return isoDate;
  const midnight = zonedMidnight(Number(day[1]), Number(day[2]), Number(day[3]), timeZone);
  return new Date(midnight.getTime() + Number(clock[1]) * HOUR_MS + Number(clock[2]) * 60_000);
}
