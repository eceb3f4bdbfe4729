// Orderly stop on SIGTERM/SIGINT: run the stop steps in order (stop accepting and finish
// in-flight work, stop jobs, close the database), then exit 0. A second signal exits at once.
import { type Logger, safeError } from './logger.ts';

export interface StopStep {
  name: string;
  run(): Promise<void>;
}

export function onShutdownSignal(logger: Logger, steps: StopStep[], exit: (code: number) => void = process.exit): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    void runSteps(logger, steps).then((ok) => {
      logger.info(ok ? 'stopped cleanly' : 'stopped with errors');
      exit(ok ? 0 : 1);
    });
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}

export async function runSteps(logger: Logger, steps: StopStep[]): Promise<boolean> {
  let ok = true;
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      ok = false;
      logger.error({ step: step.name, err: safeError(error) }, 'shutdown step failed');
    }
  }
  return ok;
}
