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
  /** No database in `pgdata` yet: PGlite runs initdb, so its WebAssembly is needed too. */
  newDatabase: boolean;
  /** PGlite's WebAssembly as an earlier worker of this process compiled it (absent: the worker compiles it). */
  wasm: WasmModules;
}

/** PGlite's compiled WebAssembly: the database's, and initdb's (only needed to create a database). */
export interface WasmModules {
  pgliteWasmModule?: WasmModule;
  initdbWasmModule?: WasmModule;
}

export type WorkerReport =
  /** What the worker compiled, kept by the main thread for the next worker. */
  | { type: 'compiled'; wasm: WasmModules }
  | { type: 'ready' }
  /** Opening failed: `stage` says whether PGlite or the socket refused. */
  | { type: 'failed'; stage: 'open' | 'listen'; reason: string }
  | { type: 'closed' };

export type WorkerCommand = { type: 'close' };
