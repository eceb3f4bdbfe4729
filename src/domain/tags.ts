// Expertise tags are compared after normalisation: lower case, single spaces, no leading '#'
// or trailing punctuation, and a small list of synonyms folded to one form (Norwegian and
// English spellings of the same field meet).

export const MAX_TAG_LENGTH = 50;
export const MAX_TAGS = 30;

const SYNONYMS: Record<string, string> = {
  'offentlig politikk': 'public policy',
  'policy': 'public policy',
  'ai': 'artificial intelligence',
  'kunstig intelligens': 'artificial intelligence',
  'ki': 'artificial intelligence',
  'ml': 'machine learning',
  'maskinlæring': 'machine learning',
  'økonomi': 'economics',
  'samfunnsøkonomi': 'economics',
  'statsvitenskap': 'political science',
  'sosiologi': 'sociology',
  'psykologi': 'psychology',
  'hr': 'human resources',
  'personalledelse': 'human resources',
  'ledelse': 'leadership',
  'management': 'leadership',
  'bærekraft': 'sustainability',
  'klima': 'climate',
  'data science': 'data science',
  'datavitenskap': 'data science',
  'statistikk': 'statistics',
  'kommunikasjon': 'communication',
  'journalistikk': 'journalism',
  'internasjonal politikk': 'international relations',
  'ir': 'international relations',
  'offentlig forvaltning': 'public administration',
  'forvaltning': 'public administration',
  'entreprenørskap': 'entrepreneurship',
  'helse': 'health',
  'utdanning': 'education',
};

/** The comparable form of one tag, or null when nothing is left. */
export function normaliseTag(raw: string): string | null {
  const tag = raw
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^#+/, '')
    .replace(/[.,;:!?]+$/, '')
    .trim();
  if (tag === '') return null;
  return SYNONYMS[tag] ?? tag;
}

/** Normalised, de-duplicated, in first-seen order. Length limits are checked by validation. */
export function normaliseTags(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const item of raw) {
    const tag = normaliseTag(item);
    if (tag !== null) seen.add(tag);
  }
  return [...seen];
}

/** Splits typed text ("public policy, economics; HR") into raw tags. */
export function splitTagText(text: string): string[] {
  return text.split(/[,;\n]/).map((part) => part.trim()).filter((part) => part !== '');
}
