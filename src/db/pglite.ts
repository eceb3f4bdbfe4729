// The embedded default: PostgreSQL compiled to WebAssembly (PGlite), with its data in DATA_DIR.
// It runs in a worker thread of this process and serves the PostgreSQL wire protocol on a Unix
// domain socket, so its SQL never blocks the main event loop; the main thread reaches it with
// the ordinary `pg` driver, as it reaches a PostgreSQL server. One process at a time may own a
// data directory; a lock file says which.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DatabaseStartError } from './errors.ts';
import { startWorkerBeside } from '../worker-thread.ts';
import { takeLock } from './embedded/lock.ts';
import type { WasmModules, WorkerCommand, WorkerReport, WorkerSettings } from './embedded/messages.ts';
import { prepareSocketDir, SOCKET_PORT, type SocketDir } from './embedded/socket-dir.ts';

const PGDATA = 'pglite';
/**
 * PostgreSQL's default of 128 MB of shared buffers is all resident in PGlite's WebAssembly
 * memory from the start; 16 MB keeps an idle service about 110 MB smaller, and pages beyond it
 * come from the operating system's file cache (a 67 MB table scanned about 10 % slower).
 */
const SETTINGS = ['shared_buffers=16MB'];
/** How long a close waits for the worker to finish before ending it. */
const CLOSE_WAIT_MS = 15_000;

/** True when `pgdata` holds a database, false when it is empty or absent; refuses a directory that holds something else. */
function checkDataDir(pgdata: string): boolean {
  if (!existsSync(pgdata) || readdirSync(pgdata).length === 0) return false;
  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    throw new DatabaseStartError('data_dir_invalid', `${pgdata} is not an embedded database directory (no PG_VERSION file). Point DATA_DIR elsewhere or move it aside; nothing was changed.`);
  }
  return true;
}

function unreadable(pgdata: string, reason: string, cause?: unknown): DatabaseStartError {
  return new DatabaseStartError('data_dir_unreadable', `The embedded database in ${pgdata} could not be opened (${reason}). It may be corrupt or from an incompatible version; restore a backup or move it aside. Nothing was changed.`, { cause });
}

/**
 * PGlite's WebAssembly, compiled by the first worker of this process and kept for the next ones,
 * so that reopening a database (the command line, the tests) does not compile it again.
 */
const compiled: WasmModules = {};

export interface EmbeddedDatabase {
  /** Connection settings for `pg`: the socket's directory and the port in its name. */
  connection: { host: string; port: number; user: string; database: string };
  /** The thread that runs PGlite (for diagnostics, and for tests that act out a crash). */
  worker: Worker;
  /** Why the worker stopped when nobody closed it, or null while it runs. */
  lost(): Error | null;
  /** Called once if the worker stops without being closed. */
  onLost(listener: (error: Error) => void): void;
  /** Ends the worker (which closes PGlite and removes its socket) and releases the lock. */
  close(): Promise<void>;
}

/** Follows a worker: whether it became ready, and when it ended and why. */
function follow(worker: Worker, pgdata: string) {
  let lastError: Error | null = null;
  worker.on('error', (error) => {
    lastError = error;
  });
  const exited = new Promise<string>((resolve) => worker.once('exit', (code) => resolve(lastError?.message ?? `exit code ${code}`)));
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (report: WorkerReport) => {
      if (report.type === 'compiled') {
        compiled.pgliteWasmModule ??= report.wasm.pgliteWasmModule;
        compiled.initdbWasmModule ??= report.wasm.initdbWasmModule;
      } else if (report.type === 'ready') resolve();
      else if (report.type === 'failed') reject(unreadable(pgdata, report.reason));
    });
    void exited.then((reason) => reject(unreadable(pgdata, reason, lastError)));
  });
  return { ready, exited, lastError: () => lastError };
}

export type EmbeddedConnection = EmbeddedDatabase['connection'];

