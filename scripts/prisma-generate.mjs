#!/usr/bin/env node
// Generates the Prisma client (src/generated/prisma) on machines that cannot download
// Prisma's native schema engine. `prisma generate` is WebAssembly-only, but the CLI insists
// that PRISMA_SCHEMA_ENGINE_BINARY names an existing file before it runs any command; it
// never executes that file during generation. When no engine is configured we point the
// variable at this script. Runs as `postinstall` and as `npm run db:generate`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
let cli;
try {
  cli = require.resolve('prisma/build/index.js');
} catch {
  console.log('prisma-generate: the prisma CLI is not installed (production install?); skipping.');
  process.exit(0);
}

const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const configured = env.PRISMA_SCHEMA_ENGINE_BINARY;
if (!configured || !existsSync(configured)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(import.meta.url);
}
const result = spawnSync(process.execPath, [cli, 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
