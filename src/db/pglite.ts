// The embedded default: PostgreSQL compiled to WebAssembly (PGlite), with its data in DATA_DIR.
// It runs in a worker thread of this process and serves the PostgreSQL wire protocol on a Unix
// domain socket, so its SQL never blocks the main event loop; the main thread reaches it with
// the ordinary `pg` driver, as it reaches a PostgreSQL server. One process at a time may own a
// data directory; a lock file says which.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DatabaseStartError } from './errors.ts';
import { takeLock } from './embedded/lock.ts';
import type { WasmModule, WorkerCommand, WorkerReport, WorkerSettings } from './embedded/messages.ts';
import { prepareSocketDir, SOCKET_PORT } from './embedded/socket-dir.ts';

const PGDATA = 'pglite';
/**
 * PostgreSQL's default of 128 MB of shared buffers is all resident in PGlite's WebAssembly
 * memory from the start; 16 MB keeps an idle service about 110 MB smaller, and pages beyond it
 * come from the operating system's file cache (a 67 MB table scanned about 10 % slower).
 */
const SETTINGS = ['shared_buffers=16MB'];
/** How long a close waits for the worker to finish before ending it. */
const CLOSE_WAIT_MS = 15_000;

function checkDataDir(pgdata: string): void {
  if (!existsSync(pgdata) || readdirSync(pgdata).length === 0) return;
  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    throw new DatabaseStartError('data_dir_invalid', `${pgdata} is not an embedded database directory (no PG_VERSION file). Point DATA_DIR elsewhere or move it aside; nothing was changed.`);
  }
}

function unreadable(pgdata: string, reason: string, cause?: unknown): DatabaseStartError {
  return new DatabaseStartError('data_dir_unreadable', `The embedded database in ${pgdata} could not be opened (${reason}). It may be corrupt or from an incompatible version; restore a backup or move it aside. Nothing was changed.`, { cause });
}

/**
 * PGlite's WebAssembly, compiled once per process (off the event loop) and shared with every
 * worker, so that reopening a database (the command line, the tests) does not compile it again.
 */
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> };
let compiled: Promise<Pick<WorkerSettings, 'pgliteWasmModule' | 'initdbWasmModule'>> | undefined;
function compiledWasm(): Promise<Pick<WorkerSettings, 'pgliteWasmModule' | 'initdbWasmModule'>> {
  const dist = path.dirname(require.resolve('@electric-sql/pglite'));
  const compile = async (file: string) => WebAssembly.compile(await readFile(path.join(dist, file)));
  compiled ??= Promise.all([compile('pglite.wasm'), compile('initdb.wasm')]).then(
    ([pgliteWasmModule, initdbWasmModule]) => ({ pgliteWasmModule, initdbWasmModule }),
    // The worker compiles them itself then.
    () => ({}),
  );
  return compiled;
}

/**
 * Starts the worker from its file next to this one: JavaScript when compiled; TypeScript under
 * tsx and the tests, where the worker first registers tsx's require hook for itself.
 */
function startWorker(settings: WorkerSettings): Worker {
  const extension = path.extname(__filename);
  const file = path.join(__dirname, 'embedded', `worker${extension}`);
  if (extension !== '.ts') return new Worker(file, { workerData: settings });
  const source = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(file)});`;
  return new Worker(source, { eval: true, workerData: settings });
}

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
      if (report.type === 'ready') resolve();
      else if (report.type === 'failed') reject(unreadable(pgdata, report.reason));
    });
    void exited.then((reason) => reject(unreadable(pgdata, reason, lastError)));
  });
  return { ready, exited, lastError: () => lastError };
}

/** Opens (creating on first use) the embedded database in `dataDir`, in a worker thread. */
export async function openPglite(dataDir: string): Promise<EmbeddedDatabase> {
  const absolute = path.resolve(dataDir);
  mkdirSync(absolute, { recursive: true });
  const pgdata = path.join(absolute, PGDATA);
  checkDataDir(pgdata);
  const releaseLock = takeLock(absolute);
  let socket;
  try {
    socket = prepareSocketDir(absolute);
  } catch (error) {
    releaseLock();
    throw unreadable(pgdata, `no place for its socket: ${(error as Error).message}`, error);
  }
  const release = () => {
    socket.remove();
    releaseLock();
  };
  const worker = startWorker({ pgdata, socketPath: socket.socketPath, settings: SETTINGS, ...(await compiledWasm()) });
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
    connection: { host: socket.dir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' },
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
