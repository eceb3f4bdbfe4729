import { ConfigError, loadConfig } from '../../../src/config.ts';
import { nextWorkingMoment, parseWorkingHours, type WorkingHours } from '../../../src/domain/working-hours.ts';

const WEEKDAYS: WorkingHours = { days: [1, 2, 3, 4, 5], fromMinute: 8 * 60, toMinute: 20 * 60 };
const at = (iso: string) => new Date(iso);

describe('WORKING_HOURS', () => {
  it('reads days and hours, and "always"', () => {
    expect(parseWorkingHours('Mon-Fri 08:00-20:00')).toEqual(WEEKDAYS);
    expect(parseWorkingHours('sat-sun 10:00 - 14:30')).toEqual({ days: [6, 7], fromMinute: 600, toMinute: 870 });
    expect(parseWorkingHours('Fri-Mon 09:00-17:00')).toEqual({ days: [1, 5, 6, 7], fromMinute: 540, toMinute: 1020 });
    expect(parseWorkingHours('Mon,Wed 00:00-24:00')).toEqual({ days: [1, 3], fromMinute: 0, toMinute: 1440 });
    expect(parseWorkingHours('always')).toBeNull();
  });

  it('defaults to weekdays 08:00-20:00, and stops the start on a bad value, naming the variable', () => {
    expect(loadConfig({}).workingHours).toEqual(WEEKDAYS);
    expect(loadConfig({ WORKING_HOURS: 'always' }).workingHours).toBeNull();
    expect(() => loadConfig({ WORKING_HOURS: 'weekdays' })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKING_HOURS: 'weekdays' })).toThrow(/WORKING_HOURS must be days and hours/);
  });

  it.each(['Mon-Fri', '08:00-20:00', 'Mon-Fri 20:00-08:00', 'Mon-Fry 08:00-20:00', 'Mon-Fri 8-20', 'Mon-Fri 08:00-25:00'])('refuses %s', (text) => {
    expect(parseWorkingHours(text)).toBeUndefined();
  });
});

describe('the next working moment', () => {
  it('is now inside the hours, the same day’s opening before them, and the next working day after them', () => {
    expect(nextWorkingMoment(at('2026-12-02T10:00:00Z'), 'Europe/Oslo', WEEKDAYS)).toEqual(at('2026-12-02T10:00:00Z'));
    expect(nextWorkingMoment(at('2026-12-02T05:00:00Z'), 'Europe/Oslo', WEEKDAYS)).toEqual(at('2026-12-02T07:00:00Z'));
    expect(nextWorkingMoment(at('2026-12-04T19:30:00Z'), 'Europe/Oslo', WEEKDAYS)).toEqual(at('2026-12-07T07:00:00Z'));
  });

  it('waits over the weekend, in the person’s own time zone', () => {
    const saturdayNoonOslo = at('2026-12-05T11:00:00Z');
    expect(nextWorkingMoment(saturdayNoonOslo, 'Europe/Oslo', WEEKDAYS)).toEqual(at('2026-12-07T07:00:00Z'));
    expect(nextWorkingMoment(saturdayNoonOslo, 'America/New_York', WEEKDAYS)).toEqual(at('2026-12-07T13:00:00Z'));
    expect(nextWorkingMoment(saturdayNoonOslo, 'Asia/Tokyo', WEEKDAYS)).toEqual(at('2026-12-06T23:00:00Z'));
  });

  it('opens at 08:00 local time on both Europe/Oslo daylight-saving days', () => {
    // Sunday 29 March 2026 the clocks go forward: Monday opens at 08:00 CEST (06:00Z).
    expect(nextWorkingMoment(at('2026-03-29T12:00:00Z'), 'Europe/Oslo', WEEKDAYS)).toEqual(at('2026-03-30T06:00:00Z'));
    // Sunday 25 October 2026 they go back: Monday opens at 08:00 CET (07:00Z).
    expect(nextWorkingMoment(at('2026-10-25T12:00:00Z'), 'Europe/Oslo', WEEKDAYS)).toEqual(at('2026-10-26T07:00:00Z'));
    // A window open on the DST day itself: Sunday in a seven-day week.
    const everyDay = { ...WEEKDAYS, days: [1, 2, 3, 4, 5, 6, 7] };
    expect(nextWorkingMoment(at('2026-03-29T00:30:00Z'), 'Europe/Oslo', everyDay)).toEqual(at('2026-03-29T06:00:00Z'));
    expect(nextWorkingMoment(at('2026-10-25T00:30:00Z'), 'Europe/Oslo', everyDay)).toEqual(at('2026-10-25T07:00:00Z'));
  });

  it('is now when there are no quiet hours', () => {
    expect(nextWorkingMoment(at('2026-12-05T11:00:00Z'), 'Europe/Oslo', null)).toEqual(at('2026-12-05T11:00:00Z'));
  });
});
