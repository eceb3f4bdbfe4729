import { CATALOGS, chooseLocale, createTranslator, localeFromPlatform } from '../../../src/domain/i18n/translator.ts';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('catalogs', () => {
  const nb = flatten(CATALOGS.nb as unknown as Tree);
  const en = flatten(CATALOGS.en as unknown as Tree);

  it('have exactly the same keys in Norwegian and English', () => {
    expect([...nb.keys()].filter((key) => !en.has(key))).toEqual([]);
    expect([...en.keys()].filter((key) => !nb.has(key))).toEqual([]);
  });

  it('use the same placeholders for each key in both languages', () => {
    const differing = [...en.keys()].filter((key) => placeholders(en.get(key)!).join() !== placeholders(nb.get(key) ?? '').join());
    expect(differing).toEqual([]);
  });

  it('have no empty texts', () => {
    expect([...nb, ...en].filter(([, text]) => text.trim() === '')).toEqual([]);
  });
});

describe('translator', () => {
  const nb = createTranslator('nb', 'Europe/Oslo');
  const en = createTranslator('en', 'Europe/Oslo');

  it('interpolates and chooses plurals by the language rules', () => {
    expect(en.t('thread.invited', { count: 1 })).toBe('I have invited 1 person.');
    expect(en.t('thread.invited', { count: 3 })).toBe('I have invited 3 people.');
    expect(nb.t('thread.invited', { count: 1 })).toBe('Jeg har invitert 1 person.');
    expect(nb.t('thread.invited', { count: 4 })).toBe('Jeg har invitert 4 personer.');
  });

  it('formats dates for the language in the faculty time zone', () => {
    const lateEvening = new Date('2026-12-03T23:30:00Z');
    expect(nb.date(lateEvening)).toBe('4. desember 2026');
    expect(en.date(lateEvening)).toBe('4 December 2026');
    expect(nb.dateTime(new Date('2026-12-03T09:15:00Z'))).toContain('10:15');
  });

  it('joins lists the way each language does', () => {
    expect(nb.list(['a', 'b', 'c'])).toBe('a, b og c');
    expect(en.list(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

describe('choosing the language', () => {
  it('prefers the profile, then the platform locale, then the default', () => {
    expect(chooseLocale('en', 'nb-NO', 'nb')).toBe('en');
    expect(chooseLocale(null, 'en-US', 'nb')).toBe('en');
    expect(chooseLocale(null, 'de-DE', 'nb')).toBe('nb');
    expect(chooseLocale(undefined, undefined, 'en')).toBe('en');
  });

  it('reads Norwegian platform locales as bokmål', () => {
    expect(['nb-NO', 'nn-NO', 'no', 'NB_no'].map(localeFromPlatform)).toEqual(['nb', 'nb', 'nb', 'nb']);
  });
});
