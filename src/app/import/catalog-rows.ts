// Units and programmes from CSV rows: the same schemas as the chat forms (unitInput,
// programmeInput), with the CSV's column names, and the checks across rows (duplicate codes,
// parents that exist, no cycles).
import { programmeInput, unitInput, type ProgrammeInput, type UnitInput } from '../support/catalog-input.ts';
import { parseInput } from '../support/validation.ts';
import { duplicateProblems, type ImportProblem } from './import-report.ts';
import type { CsvRow } from './read-csv.ts';
import { rowProblems, type Numbered } from './run-import.ts';

const COLUMN_OF: Record<string, string> = { code: 'code', nameNb: 'name_nb', nameEn: 'name_en', kind: 'kind', parentCode: 'parent_code', level: 'level', unitCode: 'unit_code' };
const columnOf = (field: string) => COLUMN_OF[field] ?? field;

export function parseUnitRow({ row, values }: CsvRow): Numbered<UnitInput> | ImportProblem[] {
  try {
    const unit = parseInput(unitInput, { code: values.code, nameNb: values.name_nb, nameEn: values.name_en, kind: values.kind, parentCode: values.parent_code });
    if (unit.parentCode === unit.code) return [{ row, column: 'parent_code', key: 'validation.ownParent' }];
    return { row, value: unit };
  } catch (error) {
    return rowProblems(row, error, columnOf);
  }
}

export function parseProgrammeRow({ row, values }: CsvRow): Numbered<ProgrammeInput> | ImportProblem[] {
  try {
    return { row, value: parseInput(programmeInput, { code: values.code, nameNb: values.name_nb, nameEn: values.name_en, level: values.level, unitCode: values.unit_code }) };
  } catch (error) {
    return rowProblems(row, error, columnOf);
  }
}

export function duplicateCodes<T extends { code: string }>(rows: readonly Numbered<T>[]): ImportProblem[] {
  return duplicateProblems(rows, (row) => row.value.code, 'code', 'importer.problem.duplicateCode');
}

/** The chain of parents from `code` back to itself, or null when it ends at a root. */
function cycleFrom(code: string, parentOf: ReadonlyMap<string, string | null>): string[] | null {
  const path = [code];
  const seen = new Set(path);
  for (let current = parentOf.get(code) ?? null; current !== null; current = parentOf.get(current) ?? null) {
    path.push(current);
    if (current === code) return path;
    if (seen.has(current)) return null;
    seen.add(current);
  }
  return null;
}

/**
 * Parents must be a unit of the file (accepted) or of the database, and no unit may end up its
 * own ancestor. A rejected row can orphan its children, so this repeats until nothing changes.
 */
export function unitTreeProblems(rows: readonly Numbered<UnitInput>[], stored: readonly { code: string; parentCode: string | null }[]): ImportProblem[] {
  const problems: ImportProblem[] = [];
  let accepted = [...rows];
  for (let changed = true; changed; ) {
    const parentOf = new Map<string, string | null>(stored.map((unit) => [unit.code, unit.parentCode]));
    for (const row of accepted) parentOf.set(row.value.code, row.value.parentCode);
    const before = problems.length;
    for (const { row, value } of accepted) {
      if (value.parentCode !== null && !parentOf.has(value.parentCode)) {
        problems.push({ row, column: 'parent_code', key: 'importer.problem.unknownParent', params: { code: value.parentCode } });
        continue;
      }
      const cycle = cycleFrom(value.code, parentOf);
      if (cycle) problems.push({ row, column: 'parent_code', key: 'importer.problem.parentCycle', params: { path: cycle.join(' → ') } });
    }
    const rejected = new Set(problems.map((problem) => problem.row));
    accepted = accepted.filter((row) => !rejected.has(row.row));
    changed = problems.length > before;
  }
  return problems;
}
