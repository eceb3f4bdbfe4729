import { LINK_ALPHABET, linkCodeFromBytes, looksLikeLinkCode, normaliseLinkCode } from '../../../src/domain/privacy/link-code.ts';

describe('link codes', () => {
  it('are eight characters without look-alikes, shown as ABCD-EFGH', () => {
    const code = linkCodeFromBytes(Uint8Array.from([0, 1, 2, 3, 31, 32, 255, 100]));
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(code).toBe('ABCD-9A9E');
    expect(LINK_ALPHABET).not.toMatch(/[IO01]/);
  });

  it('are accepted however they are typed, and refused when they cannot be one', () => {
    expect(normaliseLinkCode(' abcd-9a9f ')).toBe('ABCD9A9F');
    expect(normaliseLinkCode('ABCD 9A9F')).toBe('ABCD9A9F');
    expect(normaliseLinkCode('ABCD-9A9')).toBeNull();
    expect(normaliseLinkCode('ABCD-0A9F')).toBeNull();
    expect(normaliseLinkCode('')).toBeNull();
  });

  it('are told apart from typed commands', () => {
    expect(looksLikeLinkCode('ABCD-9A9F')).toBe(true);
    expect(looksLikeLinkCode('abcd9a9f')).toBe(true);
    expect(looksLikeLinkCode('profile')).toBe(false);
    expect(looksLikeLinkCode('link ABCD-9A9F')).toBe(false);
    expect(looksLikeLinkCode('hjelp')).toBe(false);
  });
});
