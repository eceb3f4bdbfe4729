// Translators are built once per language and time zone and shared by every request.
import { createTranslator } from '../../../src/domain/i18n/translator.ts';

describe('shared translators', () => {
  it('are the same object for the same language and zones, and another one otherwise', () => {
    const nb = createTranslator('nb', 'Europe/Oslo');
    expect(createTranslator('nb', 'Europe/Oslo')).toBe(nb);
    expect(createTranslator('nb', 'Europe/Oslo', 'Europe/Oslo')).toBe(nb);
    expect(createTranslator('en', 'Europe/Oslo')).not.toBe(nb);
    expect(createTranslator('nb', 'America/New_York', 'Europe/Oslo')).not.toBe(nb);
  });

  it('cannot be changed by one caller for the others', () => {
    const tr = createTranslator('en', 'Europe/Oslo');
    expect(() => Object.assign(tr, { locale: 'nb' })).toThrow(TypeError);
    expect(createTranslator('en', 'Europe/Oslo').locale).toBe('en');
  });

  it('still read dates in each reader\'s own zone, named when it is not the faculty\'s', () => {
    const at = new Date('2026-12-03T23:30:00Z');
    expect(createTranslator('en', 'Europe/Oslo').date(at)).toBe('4 December 2026');
    expect(createTranslator('en', 'America/New_York', 'Europe/Oslo').date(at)).toBe('3 December 2026 (America/New York)');
    expect(createTranslator('nb', 'Europe/Oslo').date(at)).toBe('4. desember 2026');
  });
});
