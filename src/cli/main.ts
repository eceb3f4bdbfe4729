// The CLI process: npm run cli -- <command>. See run-cli.ts.
import { existsSync } from 'node:fs';
import { processIo } from './cli-io.ts';
import { runCli } from './run-cli.ts';

if (existsSync('.env')) process.loadEnvFile('.env');
runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
