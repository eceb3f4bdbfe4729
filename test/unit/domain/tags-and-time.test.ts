import { normaliseTag, normaliseTags, splitTagText } from '../../../src/domain/tags.ts';
import { isoWeekOf, termOf, zonedMidnight } from '../../../src/domain/time.ts';

describe('expertise tags', () => {
  it('normalises case, spaces and punctuation', () => {
    expect(normaliseTag('  Public   Policy. ')).toBe('public policy');
    expect(normaliseTag('#Economics')).toBe('economics');
    expect(normaliseTag('   ')).toBeNull();
  });

  it('folds Norwegian and English synonyms to one form', () => {
    expect(normaliseTags(['Offentlig politikk', 'public policy', 'KI', 'Maskinlæring'])).toEqual(['public policy', 'artificial intelligence', 'machine learning']);
  });

  it('splits typed lists on commas, semicolons and new lines', () => {
    expect(splitTagText('economics, public policy;\nHR')).toEqual(['economics', 'public policy', 'HR']);
  });
});

describe('calendar in the faculty time zone', () => {
  it('finds local midnight across daylight saving', () => {
    expect(zonedMidnight(2026, 7, 1, 'Europe/Oslo').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(zonedMidnight(2026, 1, 1, 'Europe/Oslo').toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });

  it('puts January–June in the spring term and July–December in the autumn term', () => {
    expect(termOf(new Date('2026-03-15T12:00:00Z'), 'Europe/Oslo').id).toBe('2026-spring');
    expect(termOf(new Date('2026-11-28T12:00:00Z'), 'Europe/Oslo')).toEqual({
      id: '2026-autumn',
      start: new Date('2026-06-30T22:00:00.000Z'),
      end: new Date('2026-12-31T23:00:00.000Z'),
    });
    expect(termOf(new Date('2026-06-30T22:30:00Z'), 'Europe/Oslo').id).toBe('2026-autumn');
  });

  it('gives ISO weeks, including the year boundary', () => {
    expect(isoWeekOf(new Date('2026-11-28T12:00:00Z'), 'Europe/Oslo')).toBe('2026-W48');
    expect(isoWeekOf(new Date('2027-01-01T12:00:00Z'), 'Europe/Oslo')).toBe('2026-W53');
    expect(isoWeekOf(new Date('2024-12-30T12:00:00Z'), 'Europe/Oslo')).toBe('2025-W01');
  });
});
