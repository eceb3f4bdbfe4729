// The process: read the configuration, start the service, stop it on SIGTERM/SIGINT (installed
// before the start, so a signal during start-up is honoured too). Start-up problems end with
// exit code 1 and one clear line; secrets are never printed. Failures nobody handled are
// logged and counted, or, for an exception that reached the top, stop the service in order.
// The embedded database takes about a second to start its PostgreSQL, about as long as the
// rest of the service takes to load: it is started first, from the configuration alone, and
// everything else is imported while it starts (so nothing but the configuration is imported
// statically here), the platform SDKs included. The service's open of the database takes the
// started one over, and its imports of the platforms find them loaded.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DatabaseStartError } from './db/errors.ts';

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

/** Loads the platform SDKs this configuration turns on (the service loads them only after the database is open). */
async function preloadPlatforms(config: Config): Promise<void> {
  const { teamsOffReason } = await import('./platforms/teams/availability.ts');
  await Promise.all([
    config.slack ? import('./platforms/slack/app.ts') : undefined,
    teamsOffReason(config.teams, config.nodeEnv) ? undefined : import('./platforms/teams/app.ts'),
  ]);
}

async function main(): Promise<void> {
  const config = readConfig();
  if (config.database.kind === 'pglite') (await import('./db/pglite.ts')).startPgliteEarly(config.database.dataDir);
  const [{ createShutdown }, { createLogger, routeProcessWarnings, safeError }, { createMetrics }, { guardProcess }] = await Promise.all([
    import('./lifecycle.ts'),
    import('./logger.ts'),
    import('./metrics.ts'),
    import('./process-guards.ts'),
  ]);
  const logger = createLogger(config.logLevel);
  const metrics = createMetrics({ defaults: true });
  routeProcessWarnings(logger);
  const shutdown = createShutdown(logger, { timeoutMs: config.shutdownTimeoutMs });
  guardProcess(logger, (reason) => shutdown.stop(reason, 1), { metrics });
  try {
    const { startService } = await import('./service.ts');
    if (config.database.kind === 'pglite') await preloadPlatforms(config);
    const service = await startService(config, logger, { metrics });
    shutdown.ready(service.stopSteps);
  } catch (error) {
    if (error instanceof DatabaseStartError) {
      logger.fatal({ code: error.code }, error.message);
    } else {
      logger.fatal({ err: safeError(error) }, 'could not start');
    }
    process.exit(1);
  }
}

void main();
