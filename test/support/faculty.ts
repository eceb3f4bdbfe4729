// Sets up the faculty of a fresh install the way an admin does: by the CLI, from CSV files.
// Run it before the service starts (the embedded database serves one process at a time).
import { memoryIo } from '../../src/cli/cli-io.ts';
import { runCli } from '../../src/cli/run-cli.ts';

export const TEST_UNITS = 'code,name_nb,name_en,kind,parent_code\nECON,Økonomisk institutt,Department of Economics,department,\n';
export const TEST_PROGRAMMES = 'code,name_nb,name_en,level,unit_code\nMSC-ECON,Master i samfunnsøkonomi,MSc Economics,master,ECON\n';

/** Runs `npm run cli -- <argv>` in-process against the database in `env`; throws on a non-zero exit. */
export async function cli(env: Record<string, string>, argv: string[], files: Record<string, string> = {}): Promise<string> {
  const io = memoryIo(files);
  const code = await runCli(argv, io, env);
  if (code !== 0) throw new Error(`npm run cli -- ${argv.join(' ')} exited ${code}: ${io.stderr.join('\n')}`);
  return io.stdout.join('\n');
}

/** One department (ECON) with one programme (MSC-ECON), imported by the CLI. */
export async function importTestFaculty(env: Record<string, string>): Promise<void> {
  await cli(env, ['import-units', 'units.csv'], { 'units.csv': TEST_UNITS });
  await cli(env, ['import-programmes', 'programmes.csv'], { 'programmes.csv': TEST_PROGRAMMES });
}
