// The shape every CSV import shares: read the file, check each row, check the rows against
// each other and against the database, then either refuse (listing every problem), report what
// would happen (dry run), or write everything in one transaction with one audit entry.
import { DomainError } from '../../domain/errors.ts';
import type { AppContext, Repositories } from '../../ports.ts';
import { requireRole, type Actor } from '../support/actor.ts';
import {
  IMPORT_TRANSACTION_TIMEOUT_MS,
  progressReporter,
  refusedReport,
  sortProblems,
  type ConsentCounts,
  type IdentityCounts,
  type ImportCounts,
  type ImportKind,
  type ImportOptions,
  type ImportProblem,
  type ImportReport,
} from './import-report.ts';
import { readCsv, type CsvColumns, type CsvRow } from './read-csv.ts';

export interface Numbered<T> {
  row: number;
  value: T;
}

export interface ImportPlan {
  counts: ImportCounts;
  consents?: ConsentCounts;
  identities?: IdentityCounts;
  warnings: ImportProblem[];
  /** How many units of work `write` reports progress over. */
  total: number;
  write(progress: (done: number) => void): Promise<void>;
}

export interface ImportSession<T> {
  /** Problems only the database can show (unknown codes, cycles through stored units); `rejected` already have others. */
  check(rows: readonly Numbered<T>[], rejected: ReadonlySet<number>): Promise<ImportProblem[]>;
  /** What importing these valid rows does, and the writes that do it. */
  plan(rows: readonly Numbered<T>[]): Promise<ImportPlan>;
}

export interface Importer<T> {
  kind: ImportKind;
  columns: CsvColumns;
  /** One row to its value, or its problems (pure). */
  parseRow(row: CsvRow, now: Date): Numbered<T> | ImportProblem[];
  /** Problems across rows of the file: duplicates (pure). */
  checkRows(rows: readonly Numbered<T>[]): ImportProblem[];
  open(repos: Repositories, now: Date): ImportSession<T>;
}

/** Turns a use case's validation error into row problems, with fields named as CSV columns. */
export function rowProblems(row: number, error: unknown, columnOf: (field: string) => string = (field) => field): ImportProblem[] {
  if (!(error instanceof DomainError) || error.code !== 'validation') throw error;
  const seen = new Set<string>();
  return (error.details.fields ?? []).flatMap((problem) => {
    // "languages.2" is the languages column: one problem per column is enough.
    const column = columnOf(problem.field.split('.')[0] ?? problem.field);
    if (seen.has(column)) return [];
    seen.add(column);
    return [{ row, column, key: problem.key, ...(problem.params ? { params: problem.params } : {}) }];
  });
}

function rejectedRows(problems: readonly ImportProblem[]): Set<number> {
  return new Set(problems.flatMap((problem) => (problem.row === null ? [] : [problem.row])));
}

function parseAll<T>(importer: Importer<T>, rows: readonly CsvRow[], now: Date, options: ImportOptions) {
  const valid: Numbered<T>[] = [];
  const problems: ImportProblem[] = [];
  const progress = progressReporter(options, 'checking', rows.length);
  rows.forEach((row, index) => {
    const result = importer.parseRow(row, now);
    if (Array.isArray(result)) problems.push(...result);
    else valid.push(result);
    progress(index + 1);
  });
  return { valid, problems };
}

export async function runImport<T>(ctx: AppContext, actor: Actor, importer: Importer<T>, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
  requireRole(actor, 'admin');
  const table = readCsv(bytes, importer.columns);
  if (!table.ok) return refusedReport(importer.kind, table.problem);
  const now = ctx.clock.now();
  const parsed = parseAll(importer, table.rows, now, options);
  const problems = [...table.problems, ...parsed.problems, ...importer.checkRows(parsed.valid)];
  return ctx.store.transaction(
    async (repos) => {
      const session = importer.open(repos, now);
      problems.push(...(await session.check(parsed.valid, rejectedRows(problems))));
      const rejected = rejectedRows(problems);
      const base = { kind: importer.kind, rows: table.rows.length + table.problems.length, rejected: rejected.size, problems: sortProblems(problems) };
      if (problems.length > 0 && !options.skipInvalid) return { ...base, outcome: 'refused', warnings: [], counts: { created: 0, updated: 0, unchanged: 0 } } satisfies ImportReport;
      const plan = await session.plan(parsed.valid.filter((row) => !rejected.has(row.row)));
      const report: ImportReport = { ...base, outcome: options.dryRun ? 'checked' : 'imported', warnings: sortProblems(plan.warnings), counts: plan.counts, ...(plan.consents ? { consents: plan.consents } : {}), ...(plan.identities ? { identities: plan.identities } : {}) };
      if (options.dryRun) return report;
      await plan.write(progressReporter(options, 'writing', plan.total));
      await repos.audit.record({
        actorId: actor.personId,
        action: `import.${importer.kind}`,
        subjectType: 'import',
        details: { rows: report.rows, rejected: report.rejected, warnings: report.warnings.length, ...plan.counts, ...(plan.consents ? { consents: plan.consents } : {}), ...(plan.identities ? { identities: plan.identities } : {}) },
      });
      return report;
    },
    { timeoutMs: IMPORT_TRANSACTION_TIMEOUT_MS },
  );
}
