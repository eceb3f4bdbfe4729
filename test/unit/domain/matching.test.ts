import {
  compareMatches,
  exclusionsFor,
  invitationsToSend,
  rankCandidates,
  scoreCandidate,
  WEIGHTS,
  type Candidate,
  type MatchRequest,
} from '../../../src/domain/matching.ts';
import { describeReasons } from '../../../src/domain/messages/reasons.ts';
import { createTranslator } from '../../../src/domain/i18n/translator.ts';

const NOW = new Date('2026-11-28T12:00:00Z');
const ECON = { programmeId: 'prog-econ', unitId: 'unit-econ', nameNb: 'Master i samfunnsøkonomi', nameEn: 'MSc Economics', graduationYear: 2016 };
const SOC = { programmeId: 'prog-soc', unitId: 'unit-soc', nameNb: 'Bachelor i sosiologi', nameEn: 'BA Sociology', graduationYear: 2019 };

const request: MatchRequest = {
  seed: 'request-1',
  type: 'guest_lecture',
  unitId: 'unit-econ',
  programmeId: 'prog-econ',
  expertise: ['public policy', 'economics'],
  format: 'campus',
  language: 'nb',
  startsAt: new Date('2027-02-10T10:00:00Z'),
  endsAt: new Date('2027-02-10T12:00:00Z'),
};

function candidate(personId: string, overrides: Partial<Candidate> = {}): Candidate {
  return {
    personId,
    expertise: [],
    sector: null,
    languages: ['nb'],
    formats: ['campus', 'digital'],
    programmes: [],
    consentPurposes: ['guest_lecture'],
    engagementTypes: ['guest_lecture'],
    pausedUntil: null,
    availableFrom: null,
    availableUntil: null,
    maxAsksPerTerm: 3,
    asksThisTerm: 0,
    recentAsks: 0,
    lastAskedAt: null,
    alreadyInvited: false,
    ...overrides,
  };
}

describe('hard filters', () => {
  it('lets through someone who agreed, welcomes this work, is free and under the cap', () => {
    expect(exclusionsFor(candidate('a'), request, NOW)).toEqual([]);
  });

  it.each([
    ['no consent at all', { consentPurposes: null }, 'no_consent'],
    ['consent for other work only', { consentPurposes: ['mentoring'] as Candidate['consentPurposes'] }, 'no_consent'],
    ['does not welcome this work', { engagementTypes: ['mentoring'] as Candidate['engagementTypes'] }, 'not_welcome'],
    ['paused until after now', { pausedUntil: new Date('2026-12-31T00:00:00Z') }, 'paused'],
    ['available only after the event', { availableFrom: new Date('2027-03-01T00:00:00Z') }, 'unavailable'],
    ['available only until before the event ends', { availableUntil: new Date('2027-02-10T11:00:00Z') }, 'unavailable'],
    ['asked as often as they allow this term', { asksThisTerm: 3 }, 'cap_reached'],
    ['already invited to this request', { alreadyInvited: true }, 'already_invited'],
  ])('excludes someone with %s', (_label, overrides, exclusion) => {
    expect(exclusionsFor(candidate('a', overrides), request, NOW)).toContain(exclusion);
  });

  it('does not exclude someone whose pause has ended', () => {
    expect(exclusionsFor(candidate('a', { pausedUntil: new Date('2026-11-01T00:00:00Z') }), request, NOW)).toEqual([]);
  });

  it('never ranks an excluded candidate, however good the fit', () => {
    const star = candidate('star', { expertise: ['public policy', 'economics'], programmes: [ECON], consentPurposes: null });
    expect(rankCandidates([star, candidate('plain')], request, NOW, 10).map((m) => m.personId)).toEqual(['plain']);
  });
});

describe('score and reasons', () => {
  it('scores wanted expertise in proportion, and explains it', () => {
    const half = scoreCandidate(candidate('a', { expertise: ['public policy', 'law'] }), request);
    const full = scoreCandidate(candidate('b', { expertise: ['economics', 'public policy'] }), request);
    expect(full.score - half.score).toBeCloseTo(WEIGHTS.expertise / 2);
    expect(half.reasons).toContainEqual({ code: 'expertise', tags: ['public policy'] });
  });

  it('prefers graduates of the programme over graduates of the unit over others', () => {
    const same = scoreCandidate(candidate('a', { programmes: [ECON] }), request).score;
    const unit = scoreCandidate(candidate('b', { programmes: [{ ...ECON, programmeId: 'prog-other' }] }), request).score;
    const other = scoreCandidate(candidate('c', { programmes: [SOC] }), request).score;
    expect(same).toBeGreaterThan(unit);
    expect(unit).toBeGreaterThan(other);
  });

  it('rewards language and format fit and penalises a mismatch', () => {
    const fits = scoreCandidate(candidate('a'), request).score;
    const wrongLanguage = scoreCandidate(candidate('b', { languages: ['en'] }), request).score;
    const digitalOnly = scoreCandidate(candidate('c', { formats: ['digital'] }), request).score;
    expect(fits).toBeGreaterThan(wrongLanguage);
    expect(fits).toBeGreaterThan(digitalOnly);
  });

  it('gives sector fit when the sector is among the wanted expertise', () => {
    expect(scoreCandidate(candidate('a', { sector: 'economics' }), request).reasons).toContainEqual({ code: 'sector', sector: 'economics' });
  });

  it('reads as a human explanation in both languages', () => {
    const match = scoreCandidate(candidate('a', { expertise: ['public policy'], programmes: [ECON] }), request);
    expect(describeReasons(match.reasons, createTranslator('en', 'Europe/Oslo'))).toBe(
      'expertise: public policy; MSc Economics 2016; speaks Norwegian; can take part: on campus',
    );
    expect(describeReasons(match.reasons, createTranslator('nb', 'Europe/Oslo'))).toBe(
      'kompetanse: public policy; Master i samfunnsøkonomi 2016; snakker norsk; kan delta: på campus',
    );
  });
});

