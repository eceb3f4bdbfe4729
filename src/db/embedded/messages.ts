// What the main thread and the embedded database's worker thread say to each other.

/** A compiled `WebAssembly.Module` (the TypeScript libraries this project uses do not describe WebAssembly). */
export type WasmModule = object;

/** Given to the worker when it starts. */
export interface WorkerSettings {
  /** The PostgreSQL data directory (DATA_DIR/pglite). */
  pgdata: string;
  /** Where to listen: a Unix domain socket in a directory only this user can enter. */
  socketPath: string;
  /** PostgreSQL settings for this run (`name=value`), on top of PGlite's own start parameters; the data directory's files are not changed. */
  settings: string[];
}

/**
 * PGlite's WebAssembly, compiled by the main thread once per process while the worker loads its
 * modules (absent: the worker compiles it); `initdb` only for a directory without a database yet.
 */
export interface WasmModules {
  pgliteWasmModule?: WasmModule;
  initdbWasmModule?: WasmModule;
}

export type WorkerReport =
  | { type: 'ready' }
  /** Opening failed: `stage` says whether PGlite or the socket refused. */
  | { type: 'failed'; stage: 'open' | 'listen'; reason: string }
  | { type: 'closed' };

/** `wasm` comes first, once: the worker opens PGlite after it. */
export type WorkerCommand = ({ type: 'wasm' } & WasmModules) | { type: 'close' };
