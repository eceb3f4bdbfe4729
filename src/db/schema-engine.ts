// Prisma's schema engine (migrations, diffs) as WebAssembly, so that migrating needs no native
// binary download. The package's entry imports its .wasm as an ES module, which Node 20 only
// allows behind a flag; we instantiate the .wasm ourselves with the package's JS glue instead.
import { readFileSync } from 'node:fs';
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

type WasmExports = Record<string, unknown> & { __wbindgen_start(): void };
/** The slice of the WebAssembly global we use (@types/node 20 does not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, unknown>) => { exports: WasmExports };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

type Glue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: WasmExports): void;
};

let glue: Glue | undefined;

/**
 * The engine arms timers (idle timeouts) that would keep a finished CLI or test process alive
 * for seconds; every engine call is awaited by us, so its timers need not hold the process.
 */
function withUnrefTimers(glue: Glue): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, value] of Object.entries(glue)) {
    if (name.startsWith('__wbg_setTimeout_') && typeof value === 'function') {
      imports[name] = (...args: unknown[]) => {
        const timer = (value as (...a: unknown[]) => unknown)(...args);
        (timer as { unref?: () => void } | undefined)?.unref?.();
        return timer;
      };
    }
  }
  return imports;
}

function loadGlue(): Glue {
  if (glue) return glue;
  const loaded = require('@prisma/schema-engine-wasm/schema_engine_bg') as Glue;
  const wasmPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg').replace(/\.js$/, '.wasm');
  const module = new wasmApi.Module(readFileSync(wasmPath));
  const instance = new wasmApi.Instance(module, { './schema_engine_bg.js': withUnrefTimers(loaded) });
  loaded.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  glue = loaded;
  return loaded;
}

export type { SchemaEngine };

/** Opens a schema engine on a driver adapter, with the Prisma schema it works against. */
export async function openSchemaEngine(
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  schema: { path: string; content: string },
): Promise<SchemaEngine> {
  const { SchemaEngine: Engine } = loadGlue();
  const bound = bindMigrationAwareSqlAdapterFactory(adapterFactory);
  return Engine.new({ datamodels: [[schema.path, schema.content]] }, () => undefined, bound);
}
