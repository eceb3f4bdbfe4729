// npm run cli -- <command> [arguments]. Uses the same DATABASE_URL / DATA_DIR as the server
// (and applies pending migrations, as the server does). Exit code 0 on success, 1 with one clear
// message on any problem. Every sentence comes from the catalogs, in DEFAULT_LOCALE.
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { DatabaseStartError } from '../db/errors.ts';
import { operatorActor } from '../app/support/actor.ts';
import { DomainError } from '../domain/errors.ts';
import { describeError } from '../domain/i18n/describe-error.ts';
import { createTranslator, type Translator } from '../domain/i18n/translator.ts';
import { createLogger, safeError } from '../logger.ts';
import { coreContext } from '../service.ts';
import { CLI_COMMANDS } from './commands/index.ts';
import type { CliCommand, CliIo } from './cli-types.ts';
import { UsageError } from './cli-types.ts';

export function helpText(tr: Translator, commands: readonly CliCommand[] = CLI_COMMANDS): string {
  const width = Math.max(...commands.map((command) => `${command.name} ${command.usage}`.length));
  return [
    tr.t('cli.usage'),
    '',
    ...commands.map((command) => `  ${`${command.name} ${command.usage}`.padEnd(width)}  ${tr.t(command.summary)}`),
    '',
    tr.t('cli.database'),
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return io.err(error.message), 1;
    throw error;
  }
  const tr = createTranslator(config.defaultLocale, config.timeZone);
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.out(helpText(tr));
    return 0;
  }
  const command = CLI_COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    io.err(tr.t('cli.unknownCommand', { name }));
    io.err(helpText(tr));
    return 1;
  }
  let database;
  try {
    database = await openDatabase(config.database, createLogger('silent'));
  } catch (error) {
    if (error instanceof DatabaseStartError && error.code === 'data_dir_in_use') io.err(tr.t('cli.dataDirInUse', error.params));
    else io.err(error instanceof DatabaseStartError ? error.message : tr.t('cli.databaseFailed'));
    return 1;
  }
  try {
    return await command.run(args, { ctx: coreContext(config, database), tr, io, actor: operatorActor(config.defaultLocale) });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(error.message);
      io.err(`${tr.t('cli.usageOf')} npm run cli -- ${command.name} ${command.usage}`);
    } else if (error instanceof DomainError && error.code === 'validation') {
      // The command line has no form fields: say only what is wrong.
      io.err((error.details.fields ?? []).map((field) => tr.t(field.key, field.params)).join(' '));
    } else {
      io.err(describeError(error, tr));
      if (!(error instanceof DomainError)) io.err(JSON.stringify(safeError(error)));
    }
    return 1;
  } finally {
    await database.close();
  }
}