describe('fairness', () => {
  it('lets a less-asked alumnus overtake an equally good one who was asked recently', () => {
    const often = candidate('a-often', { expertise: ['public policy'], recentAsks: 2 });
    const rarely = candidate('z-rarely', { expertise: ['public policy'], recentAsks: 0 });
    expect(rankCandidates([often, rarely], request, NOW, 2).map((m) => m.personId)).toEqual(['z-rarely', 'a-often']);
    expect(scoreCandidate(often, request).reasons).toContainEqual({ code: 'recent_asks', count: 2 });
  });

  it('does not let the penalty outweigh a clearly better fit', () => {
    const expert = candidate('expert', { expertise: ['public policy', 'economics'], programmes: [ECON], recentAsks: 1 });
    const novice = candidate('novice');
    expect(rankCandidates([novice, expert], request, NOW, 1)[0]?.personId).toBe('expert');
  });
});

describe('determinism', () => {
  it('gives the same ranking for the same input, whatever the input order', () => {
    const people = Array.from({ length: 50 }, (_, i) =>
      candidate(`p${String(i).padStart(2, '0')}`, { expertise: i % 3 === 0 ? ['economics'] : [], recentAsks: i % 4 }),
    );
    const forward = rankCandidates(people, request, NOW, 20);
    const backward = rankCandidates([...people].reverse(), request, NOW, 20);
    expect(backward).toEqual(forward);
  });

  it('breaks ties by who was asked least recently, never asked first', () => {
    const ranked = rankCandidates(
      [
        candidate('a', { lastAskedAt: new Date('2026-11-01T00:00:00Z') }),
        candidate('b', { lastAskedAt: new Date('2026-09-01T00:00:00Z') }),
        candidate('c'),
      ],
      request,
      NOW,
      3,
    );
    expect(ranked.map((m) => m.personId)).toEqual(['c', 'b', 'a']);
  });

  it('orders equally good, never asked people by a shuffle seeded by the request, not by id', () => {
    const people = Array.from({ length: 200 }, (_, i) => candidate(`p${String(i).padStart(3, '0')}`));
    const first = rankCandidates(people, request, NOW, 10).map((m) => m.personId);
    const again = rankCandidates([...people].reverse(), request, NOW, 10).map((m) => m.personId);
    const other = rankCandidates(people, { ...request, seed: 'request-2' }, NOW, 10).map((m) => m.personId);
    expect(again).toEqual(first);
    expect(first).not.toEqual(people.slice(0, 10).map((p) => p.personId));
    expect(other).not.toEqual(first);
    // Over many requests, the earliest sign-ups are not always first.
    const firsts = new Set(Array.from({ length: 50 }, (_, i) => rankCandidates(people, { ...request, seed: `r${i}` }, NOW, 1)[0]!.personId));
    expect(firsts.size).toBeGreaterThan(40);
  });

  it('compares a match with itself as equal', () => {
    const match = scoreCandidate(candidate('a'), request);
    expect(compareMatches(match, { ...match })).toBe(0);
  });
});

describe('waves', () => {
  it('invites needed × oversample first', () => {
    expect(invitationsToSend(2, 3, 0, 0)).toBe(6);
  });

  it('asks the next person after a decline, keeping the same number out', () => {
    expect(invitationsToSend(1, 3, 0, 2)).toBe(1);
  });

  it('keeps oversample out only for places still open', () => {
    expect(invitationsToSend(2, 3, 1, 5)).toBe(0);
    expect(invitationsToSend(2, 3, 1, 1)).toBe(2);
  });

  it('asks nobody once filled', () => {
    expect(invitationsToSend(2, 3, 2, 0)).toBe(0);
    expect(invitationsToSend(2, 3, 3, 0)).toBe(0);
  });
});
