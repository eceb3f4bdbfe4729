import { consentExpiresAt, consentStanding, oldestValidGivenAt, renewalReminderAt } from '../../../src/domain/privacy/consent-validity.ts';

describe('when a consent counts', () => {
  const givenAt = new Date('2025-03-31T10:00:00Z');

  it('lasts CONSENT_RENEW_MONTHS calendar months, with one reminder 30 days before', () => {
    expect(consentExpiresAt(givenAt, 24).toISOString()).toBe('2027-03-31T10:00:00.000Z');
    expect(renewalReminderAt(givenAt, 24).toISOString()).toBe('2027-03-01T10:00:00.000Z');
    expect(oldestValidGivenAt(new Date('2027-03-31T10:00:00Z'), 24).toISOString()).toBe(givenAt.toISOString());
  });

  it('counts while valid, and not for another text version or once expired', () => {
    expect(consentStanding({ givenAt, textVersion: 'v2' }, new Date('2026-01-01T00:00:00Z'), 'v2', 24)).toBe('valid');
    expect(consentStanding({ givenAt, textVersion: 'v1' }, new Date('2026-01-01T00:00:00Z'), 'v2', 24)).toBe('new_text');
    expect(consentStanding({ givenAt, textVersion: 'v2' }, new Date('2027-03-31T10:00:00Z'), 'v2', 24)).toBe('expired');
    expect(consentStanding({ givenAt, textVersion: 'v2' }, new Date('2027-03-31T09:59:59Z'), 'v2', 24)).toBe('valid');
  });
});
