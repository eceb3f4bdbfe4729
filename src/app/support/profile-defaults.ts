import type { ProfileData } from '../../ports.ts';

/** A new alumnus: no tags yet, both formats, the default cap of three asks per term. */
export function emptyProfile(): ProfileData {
  return {
    employer: null,
    sector: null,
    expertise: [],
    languages: ['nb'],
    region: null,
    engagementTypes: [],
    formats: ['campus', 'digital'],
    availableFrom: null,
    availableUntil: null,
    maxAsksPerTerm: 3,
    pausedUntil: null,
    programmes: [],
  };
}
