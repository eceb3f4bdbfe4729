import { DomainError } from '../../../src/domain/errors.ts';
import { requestInputSchema } from '../../../src/app/support/request-input.ts';
import { parseInput } from '../../../src/app/support/validation.ts';

const NOW = new Date('2026-11-28T12:00:00Z');
const valid = {
  title: 'Guest lecture',
  type: 'guest_lecture',
  description: 'About policy.',
  unitId: '0193f1a2-0000-7000-8000-000000000001',
  expertise: ['Public Policy', 'offentlig politikk', ' Economics '],
  startsAt: '2027-02-10T09:00:00Z',
  format: 'campus',
  needed: '2',
  replyBy: '2027-01-20T12:00:00Z',
};

function problems(input: Record<string, unknown>) {
  try {
    parseInput(requestInputSchema(NOW), input);
  } catch (error) {
    return (error as DomainError).details.fields;
  }
  throw new Error('expected validation to fail');
}

describe('request input', () => {
  it('accepts a valid request and normalises it', () => {
    const parsed = parseInput(requestInputSchema(NOW), valid);
    expect(parsed.expertise).toEqual(['public policy', 'economics']);
    expect(parsed.needed).toBe(2);
    expect(parsed.programmeId).toBeNull();
    expect(parsed.reviewShortlist).toBe(false);
  });

  it('names each bad field with a catalog key and its parameters', () => {
    expect(problems({ ...valid, title: 'x'.repeat(151), needed: 51 })).toEqual([
      { field: 'title', key: 'validation.tooLong', params: { max: 150 } },
      { field: 'needed', key: 'validation.outOfRange', params: { min: 1, max: 50 } },
    ]);
  });

  it('requires the required fields', () => {
    expect(problems({ ...valid, title: '  ', type: undefined })).toEqual([
      { field: 'title', key: 'validation.required' },
      { field: 'type', key: 'validation.required' },
    ]);
  });

  it('refuses a value that is not one of the choices', () => {
    expect(problems({ ...valid, format: 'hybrid' })).toEqual([{ field: 'format', key: 'validation.invalidChoice' }]);
  });

  it('refuses dates in the past and a deadline after the event', () => {
    expect(problems({ ...valid, startsAt: '2026-01-01T00:00:00Z' })).toContainEqual({ field: 'startsAt', key: 'validation.dateInPast' });
    expect(problems({ ...valid, replyBy: '2027-03-01T00:00:00Z' })).toEqual([{ field: 'replyBy', key: 'validation.deadlineAfterStart' }]);
    expect(problems({ ...valid, endsAt: '2027-02-10T08:00:00Z' })).toEqual([{ field: 'endsAt', key: 'validation.endBeforeStart' }]);
    expect(problems({ ...valid, startsAt: 'not a date' })).toContainEqual({ field: 'startsAt', key: 'validation.invalidDate' });
  });

  it('refuses a needed count that is not a whole number', () => {
    expect(problems({ ...valid, needed: '2.5' })).toEqual([{ field: 'needed', key: 'validation.notAWholeNumber' }]);
  });

  it('limits tags in number and length', () => {
    expect(problems({ ...valid, expertise: Array.from({ length: 31 }, (_, i) => `tag ${i}`) })).toEqual([
      { field: 'expertise', key: 'validation.tooManyTags', params: { max: 30 } },
    ]);
    expect(problems({ ...valid, expertise: ['x'.repeat(51)] })).toEqual([{ field: 'expertise.0', key: 'validation.tagTooLong', params: { max: 50 } }]);
  });
});
