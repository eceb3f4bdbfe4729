// npm run db:migrate: apply pending migrations to the configured database and exit.
// The service does the same at start; this is for deploy pipelines and checks.
import { ConfigError, loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { createLogger } from '../logger.ts';

async function main(): Promise<number> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === 'silent' ? 'silent' : 'info');
  const database = await openDatabase(config.database, logger);
  await database.close();
  console.log(`The ${database.kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database is up to date.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
