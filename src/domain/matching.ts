// Who is asked, and why. Hard filters first (consent for this kind of work, not paused,
// available on the date, under the per-term cap, not already asked for this request), then a
// score: wanted expertise the alumnus has, programme and sector fit, language and format fit,
// minus a fairness penalty for recent asks so the same few are not asked every time.
// Deterministic: equal input gives equal output. Equal scores go to whoever was asked least
// recently, then to a shuffle seeded by the request, so that among equally good people no one
// (such as the earliest sign-ups) is always first.
import type { Locale, RequestFormat, RequestType } from './vocabulary.ts';

export interface MatchRequest {
  /** Seeds the order among equally good candidates: the request's id. */
  seed: string;
  type: RequestType;
  unitId: string;
  programmeId: string | null;
  expertise: readonly string[];
  format: RequestFormat;
  language: Locale | null;
  startsAt: Date;
  endsAt: Date | null;
}

export interface CandidateProgramme {
  programmeId: string;
  unitId: string;
  nameNb: string;
  nameEn: string;
  graduationYear: number | null;
}

export interface Candidate {
  personId: string;
  expertise: readonly string[];
  sector: string | null;
  languages: readonly string[];
  formats: readonly RequestFormat[];
  programmes: readonly CandidateProgramme[];
  /** Purposes of the current (not withdrawn) consent; null when there is none. */
  consentPurposes: readonly RequestType[] | null;
  engagementTypes: readonly RequestType[];
  pausedUntil: Date | null;
  availableFrom: Date | null;
  availableUntil: Date | null;
  maxAsksPerTerm: number;
  /** Invitations actually sent (or queued) to this person in the current term. */
  asksThisTerm: number;
  /** Invitations sent to this person within the fairness window. */
  recentAsks: number;
  /** When this person was last asked (within the fairness window); null when not. */
  lastAskedAt: Date | null;
  alreadyInvited: boolean;
}

export type Exclusion = 'no_consent' | 'not_welcome' | 'paused' | 'unavailable' | 'cap_reached' | 'already_invited';

export type MatchReason =
  | { code: 'expertise'; tags: string[] }
  | { code: 'programme'; nameNb: string; nameEn: string; year: number | null }
  | { code: 'unit' }
  | { code: 'sector'; sector: string }
  | { code: 'language'; language: Locale }
  | { code: 'format'; format: RequestFormat }
  | { code: 'recent_asks'; count: number };

export interface Match {
  personId: string;
  score: number;
  reasons: MatchReason[];
  lastAskedAt: Date | null;
  /** Position among equals: a hash of the request's seed and the person. */
  tiebreak: number;
}

export const WEIGHTS = {
  /** Spread over the wanted tags: having all of them gives this much. */
  expertise: 6,
  programme: 3,
  unit: 1,
  sector: 1,
  language: 1,
  languageMismatch: -2,
  format: 0.5,
  formatMismatch: -3,
  recentAsk: -0.75,
} as const;

/** How far back an ask counts against fairness. */
export const FAIRNESS_WINDOW_DAYS = 180;

export function hasConsentFor(purposes: readonly RequestType[] | null, type: RequestType): boolean {
  return purposes !== null && purposes.includes(type);
}

/** Why this candidate may not be asked for this request; empty when they may. */
export function exclusionsFor(candidate: Candidate, request: MatchRequest, now: Date): Exclusion[] {
  const out: Exclusion[] = [];
  if (!hasConsentFor(candidate.consentPurposes, request.type)) out.push('no_consent');
  if (!candidate.engagementTypes.includes(request.type)) out.push('not_welcome');
  if (candidate.pausedUntil !== null && candidate.pausedUntil > now) out.push('paused');
  const ends = request.endsAt ?? request.startsAt;
  const startsTooEarly = candidate.availableFrom !== null && request.startsAt < candidate.availableFrom;
  const endsTooLate = candidate.availableUntil !== null && ends > candidate.availableUntil;
  if (startsTooEarly || endsTooLate) out.push('unavailable');
  if (candidate.asksThisTerm >= candidate.maxAsksPerTerm) out.push('cap_reached');
  if (candidate.alreadyInvited) out.push('already_invited');
  return out;
}

