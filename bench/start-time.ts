// npm run bench:start: time from process spawn to the first 200 from /healthz, on an empty
// embedded data directory (first run: creates and migrates the database) and on the same
// directory again (second run). Two ways to run the service: `npm start`
// (`node --import tsx src/main.ts`) and compiled (`node dist/main.js`, from a private build of
// tsconfig.build.json, as production runs it). Prints a Markdown table row per way and run kind.
// Settings (environment): ROUNDS (5), SERVICE (both|tsx|compiled).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const BUILD_DIR = path.join(ROOT, '.tmp/bench-start/dist');
const WAYS = { tsx: ['--import', 'tsx', 'src/main.ts'], compiled: [path.join(BUILD_DIR, 'main.js')] } as const;
type Way = keyof typeof WAYS;
const SERVICE = process.env.SERVICE ?? 'both';
const ways: Way[] = SERVICE === 'both' ? ['tsx', 'compiled'] : [SERVICE as Way];

/** Compiles src/ as `npm run build` does, to a private folder (a build by someone else is not disturbed). */
function build(): void {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(path.join(BUILD_DIR, 'main.js'))) throw new Error(`the build failed:\n${result.stdout}${result.stderr}`);
}

async function untilHealthy(port: number, started: number, exited: () => boolean): Promise<number> {
  for (;;) {
    if (exited()) throw new Error(`the service on port ${port} exited before it was healthy`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function timeStart(way: Way, dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...WAYS[way]], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ms = await untilHealthy(port, started, () => child.exitCode !== null);
  child.kill('SIGTERM');
  await exited;
  return ms;
}

/** Ports of their own per run, so a bench another session runs at the same time does not answer our health checks. */
const BASE_PORT = 20_000 + (process.pid % 400) * 100;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  if (ways.includes('compiled')) build();
  const loadBefore = loadavg()[0]!;
  const rows: string[] = [];
  const row = (label: string, values: number[]) =>
    `| ${label} | ${ROUNDS} | ${(median(values) / 1000).toFixed(2)} s | ${(Math.min(...values) / 1000).toFixed(2)} s | ${(Math.max(...values) / 1000).toFixed(2)} s |`;
  for (const [index, way] of ways.entries()) {
    const first: number[] = [];
    const second: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'alumni-bench-'));
      try {
        first.push(await timeStart(way, dataDir, BASE_PORT + index * 200 + round));
        second.push(await timeStart(way, dataDir, BASE_PORT + 100 + index * 200 + round));
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    const command = way === 'tsx' ? '`npm start` (tsx)' : '`node dist/main.js`';
    rows.push(row(`${command}, first (empty DATA_DIR)`, first), row(`${command}, second (same DATA_DIR)`, second));
  }
  console.log('| start | runs | median | min | max |\n|---|---|---|---|---|');
  console.log(rows.join('\n'));
  console.log(`\nLoad average (1 min) at the start ${loadBefore.toFixed(1)}, at the end ${loadavg()[0]!.toFixed(1)}.`);
}

void main();
