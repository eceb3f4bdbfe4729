import { createLogger, type Logger } from '../../src/logger.ts';

/** A logger that writes nothing, or collects lines when a test wants to read them. */
export function silentLogger(): Logger {
  return createLogger('silent');
}

export function collectingLogger(level = 'debug'): { logger: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const logger = createLogger(level, { write: (chunk: string) => void chunks.push(chunk) });
  return { logger, lines: () => chunks.map((chunk) => JSON.parse(chunk) as Record<string, unknown>) };
}
