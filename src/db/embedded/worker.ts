// The embedded database's worker thread: owns PGlite (PostgreSQL compiled to WebAssembly) and
// serves it on a Unix domain socket, so that its SQL never runs on the main event loop.
// Started by ../pglite.ts; the main thread talks to it with the ordinary `pg` driver.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { PGlite } from '@electric-sql/pglite';
import { shortReason } from '../errors.ts';
import type { WasmModule, WasmModules, WorkerCommand, WorkerReport, WorkerSettings } from './messages.ts';
import { WireServer } from './wire-server.ts';

const settings = workerData as WorkerSettings;
function parent(): MessagePort {
  if (!parentPort) throw new Error('the embedded database worker must run in a worker thread');
  return parentPort;
}
const port = parent();

const report = (message: WorkerReport) => port.postMessage(message);

/** A failure inside PGlite while serving: the session cannot be trusted, so the worker ends with an error. */
function fatal(error: unknown): never {
  rmSync(settings.socketPath, { force: true });
  throw error instanceof Error ? error : new Error(String(error));
}

/**
 * PGlite's WebAssembly: as an earlier worker of this process compiled it, or compiled here (off
 * this thread's event loop, while the main thread goes on loading the service) and reported
 * back, so that the next open in this process (the command line, the tests) skips it.
 */
declare const WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> };
async function compiledWasm(): Promise<WasmModules> {
  const dist = path.dirname(require.resolve('@electric-sql/pglite'));
  // Read at once (not on the event loop, which loading PGlite's JavaScript keeps busy), so that the compiling starts now.
  const compile = (file: string) => WebAssembly.compile(readFileSync(path.join(dist, file)));
  const given = settings.wasm;
  const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
    given.pgliteWasmModule ?? compile('pglite.wasm'),
    given.initdbWasmModule ?? (settings.newDatabase ? compile('initdb.wasm') : undefined),
  ]);
  const modules = { pgliteWasmModule, initdbWasmModule };
  if (pgliteWasmModule !== given.pgliteWasmModule || initdbWasmModule !== given.initdbWasmModule) report({ type: 'compiled', wasm: modules });
  return modules;
}

// Compiling starts before PGlite's JavaScript loads (in open()), so the two overlap.
const wasm = compiledWasm();
wasm.catch(() => undefined); // awaited in open()

async function open(): Promise<PGlite | null> {
  try {
    const { PGlite } = require('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
    const startParams = [...PGlite.defaultStartParams, ...settings.settings.flatMap((setting) => ['-c', setting])];
    const { pgliteWasmModule, initdbWasmModule } = await wasm;
    const db = await PGlite.create(settings.pgdata, { startParams, pgliteWasmModule, initdbWasmModule });
    await db.query('SELECT 1');
    return db;
  } catch (error) {
    report({ type: 'failed', stage: 'open', reason: shortReason(error) });
    return null;
  }
}

async function main(): Promise<void> {
  const db = await open();
  if (!db) return;
  const server = new WireServer(db, (error) => setImmediate(() => fatal(error)));
  try {
    await server.listen(settings.socketPath);
  } catch (error) {
    await db.close();
    report({ type: 'failed', stage: 'listen', reason: shortReason(error) });
    return;
  }
  port.on('message', (command: WorkerCommand) => {
    if (command.type !== 'close') return;
    void (async () => {
      await server.close();
      if (!db.closed) await db.close();
      rmSync(settings.socketPath, { force: true });
      report({ type: 'closed' });
      port.close();
    })().catch((error: unknown) => fatal(error));
  });
  report({ type: 'ready' });
}

main().catch((error: unknown) => fatal(error));
