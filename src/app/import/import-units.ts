// npm run cli -- import-units: units (faculty, departments, centres) from a CSV file with the
// columns code,name_nb,name_en,kind,parent_code. A parent may be earlier or later in the same
// file or already stored. Upserts by code; see run-import.ts for what happens on problems.
import type { AppContext, CatalogSnapshot, ImportedUnit } from '../../ports.ts';
import type { UnitInput } from '../support/catalog-input.ts';
import type { Actor } from '../support/actor.ts';
import { duplicateCodes, parseUnitRow, unitTreeProblems } from './catalog-rows.ts';
import { emptyCounts, type ImportOptions, type ImportReport } from './import-report.ts';
import { runImport, type Importer } from './run-import.ts';

const sameUnit = (a: ImportedUnit, b: ImportedUnit) => a.nameNb === b.nameNb && a.nameEn === b.nameEn && a.kind === b.kind && a.parentCode === b.parentCode;

const unitImporter: Importer<UnitInput> = {
  kind: 'units',
  columns: { required: ['code', 'name_nb', 'kind'], optional: ['name_en', 'parent_code'] },
  parseRow: parseUnitRow,
  checkRows: duplicateCodes,
  open(repos) {
    let snapshot: CatalogSnapshot | undefined;
    const stored = async () => (snapshot ??= await repos.imports.catalogSnapshot()).units;
    return {
      check: async (rows, rejected) => unitTreeProblems(rows.filter((row) => !rejected.has(row.row)), await stored()),
      async plan(rows) {
        const byCode = new Map((await stored()).map((unit) => [unit.code, unit]));
        const counts = emptyCounts();
        for (const { value } of rows) {
          const existing = byCode.get(value.code);
          counts[!existing ? 'created' : sameUnit(existing, value) ? 'unchanged' : 'updated'] += 1;
        }
        const units = rows.map(({ value }) => value);
        return {
          counts,
          warnings: [],
          total: units.length,
          async write(progress) {
            await repos.imports.writeUnits(units);
            progress(units.length);
          },
        };
      },
    };
  },
};

export function importUnits(ctx: AppContext, actor: Actor, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
  return runImport(ctx, actor, unitImporter, bytes, options);
}
