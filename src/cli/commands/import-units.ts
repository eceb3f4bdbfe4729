// import-units <file.csv> [--dry-run] [--skip-invalid]
import { importUnits } from '../../app/import/import-units.ts';
import type { CliCommand } from '../cli-types.ts';
import { parseImportArgs, printReport, readImportFile, withProgress } from './import-output.ts';

export const importUnitsCommand: CliCommand = {
  name: 'import-units',
  usage: '<file.csv> [--dry-run] [--skip-invalid]',
  summary: 'importer.units.summary',
  async run(argv, cli) {
    const args = parseImportArgs(argv, cli.tr, 'importer.units.usage');
    const bytes = await readImportFile(cli.io, cli.tr, args.file);
    if (!bytes) return 1;
    return printReport(cli, await importUnits(cli.ctx, cli.actor, bytes, withProgress(cli.io, cli.tr, args)), args);
  },
};
