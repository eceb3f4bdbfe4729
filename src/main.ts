// The process: read the configuration, start the service, stop it on SIGTERM/SIGINT.
// Start-up problems end with exit code 1 and one clear line; secrets are never printed.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DatabaseStartError } from './db/errors.ts';
import { onShutdownSignal } from './lifecycle.ts';
import { createLogger, routeProcessWarnings, safeError, type Logger } from './logger.ts';
import { startService } from './service.ts';

function readConfig(): Config {
  // A local .env file, if present, fills in variables the environment does not set.
  if (existsSync('.env')) process.loadEnvFile('.env');
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee .env.example and the README's configuration table.\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** An error nobody awaited is logged (one JSON line, no stack), then the process exits as Node would. */
function stopOnUnexpectedErrors(logger: Logger): void {
  const stop = (reason: unknown) => {
    logger.fatal({ err: safeError(reason) }, 'an unexpected error stopped the bot');
    logger.flush();
    process.exit(1);
  };
  process.on('unhandledRejection', stop);
  process.on('uncaughtException', stop);
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  routeProcessWarnings(logger);
  stopOnUnexpectedErrors(logger);
  try {
    const service = await startService(config, logger);
    onShutdownSignal(logger, service.stopSteps);
  } catch (error) {
    if (error instanceof DatabaseStartError) {
      logger.fatal({ code: error.code }, error.message);
    } else {
      logger.fatal({ err: safeError(error) }, 'could not start');
    }
    logger.flush();
    process.exit(1);
  }
}

void main();
