// When the weekly digest is due: the first DIGEST_CRON moment of the ISO week in Europe/Oslo,
// across the DST changes, catching up within the week and never posting a past week.
import { dueWeek, slotOfWeek, weekBefore, weekBoundaries, zonedTime } from '../../../src/domain/digest/schedule.ts';
import { digestFields } from '../../../src/jobs/digest.ts';

const OSLO = 'Europe/Oslo';
const monday8 = digestFields('0 8 * * 1');

describe('the digest slot of a week', () => {
  it('is Monday 08:00 Oslo time, in winter (UTC+1) and in summer (UTC+2)', () => {
    expect(slotOfWeek(monday8, new Date('2026-12-02T12:00:00Z'), OSLO)).toEqual(new Date('2026-11-30T07:00:00Z'));
    expect(slotOfWeek(monday8, new Date('2026-06-10T12:00:00Z'), OSLO)).toEqual(new Date('2026-06-08T06:00:00Z'));
  });

  it('is found for the weeks on both sides of each DST change', () => {
    // Spring forward on Sunday 29 March 2026, fall back on Sunday 25 October 2026.
    expect(slotOfWeek(monday8, new Date('2026-03-29T12:00:00Z'), OSLO)).toEqual(new Date('2026-03-23T07:00:00Z'));
    expect(slotOfWeek(monday8, new Date('2026-03-30T12:00:00Z'), OSLO)).toEqual(new Date('2026-03-30T06:00:00Z'));
    expect(slotOfWeek(monday8, new Date('2026-10-25T12:00:00Z'), OSLO)).toEqual(new Date('2026-10-19T06:00:00Z'));
    expect(slotOfWeek(monday8, new Date('2026-10-26T12:00:00Z'), OSLO)).toEqual(new Date('2026-10-26T07:00:00Z'));
  });

  it('handles a slot inside the DST gap and the doubled hour', () => {
    const sunday0230 = digestFields('30 2 * * 0');
    // 02:30 does not exist on 29 March 2026: the wall clock jumps from 02:00 to 03:00.
    expect(slotOfWeek(sunday0230, new Date('2026-03-25T12:00:00Z'), OSLO)).toEqual(new Date('2026-03-29T01:30:00Z'));
    // 02:30 happens twice on 25 October 2026: the first one counts.
    expect(slotOfWeek(sunday0230, new Date('2026-10-21T12:00:00Z'), OSLO)).toEqual(new Date('2026-10-25T00:30:00Z'));
    expect(zonedTime({ year: 2026, month: 10, day: 25 }, 2, 30, OSLO)).toEqual(new Date('2026-10-25T00:30:00Z'));
  });

  it('follows cron day rules: weekdays, days of the month, either when both are given', () => {
    expect(slotOfWeek(digestFields('0 7 * * 3-5'), new Date('2026-12-02T12:00:00Z'), OSLO)).toEqual(new Date('2026-12-02T06:00:00Z'));
    expect(slotOfWeek(digestFields('0 9 1 * *'), new Date('2026-12-02T12:00:00Z'), OSLO)).toEqual(new Date('2026-12-01T08:00:00Z'));
    expect(slotOfWeek(digestFields('0 9 15 * *'), new Date('2026-12-02T12:00:00Z'), OSLO)).toBeNull();
    expect(slotOfWeek(digestFields('0 9 15 * 5'), new Date('2026-12-02T12:00:00Z'), OSLO)).toEqual(new Date('2026-12-04T08:00:00Z'));
  });
});

describe('which week is due', () => {
  it('is nothing before the slot, and the current ISO week from the slot until Sunday night', () => {
    expect(dueWeek(monday8, new Date('2026-11-30T06:59:00Z'), OSLO)).toBeNull();
    expect(dueWeek(monday8, new Date('2026-11-30T07:00:00Z'), OSLO)).toEqual({ isoWeek: '2026-W49', slot: new Date('2026-11-30T07:00:00Z') });
    // Catching up on Sunday evening is still the same week.
    expect(dueWeek(monday8, new Date('2026-12-06T22:59:00Z'), OSLO)?.isoWeek).toBe('2026-W49');
    // Monday 00:30 in Oslo is a new week whose slot has not come: the missed week is not posted late.
    expect(dueWeek(monday8, new Date('2026-12-06T23:30:00Z'), OSLO)).toBeNull();
  });

  it('gives a year-end week its ISO year', () => {
    expect(dueWeek(monday8, new Date('2026-12-29T12:00:00Z'), OSLO)?.isoWeek).toBe('2026-W53');
    expect(dueWeek(monday8, new Date('2027-01-05T12:00:00Z'), OSLO)?.isoWeek).toBe('2027-W01');
  });
});

describe('the digest period and chart weeks', () => {
  it('covers seven calendar days, 167 hours across spring forward and 169 across fall back', () => {
    const spring = weekBefore(new Date('2026-03-30T06:00:00Z'), OSLO);
    expect(spring.from).toEqual(new Date('2026-03-23T07:00:00Z'));
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(167);
    const autumn = weekBefore(new Date('2026-10-26T07:00:00Z'), OSLO);
    expect((autumn.to.getTime() - autumn.from.getTime()) / 3_600_000).toBe(169);
  });

  it('gives twelve back-to-back weeks ending at the slot', () => {
    const end = new Date('2026-11-30T07:00:00Z');
    const bounds = weekBoundaries(end, OSLO, 12);
    expect(bounds).toHaveLength(13);
    expect(bounds.at(-1)).toEqual(end);
    expect(bounds[11]).toEqual(new Date('2026-11-23T07:00:00Z'));
    // Twelve weeks back is 7 September, in summer time: Monday 08:00 is 06:00 UTC.
    expect(bounds[0]).toEqual(new Date('2026-09-07T06:00:00Z'));
  });
});
