// What an import says back: how many rows, what was (or would be) created, updated or left
// alone, and every problem with its row number (the header is row 1), column and catalog key.
export type ImportKind = 'units' | 'programmes' | 'alumni';

export interface ImportProblem {
  /** Spreadsheet row (header = 1), or null for the file as a whole. */
  row: number | null;
  /** The CSV column, when the problem is in one. */
  column?: string;
  key: string;
  params?: Record<string, string | number>;
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ConsentCounts {
  /** Consents recorded from the file (the person had none). */
  created: number;
  /** Earlier imported consents replaced because the file now says something else. */
  replaced: number;
  unchanged: number;
  /** Rows whose person chose in chat (gave or withdrew consent): their choice stays. */
  keptOwnChoice: number;
  /** Rows without consent: stored, never contacted until they consent in chat. */
  without: number;
}

export interface IdentityCounts {
  linked: number;
  alreadyLinked: number;
  /** The user id belongs to someone else: reported as a warning, not linked. */
  conflicts: number;
}

export interface ImportReport {
  kind: ImportKind;
  /** refused: nothing written (file or row problems); checked: a dry run; imported: committed. */
  outcome: 'refused' | 'checked' | 'imported';
  /** Data rows in the file (blank rows not counted). */
  rows: number;
  /** Rows with at least one problem (not imported). */
  rejected: number;
  problems: ImportProblem[];
  warnings: ImportProblem[];
  counts: ImportCounts;
  consents?: ConsentCounts;
  identities?: IdentityCounts;
}

export type ImportStage = 'checking' | 'writing';

export interface ImportOptions {
  dryRun?: boolean;
  /** Import the valid rows even when others have problems (which are still listed). */
  skipInvalid?: boolean;
  onProgress?: (stage: ImportStage, done: number, total: number) => void;
}

/** Imports may run for minutes on a large file; they still commit as one transaction. */
export const IMPORT_TRANSACTION_TIMEOUT_MS = 15 * 60_000;

export function emptyCounts(): ImportCounts {
  return { created: 0, updated: 0, unchanged: 0 };
}

export function refusedReport(kind: ImportKind, problem: ImportProblem): ImportReport {
  return { kind, outcome: 'refused', rows: 0, rejected: 0, problems: [problem], warnings: [], counts: emptyCounts() };
}

/**
 * Rows that share a key (a code, an e-mail, a user id): every one of them gets a problem naming
 * the others, since the file does not say which of them is right.
 */
export function duplicateProblems<T extends { row: number }>(items: readonly T[], keyOf: (item: T) => string | null, column: string, key: string): ImportProblem[] {
  const rowsByKey = new Map<string, number[]>();
  for (const item of items) {
    const value = keyOf(item);
    if (value === null || value === '') continue;
    const rows = rowsByKey.get(value);
    if (rows) rows.push(item.row);
    else rowsByKey.set(value, [item.row]);
  }
  const problems: ImportProblem[] = [];
  for (const [value, rows] of rowsByKey) {
    if (rows.length < 2) continue;
    for (const row of rows) problems.push({ row, column, key, params: { value, rows: rows.filter((other) => other !== row).join(', ') } });
  }
  return problems;
}

/** Problems sorted by row (file problems first), for listing. */
export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  return [...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

/** Calls `onProgress` about a hundred times over `total`, and at the end. */
export function progressReporter(options: ImportOptions, stage: ImportStage, total: number): (done: number) => void {
  const step = Math.max(1, Math.floor(total / 100));
  let last = -1;
  options.onProgress?.(stage, 0, total);
  return (done) => {
    if (done === total || done - last >= step) {
      last = done;
      options.onProgress?.(stage, done, total);
    }
  };
}
