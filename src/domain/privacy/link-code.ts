// Link codes: eight characters from an alphabet without look-alikes (no I, O, 0, 1), shown as
// ABCD-EFGH and accepted however they are typed (case, spaces, dashes). 32^8 ≈ 10^12 codes,
// valid ten minutes and used once; only a hash is stored.

export const LINK_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const LINK_CODE_LENGTH = 8;

/** A code from random bytes (at least LINK_CODE_LENGTH of them), as ABCD-EFGH. */
export function linkCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < LINK_CODE_LENGTH) throw new Error('not enough random bytes for a link code');
  const chars = Array.from(bytes.slice(0, LINK_CODE_LENGTH), (byte) => LINK_ALPHABET[byte % LINK_ALPHABET.length]!);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

/** The code in its canonical form (upper case, no separators), or null when it cannot be one. */
export function normaliseLinkCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s\-_.]/g, '');
  if (compact.length !== LINK_CODE_LENGTH) return null;
  return [...compact].every((char) => LINK_ALPHABET.includes(char)) ? compact : null;
}

/** Whether a typed message looks like a link code (so it is not read as a command). */
export function looksLikeLinkCode(typed: string): boolean {
  return /^\s*[A-Za-z0-9]{4}[\s-]?[A-Za-z0-9]{4}\s*$/.test(typed) && normaliseLinkCode(typed) !== null;
}
