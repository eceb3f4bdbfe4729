// One check both platforms make on a parsed body before anything reads it: no NUL character
// anywhere (PostgreSQL cannot store one, and no chat client sends one) and no nesting deeper than
// any real payload, so a crafted body cannot reach the database or exhaust the stack.

const MAX_DEPTH = 32;

/** True when the body holds a NUL character in a key or a text, or nests deeper than MAX_DEPTH. */
export function isUnfitBody(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (typeof value !== 'object' || value === null) return false;
  if (depth >= MAX_DEPTH) return true;
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || isUnfitBody(item, depth + 1));
}