// The fits push their reason into `reasons` and return their points (no objects in between:
// rankCandidates scores every candidate of the pool, a few hundred per request).
function formatFit(candidate: Candidate, request: MatchRequest, reasons: MatchReason[]): number {
  if (request.format === 'either') return 0;
  if (!candidate.formats.includes(request.format)) return WEIGHTS.formatMismatch;
  reasons.push({ code: 'format', format: request.format });
  return WEIGHTS.format;
}

function languageFit(candidate: Candidate, request: MatchRequest, reasons: MatchReason[]): number {
  if (request.language === null) return 0;
  if (!candidate.languages.includes(request.language)) return WEIGHTS.languageMismatch;
  reasons.push({ code: 'language', language: request.language });
  return WEIGHTS.language;
}

function programmeFit(candidate: Candidate, request: MatchRequest, reasons: MatchReason[]): number {
  for (const same of candidate.programmes) {
    if (request.programmeId === null || same.programmeId !== request.programmeId) continue;
    reasons.push({ code: 'programme', nameNb: same.nameNb, nameEn: same.nameEn, year: same.graduationYear });
    return WEIGHTS.programme;
  }
  for (const programme of candidate.programmes) {
    if (programme.unitId !== request.unitId) continue;
    reasons.push({ code: 'unit' });
    return WEIGHTS.unit;
  }
  return 0;
}

function fnv1a(hash: number, text: string): number {
  let out = hash;
  for (let i = 0; i < text.length; i += 1) out = Math.imul(out ^ text.charCodeAt(i), 0x01000193);
  return out;
}

/** FNV-1a (32 bit) of `${seed}:${personId}`: a stable, well-spread number for the seeded shuffle. */
export function seededRank(seed: string, personId: string): number {
  return fnv1a(fnv1a(fnv1a(0x811c9dc5, seed), ':'), personId) >>> 0;
}

/** The score and the reasons for it, for a candidate that passed the filters. */
export function scoreCandidate(candidate: Candidate, request: MatchRequest): Match {
  const reasons: MatchReason[] = [];
  let score = 0;
  const matched = request.expertise.filter((tag) => candidate.expertise.includes(tag));
  if (matched.length > 0) {
    score += (WEIGHTS.expertise * matched.length) / request.expertise.length;
    reasons.push({ code: 'expertise', tags: matched });
  }
  if (candidate.sector !== null && request.expertise.includes(candidate.sector)) {
    score += WEIGHTS.sector;
    reasons.push({ code: 'sector', sector: candidate.sector });
  }
  score += programmeFit(candidate, request, reasons);
  score += languageFit(candidate, request, reasons);
  score += formatFit(candidate, request, reasons);
  if (candidate.recentAsks > 0) {
    score += WEIGHTS.recentAsk * candidate.recentAsks;
    reasons.push({ code: 'recent_asks', count: candidate.recentAsks });
  }
  return {
    personId: candidate.personId,
    score: Math.round(score * 1000) / 1000,
    reasons,
    lastAskedAt: candidate.lastAskedAt,
    tiebreak: seededRank(request.seed, candidate.personId),
  };
}

/**
 * Best first. Equal scores: asked least recently first (never asked before anyone asked), then
 * the request's seeded shuffle, then person id; so the same input always gives the same list.
 */
export function compareMatches(a: Match, b: Match): number {
  if (b.score !== a.score) return b.score - a.score;
  const lastA = a.lastAskedAt?.getTime() ?? -Infinity;
  const lastB = b.lastAskedAt?.getTime() ?? -Infinity;
  if (lastA !== lastB) return lastA < lastB ? -1 : 1;
  if (a.tiebreak !== b.tiebreak) return a.tiebreak - b.tiebreak;
  return a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0;
}

/** Filters, scores and ranks; returns at most `limit` matches. */
export function rankCandidates(candidates: readonly Candidate[], request: MatchRequest, now: Date, limit: number): Match[] {
  const matches: Match[] = [];
  for (const candidate of candidates) {
    if (exclusionsFor(candidate, request, now).length === 0) matches.push(scoreCandidate(candidate, request));
  }
  matches.sort(compareMatches);
  matches.length = Math.min(matches.length, Math.max(0, limit));
  return matches;
}

/**
 * How many more people to invite now. The bot keeps `oversample` invitations out for every
 * place not yet taken: the first wave is needed × oversample; after a decline or an expiry
 * the next candidates fill the gap.
 */
export function invitationsToSend(needed: number, oversample: number, committed: number, pending: number): number {
  const placesLeft = Math.max(0, needed - committed);
  return Math.max(0, placesLeft * oversample - pending);
}
