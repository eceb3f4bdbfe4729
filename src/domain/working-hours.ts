// Quiet hours: invitations reach alumni only in their own working hours. The hours are one
// setting for everyone (WORKING_HOURS, default "Mon-Fri 08:00-20:00"), read in each person's
// own time zone (their profile's, else the faculty's). Wall-clock arithmetic is Luxon's, so a
// window that opens on a daylight-saving day opens at 08:00 local time, not an hour off.
import { DateTime } from 'luxon';

export interface WorkingHours {
  /** ISO weekdays on which messages may arrive: 1 = Monday … 7 = Sunday. */
  days: readonly number[];
  /** Minutes after local midnight: the window is [from, to). */
  fromMinute: number;
  toMinute: number;
}

export const DEFAULT_WORKING_HOURS = 'Mon-Fri 08:00-20:00';

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

function dayNumber(name: string): number | null {
  const index = DAY_NAMES.indexOf(name.slice(0, 3).toLowerCase());
  return index === -1 ? null : index + 1;
}

/** "Mon-Fri", "Mon,Wed,Fri" or "Sat-Sun" → ISO weekdays; null when unreadable. */
function parseDays(text: string): number[] | null {
  const days = new Set<number>();
  for (const part of text.split(',')) {
    const [first = '', last] = part.trim().split('-');
    const from = dayNumber(first);
    const to = last === undefined ? from : dayNumber(last);
    if (from === null || to === null) return null;
    for (let day = from; ; day = (day % 7) + 1) {
      days.add(day);
      if (day === to) break;
    }
  }
  return [...days].sort();
}

function parseMinute(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const minute = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[1]) <= 24 && Number(match[2]) < 60 && minute <= 24 * 60 ? minute : null;
}

/**
 * Reads "Mon-Fri 08:00-20:00" (days, then from-to in 24-hour time). "always" turns quiet hours
 * off (null). Anything else is an error (undefined).
 */
export function parseWorkingHours(text: string): WorkingHours | null | undefined {
  const trimmed = text.trim();
  if (/^(always|off|none)$/i.test(trimmed)) return null;
  const match = /^(\S+)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(trimmed);
  if (!match) return undefined;
  const days = parseDays(match[1]!);
  const fromMinute = parseMinute(match[2]!);
  const toMinute = parseMinute(match[3]!);
  if (!days || fromMinute === null || toMinute === null || fromMinute >= toMinute) return undefined;
  return { days, fromMinute, toMinute };
}

/**
 * The first moment at or after `now` inside the working hours, in `timeZone`. With no working
 * hours (null or undefined) that is `now`.
 */
export function nextWorkingMoment(now: Date, timeZone: string, hours: WorkingHours | null | undefined): Date {
  if (!hours || hours.days.length === 0) return now;
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) return now;
  for (let offset = 0; offset <= 7; offset += 1) {
    const day = local.plus({ days: offset }).startOf('day');
    if (!hours.days.includes(day.weekday)) continue;
    const opens = day.set({ hour: Math.floor(hours.fromMinute / 60), minute: hours.fromMinute % 60 });
    const closesAt = hours.toMinute === 24 * 60 ? day.plus({ days: 1 }) : day.set({ hour: Math.floor(hours.toMinute / 60), minute: hours.toMinute % 60 });
    if (local < opens) return opens.toJSDate();
    if (local < closesAt) return now;
  }
  return now;
}
