// What the start log says about choices an operator should know they made: the embedded database
// in production, and who can reach the port (loopback, or every interface while Teams runs
// unauthenticated).
import { LOOPBACK, type Config } from './config.ts';
import type { Logger } from './logger.ts';

const LOOPBACK_ADDRESSES = new Set([LOOPBACK, '::1', 'localhost']);

export function warnAboutConfig(logger: Logger, config: Config): void {
  if (config.nodeEnv === 'production' && config.database.kind === 'pglite') {
    logger.warn('NODE_ENV is production but DATABASE_URL is not set: the embedded database serves one process only, with its data in DATA_DIR. Set DATABASE_URL to a PostgreSQL server for production.');
  }
  if (config.nodeEnv === 'production' && !config.privacyKeySet) {
    logger.warn('NODE_ENV is production but PRIVACY_HASH_KEY is not set: the hashes kept after an erasure use a key anyone can read in the source. Set PRIVACY_HASH_KEY to a random secret (see docs/privacy.md).');
  }
}

/** Says who can reach the server; warns when the unauthenticated Teams endpoint is reachable from other machines. */
export function logListeningScope(logger: Logger, config: Config, address: string): void {
  const loopback = LOOPBACK_ADDRESSES.has(address);
  const teamsOpen = !config.teams.appId && config.nodeEnv !== 'production';
  if (loopback) {
    logger.info({ host: address }, `listening on loopback only: only this machine can reach the port${config.host ? '' : ' (set HOST to listen elsewhere)'}`);
  } else if (teamsOpen) {
    logger.warn({ host: address }, 'HOST exposes the unauthenticated Teams endpoint beyond this machine: anyone who reaches the port can act as any Teams user. Set MICROSOFT_APP_ID, or listen on loopback.');
  } else {
    logger.info({ host: address }, config.host ? `listening on ${config.host} (HOST)` : 'listening on every interface');
  }
}
