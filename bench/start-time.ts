// npm run bench:start: time from process spawn to the first 200 from /healthz, on an empty
// embedded data directory (first run: creates and migrates the database) and on the same
// directory again (second run). Prints a Markdown table row per run kind.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = Number(process.env.ROUNDS ?? 5);

async function untilHealthy(port: number, started: number): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function timeStart(dataDir: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const ms = await untilHealthy(port, started);
  child.kill('SIGTERM');
  await exited;
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function main(): Promise<void> {
  const first: number[] = [];
  const second: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'alumni-bench-'));
    try {
      first.push(await timeStart(dataDir, 47_000 + round));
      second.push(await timeStart(dataDir, 47_100 + round));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  const row = (label: string, values: number[]) =>
    `| ${label} | ${ROUNDS} | ${(median(values) / 1000).toFixed(2)} s | ${(Math.min(...values) / 1000).toFixed(2)} s | ${(Math.max(...values) / 1000).toFixed(2)} s |`;
  console.log('| start | runs | median | min | max |\n|---|---|---|---|---|');
  console.log(row('first (empty DATA_DIR)', first));
  console.log(row('second (same DATA_DIR)', second));
}

void main();
