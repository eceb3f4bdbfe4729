// import-alumni <file.csv> [--dry-run] [--skip-invalid] [--slack-team <id>] [--teams-tenant <id>]
import { importAlumni } from '../../app/import/import-alumni.ts';
import type { CliCommand } from '../cli-types.ts';
import { UsageError } from '../cli-types.ts';
import { parseImportArgs, printReport, readImportFile, withProgress } from './import-output.ts';

const optionalId = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value.trim() : undefined);

export const importAlumniCommand: CliCommand = {
  name: 'import-alumni',
  usage: '<file.csv> [--dry-run] [--skip-invalid] [--slack-team <id>] [--teams-tenant <id>]',
  summary: 'importer.alumni.summary',
  async run(argv, cli) {
    const args = parseImportArgs(argv, cli.tr, 'importer.alumni.usage', ['slack-team', 'teams-tenant']);
    const slackTeam = optionalId(args.values['slack-team']);
    const teamsTenant = optionalId(args.values['teams-tenant']);
    if (slackTeam === '' || teamsTenant === '') throw new UsageError(cli.tr.t('importer.alumni.usage'));
    const bytes = await readImportFile(cli.io, cli.tr, args.file);
    if (!bytes) return 1;
    const options = { ...withProgress(cli.io, cli.tr, args), ...(slackTeam ? { slackTeam } : {}), ...(teamsTenant ? { teamsTenant } : {}) };
    return printReport(cli, await importAlumni(cli.ctx, cli.actor, bytes, options), args);
  },
};
