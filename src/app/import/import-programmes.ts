// npm run cli -- import-programmes: programmes from a CSV file with the columns
// code,name_nb,name_en,level,unit_code. The unit must already be stored (import the units
// first). Upserts by code; see run-import.ts for what happens on problems.
import type { AppContext, CatalogSnapshot, ImportedProgramme } from '../../ports.ts';
import type { ProgrammeInput } from '../support/catalog-input.ts';
import type { Actor } from '../support/actor.ts';
import { duplicateCodes, parseProgrammeRow } from './catalog-rows.ts';
import { emptyCounts, type ImportOptions, type ImportProblem, type ImportReport } from './import-report.ts';
import { runImport, type Importer } from './run-import.ts';

const sameProgramme = (a: ImportedProgramme, b: ImportedProgramme) => a.nameNb === b.nameNb && a.nameEn === b.nameEn && a.level === b.level && a.unitCode === b.unitCode;

const programmeImporter: Importer<ProgrammeInput> = {
  kind: 'programmes',
  columns: { required: ['code', 'name_nb', 'unit_code'], optional: ['name_en', 'level'] },
  parseRow: parseProgrammeRow,
  checkRows: duplicateCodes,
  open(repos) {
    let snapshot: CatalogSnapshot | undefined;
    const load = async () => (snapshot ??= await repos.imports.catalogSnapshot());
    return {
      async check(rows) {
        const units = new Set((await load()).units.map((unit) => unit.code));
        return rows.flatMap(({ row, value }): ImportProblem[] => (units.has(value.unitCode) ? [] : [{ row, column: 'unit_code', key: 'importer.problem.unknownUnit', params: { code: value.unitCode } }]));
      },
      async plan(rows) {
        const byCode = new Map((await load()).programmes.map((programme) => [programme.code, programme]));
        const counts = emptyCounts();
        for (const { value } of rows) {
          const existing = byCode.get(value.code);
          counts[!existing ? 'created' : sameProgramme(existing, value) ? 'unchanged' : 'updated'] += 1;
        }
        const programmes = rows.map(({ value }) => value);
        return {
          counts,
          warnings: [],
          total: programmes.length,
          async write(progress) {
            await repos.imports.writeProgrammes(programmes);
            progress(programmes.length);
          },
        };
      },
    };
  },
};

export function importProgrammes(ctx: AppContext, actor: Actor, bytes: Uint8Array, options: ImportOptions = {}): Promise<ImportReport> {
  return runImport(ctx, actor, programmeImporter, bytes, options);
}