/** An embedded database on its way up: where it will listen is known at once, `ready` settles when it answers or could not start. */
export interface EmbeddedStart {
  connection: EmbeddedConnection;
  ready: Promise<EmbeddedDatabase>;
  /** When it started (`performance.now()`), for the log. */
  startedAt: number;
}

/** Starts begun by startPgliteEarly, taken over by the next startPglite of their directory, by absolute path. */
const startedEarly = new Map<string, () => EmbeddedStart>();

/**
 * Starts (creating on first use) the embedded database in `dataDir`, in a worker thread. Takes
 * the directory's lock and prepares the socket at once, and throws DatabaseStartError when it
 * cannot; everything after that (PostgreSQL's own start) is reported through `ready`.
 */
export function startPglite(dataDir: string): EmbeddedStart {
  const absolute = path.resolve(dataDir);
  const early = startedEarly.get(absolute);
  if (early) {
    startedEarly.delete(absolute);
    return early();
  }
  const startedAt = performance.now();
  mkdirSync(absolute, { recursive: true });
  const pgdata = path.join(absolute, PGDATA);
  const existing = checkDataDir(pgdata);
  const releaseLock = takeLock(absolute);
  let socket: SocketDir;
  try {
    socket = prepareSocketDir(absolute);
  } catch (error) {
    releaseLock();
    throw unreadable(pgdata, `no place for its socket: ${(error as Error).message}`, error);
  }
  const connection = { host: socket.dir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' };
  // Beside this file: JavaScript when compiled, TypeScript (through tsx) under npm start and the tests.
  const worker = startWorkerBeside(__filename, 'embedded/worker', { workerData: { pgdata, socketPath: socket.socketPath, settings: SETTINGS, newDatabase: !existing, wasm: { ...compiled } } satisfies WorkerSettings });
  return { connection, startedAt, ready: whenReady(worker, pgdata, socket, releaseLock, connection) };
}

/** Opens (creating on first use) the embedded database in `dataDir`, in a worker thread. */
export async function openPglite(dataDir: string): Promise<EmbeddedDatabase> {
  return startPglite(dataDir).ready;
}

/**
 * Starts the embedded database in `dataDir` now, for the next `startPglite` (or `openPglite`,
 * `openDatabase`) of the same directory in this process to take over: the process starts it
 * before it loads the rest of the service, so PostgreSQL starts while the modules load. What
 * goes wrong is thrown or reported to whoever takes it over, exactly as if it had started it.
 */
export function startPgliteEarly(dataDir: string): void {
  const absolute = path.resolve(dataDir);
  if (startedEarly.has(absolute)) return;
  let start: EmbeddedStart;
  try {
    start = startPglite(absolute);
  } catch (error) {
    startedEarly.set(absolute, () => {
      throw error;
    });
    return;
  }
  // Handled by whoever takes it over; until then a failure is not "unhandled".
  start.ready.catch(() => undefined);
  startedEarly.set(absolute, () => start);
}

async function whenReady(worker: Worker, pgdata: string, socket: SocketDir, releaseLock: () => void, connection: EmbeddedConnection): Promise<EmbeddedDatabase> {
  const release = () => {
    socket.remove();
    releaseLock();
  };
  const { ready, exited, lastError } = follow(worker, pgdata);
  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    release();
    throw error;
  }
  let closing = false;
  let lostError: Error | null = null;
  const lostListeners: ((error: Error) => void)[] = [];
  void exited.then((reason) => {
    if (closing) return;
    lostError = new Error(`the embedded database stopped unexpectedly (${reason})`, { cause: lastError() });
    socket.remove();
    for (const listener of lostListeners) listener(lostError);
  });
  return {
    connection,
    worker,
    lost: () => lostError,
    onLost: (listener) => void lostListeners.push(listener),
    async close() {
      if (closing) return;
      closing = true;
      try {
        if (!lostError) {
          worker.postMessage({ type: 'close' } satisfies WorkerCommand);
          const timer = setTimeout(() => void worker.terminate(), CLOSE_WAIT_MS);
          await exited;
          clearTimeout(timer);
        }
      } finally {
        release();
      }
    },
  };
}
