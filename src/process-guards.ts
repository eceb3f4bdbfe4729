// What the process does about errors nobody handled. A promise that failed with nobody waiting
// for it is a bug, but the state of the service is intact: it is logged (at most one line a
// minute, counting the rest) and counted, and the bot goes on. An exception that reached the top
// may have left anything half-done: the service stops in order and exits 1, so the supervisor
// starts a fresh one. Errors writing to stdout or stderr (nobody reading any more) are ignored:
// logging must never stop the bot, nor its shutdown.
import { safeError, type Logger } from './logger.ts';
import type { Metrics } from './metrics.ts';

export function guardProcess(logger: Logger, onFatal: (reason: string) => void, options: { metrics?: Metrics; target?: NodeJS.EventEmitter; streams?: NodeJS.EventEmitter[] } = {}): void {
  const target = options.target ?? process;
  let lastRejectionLog = Number.NEGATIVE_INFINITY;
  let unlogged = 0;
  target.on('unhandledRejection', (reason: unknown) => {
    options.metrics?.unhandledRejections.inc();
    if (Date.now() - lastRejectionLog < 60_000) {
      unlogged += 1;
      return;
    }
    lastRejectionLog = Date.now();
    quietly(() => logger.error({ err: safeError(reason), ...(unlogged > 0 ? { notLogged: unlogged } : {}) }, 'a failure nobody handled (a bug); the bot goes on'));
    unlogged = 0;
  });
  target.on('uncaughtException', (error: unknown) => {
    quietly(() => logger.fatal({ err: safeError(error) }, 'an unexpected error stopped the bot'));
    onFatal('uncaught exception');
  });
  for (const stream of options.streams ?? [process.stdout, process.stderr]) {
    stream.on('error', () => undefined);
  }
}

function quietly(write: () => void): void {
  try {
    write();
  } catch {
    // A log line that cannot be written is lost; the process goes on.
  }
}
