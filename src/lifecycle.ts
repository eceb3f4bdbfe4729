// Orderly stop on SIGTERM/SIGINT: run the stop steps in order (stop accepting and finish
// in-flight work, stop jobs and delivery, close the database), then exit 0; a failed step
// exits 1. The handlers are installed before the service starts, so a signal during start-up
// stops it as soon as it is up. The whole stop is bounded: past the time limit the process
// exits 1 naming the step that hung. A second signal exits 1 at once. Logging can fail (stdout
// gone): nothing here depends on it.
import { type Logger, safeError } from './logger.ts';

export interface StopStep {
  name: string;
  run(): Promise<void>;
}

export interface Shutdown {
  /** The service is up: these steps stop it (at once, if a signal came during start-up). */
  ready(steps: StopStep[]): void;
  /** Stops the service (as a signal would); exits with `code` if the stop is clean, else 1. */
  stop(reason: string, code?: number): void;
}

/** A log line that may fail (a closed stdout) without stopping what comes after it. */
function quietly(write: () => void): void {
  try {
    write();
  } catch {
    // Nothing else can be done about a log that cannot be written.
  }
}

export function createShutdown(logger: Logger, options: { timeoutMs: number; exit?: (code: number) => void; signals?: NodeJS.Signals[]; target?: NodeJS.EventEmitter }): Shutdown {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const target = options.target ?? process;
  let steps: StopStep[] | null = null;
  let requested: { reason: string; code: number } | null = null;
  let stopping = false;
  let current = 'start-up';

  let deadline: NodeJS.Timeout | undefined;

  const run = () => {
    if (stopping || !requested || !steps) return;
    stopping = true;
    const { code } = requested;
    void runSteps(logger, steps, (name) => (current = name)).then((ok) => {
      clearTimeout(deadline);
      quietly(() => logger.info(ok ? 'stopped cleanly' : 'stopped with errors'));
      exit(ok ? code : 1);
    });
  };

  const stop = (reason: string, code = 0) => {
    if (requested) {
      if (reason.startsWith('SIG')) {
        quietly(() => logger.warn({ signal: reason }, 'second signal: exiting now'));
        exit(1);
      }
      return;
    }
    requested = { reason, code };
    quietly(() => logger.info({ reason }, 'shutting down'));
    deadline = setTimeout(() => {
      quietly(() => logger.error({ step: current, timeoutMs: options.timeoutMs }, 'the stop did not finish in time; exiting'));
      exit(1);
    }, options.timeoutMs);
    deadline.unref();
    run();
  };

  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) target.on(signal, () => stop(signal));
  return {
    ready(stopSteps) {
      steps = stopSteps;
      run();
    },
    stop,
  };
}

export async function runSteps(logger: Logger, steps: StopStep[], starting: (name: string) => void = () => undefined): Promise<boolean> {
  let ok = true;
  for (const step of steps) {
    starting(step.name);
    try {
      await step.run();
    } catch (error) {
      ok = false;
      quietly(() => logger.error({ step: step.name, err: safeError(error) }, 'shutdown step failed'));
    }
  }
  return ok;
}
