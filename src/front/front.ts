// The HTTP front (main thread's side). With Slack over HTTP, the public port belongs to a worker
// thread (worker.ts) that answers Slack's events, commands and button presses as soon as they are
// recorded, and hands every other request to the main thread's server on a Unix socket in a
// directory only this user may enter. The main thread hears of each recorded request and works on
// it; the front hears back when it is done (its held count bounds what is answered but not yet
// worked on). A front that stops unexpectedly is started again after a pause.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { safeError, type Logger } from '../logger.ts';
import { startWorkerBeside } from '../worker-thread.ts';
import type { FrontCommand, FrontReport, FrontSettings, RecordedRequest } from './messages.ts';

export interface FrontHooks {
  logger: Logger;
  /** A request was recorded and answered: work on it, then call `done`. */
  onRecorded(request: RecordedRequest, done: () => void): void;
  /** Answers the front gave itself: seconds each took, counts by HTTP status and by inbox outcome. */
  onAnswered(seconds: number[], statuses: Record<string, number>, inbox: Record<string, number>): void;
}

export interface HttpFront {
  port: number;
  host: string;
  /** The main thread's server's Unix socket, behind the front. */
  socketPath: string;
  /** The thread that runs the front now (for diagnostics, and for tests that act out a crash). */
  thread(): Worker;
  /** Stops accepting and lets in-flight requests finish (up to `timeoutMs`). */
  stop(timeoutMs: number): Promise<void>;
}

/** Where the main thread's server listens behind the front: a fresh 0700 directory. */
export function upstreamSocketPath(): { socketPath: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'alumni-http-'));
  return { socketPath: path.join(dir, 'main.sock'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Thrown when the front cannot listen (the port is taken, not allowed). */
export class FrontListenError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

const RESTART_PAUSE_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * The front holds little: a request's body until it is recorded. A small young generation keeps
 * its thread's memory small (it is collected often, quickly); a runaway old generation ends the
 * thread, which is then started again.
 */
const FRONT_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 128 };

export async function startHttpFront(given: FrontSettings, hooks: FrontHooks): Promise<HttpFront> {
  let settings = given;
  let worker: Worker;
  let stopping = false;
  let restarts = 0;
  let finished = 0;
  let flushing = false;
  // Done counts are told in batches: one message per turn of the event loop, not per request.
  const done = () => {
    finished += 1;
    if (flushing) return;
    flushing = true;
    setImmediate(() => {
      flushing = false;
      const count = finished;
      finished = 0;
      worker.postMessage({ type: 'done', count } satisfies FrontCommand);
    });
  };
  const launch = () =>
    new Promise<{ port: number; host: string }>((resolve, reject) => {
      const next = startWorkerBeside(__filename, 'worker', { workerData: settings, resourceLimits: FRONT_LIMITS });
      worker = next;
      let listening = false;
      next.on('message', (report: FrontReport) => {
        if (report.type === 'listening') {
          listening = true;
          resolve(report);
        } else if (report.type === 'failed') reject(new FrontListenError(report.reason, report.code));
        else if (report.type === 'recorded') hooks.onRecorded(report.request, done);
        else if (report.type === 'answered') hooks.onAnswered(report.seconds, report.statuses, report.inbox);
        else if (report.type === 'log') hooks.logger[report.level](report.fields ?? {}, report.message);
      });
      next.on('error', (error) => hooks.logger.error({ err: safeError(error) }, 'the HTTP front failed'));
      next.on('exit', (code) => {
        if (!listening) return reject(new FrontListenError(`the HTTP front ended before listening (exit code ${code})`));
        if (stopping) return;
        // Requests it held were recorded: the inbox's lease runs out and another pass processes events again.
        const pause = RESTART_PAUSE_MS[Math.min(restarts, RESTART_PAUSE_MS.length - 1)] as number;
        restarts += 1;
        hooks.logger.error({ code, restartInMs: pause }, 'the HTTP front stopped unexpectedly; starting it again');
        setTimeout(() => {
          if (!stopping) launch().catch((error: unknown) => hooks.logger.error({ err: safeError(error) }, 'the HTTP front could not start again'));
        }, pause).unref();
      });
    });
  const bound = await launch();
  // Started again, it listens where it listened (PORT=0 picks a port once).
  settings = { ...settings, port: bound.port };
  return {
    ...bound,
    socketPath: given.upstreamSocket,
    thread: () => worker,
    async stop(timeoutMs) {
      stopping = true;
      const current = worker;
      const ended = new Promise<void>((resolve) => current.once('exit', () => resolve()));
      current.postMessage({ type: 'stop', timeoutMs } satisfies FrontCommand);
      const force = setTimeout(() => void current.terminate(), timeoutMs + 1_000);
      await ended;
      clearTimeout(force);
    },
  };
}
