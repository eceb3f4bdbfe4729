// import-programmes <file.csv> [--dry-run] [--skip-invalid]
import { importProgrammes } from '../../app/import/import-programmes.ts';
import type { CliCommand } from '../cli-types.ts';
import { parseImportArgs, printReport, readImportFile, withProgress } from './import-output.ts';

export const importProgrammesCommand: CliCommand = {
  name: 'import-programmes',
  usage: '<file.csv> [--dry-run] [--skip-invalid]',
  summary: 'importer.programmes.summary',
  async run(argv, cli) {
    const args = parseImportArgs(argv, cli.tr, 'importer.programmes.usage');
    const bytes = await readImportFile(cli.io, cli.tr, args.file);
    if (!bytes) return 1;
    return printReport(cli, await importProgrammes(cli.ctx, cli.actor, bytes, withProgress(cli.io, cli.tr, args)), args);
  },
};
