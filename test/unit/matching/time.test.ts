// Local dates and times become instants by the zone's rules on that very day (Luxon), so the
// daylight-saving days are right; a picked day reads back as the same day, whatever the zone.
import { createTranslator } from '../../../src/domain/i18n/translator.ts';
import { endOfLocalDay, isoWeekOf, localDateTime, localIsoDate, termOf, zonedMidnight } from '../../../src/domain/time.ts';

const OSLO = 'Europe/Oslo';

describe('a time of day on the Europe/Oslo daylight-saving days', () => {
  it.each([
    // Clocks go forward at 02:00 on the last Sunday of March: 14:30 is CEST (UTC+2).
    ['2026-03-29', '14:30', '2026-03-29T12:30:00.000Z'],
    ['2027-03-28', '14:30', '2027-03-28T12:30:00.000Z'],
    // Clocks go back at 03:00 on the last Sunday of October: 14:30 is CET (UTC+1).
    ['2026-10-25', '14:30', '2026-10-25T13:30:00.000Z'],
    ['2027-10-31', '14:30', '2027-10-31T13:30:00.000Z'],
    // Around the changes themselves.
    ['2027-03-28', '01:30', '2027-03-28T00:30:00.000Z'],
    ['2027-03-28', '03:30', '2027-03-28T01:30:00.000Z'],
    ['2027-10-31', '04:00', '2027-10-31T03:00:00.000Z'],
  ])('%s %s is %s', (day, time, instant) => {
    expect((localDateTime(day, time, OSLO) as Date).toISOString()).toBe(instant);
  });

  it('reads a picked day as the end of that day, on both change days', () => {
    expect((endOfLocalDay('2027-03-28', OSLO) as Date).toISOString()).toBe('2027-03-28T21:59:59.999Z');
    expect((endOfLocalDay('2027-10-31', OSLO) as Date).toISOString()).toBe('2027-10-31T22:59:59.999Z');
    expect(zonedMidnight(2027, 3, 28, OSLO).toISOString()).toBe('2027-03-27T23:00:00.000Z');
    expect(zonedMidnight(2027, 10, 31, OSLO).toISOString()).toBe('2027-10-30T22:00:00.000Z');
  });

  it('gives the text back when it is not a real day or time', () => {
    expect(localDateTime('2027-02-30', '14:30', OSLO)).toBe('2027-02-30');
    expect(localDateTime('tomorrow', '14:30', OSLO)).toBe('tomorrow');
    expect(endOfLocalDay('2027-13-01', OSLO)).toBe('2027-13-01');
  });
});

describe('a picked day saved again and again', () => {
  it.each(['America/Los_Angeles', 'America/New_York', 'Pacific/Honolulu', 'America/St_Johns', OSLO, 'Pacific/Auckland', 'Asia/Kolkata'])(
    'stays the same day in %s',
    (zone) => {
      let shown = '2027-03-28';
      for (let save = 0; save < 5; save += 1) shown = localIsoDate(endOfLocalDay(shown, zone) as Date, zone);
      expect(shown).toBe('2027-03-28');
    },
  );
});

describe('terms and weeks in the faculty zone', () => {
  it('starts the spring term at local midnight on 1 January, and autumn on 1 July', () => {
    expect(termOf(new Date('2026-12-31T23:30:00Z'), OSLO)).toEqual({ id: '2027-spring', start: new Date('2026-12-31T23:00:00Z'), end: new Date('2027-06-30T22:00:00Z') });
    expect(termOf(new Date('2027-06-30T22:30:00Z'), OSLO).id).toBe('2027-autumn');
  });

  it('counts ISO weeks on the local date', () => {
    expect(isoWeekOf(new Date('2027-01-03T23:30:00Z'), OSLO)).toBe('2027-W01');
    expect(isoWeekOf(new Date('2026-12-28T00:00:00Z'), OSLO)).toBe('2026-W53');
  });
});

describe('dates in messages', () => {
  const start = new Date('2027-03-28T12:30:00Z');

  it('are shown in the reader’s time zone, naming it when it is not the faculty’s', () => {
    expect(createTranslator('en', 'America/New_York', OSLO).dateTime(start)).toBe('28 March 2027 at 08:30 (America/New York)');
    expect(createTranslator('nb', 'America/New_York', OSLO).date(start)).toBe('28. mars 2027 (America/New York)');
  });

  it('name no zone for readers in the faculty’s zone', () => {
    expect(createTranslator('en', OSLO, OSLO).dateTime(start)).toBe('28 March 2027 at 14:30');
    expect(createTranslator('nb', OSLO).date(start)).toBe('28. mars 2027');
  });
});
