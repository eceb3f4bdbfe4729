// bench:memory's process handling: a private build, the service started with a memory probe,
// its RSS and CPU time from /proc, and PostgreSQL databases of its own.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type pg from 'pg';

export const ROOT = path.resolve(__dirname, '../..');
export const BUILD_DIR = path.join(ROOT, '.tmp/bench-memory/dist');
export const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const SERVICE = process.env.SERVICE === 'tsx' ? 'tsx' : 'compiled';
export const SERVICE_FLAGS = (process.env.SERVICE_FLAGS ?? '').split(/\s+/).filter(Boolean);
const MB = 1024 * 1024;

/** Loaded into the service with --require: on SIGUSR2, a full GC (when exposed) and one JSON line of memoryUsage and of which optional packages are loaded. */
const PROBE = `'use strict';
const fs = require('node:fs');
process.on('SIGUSR2', () => {
  if (typeof global.gc === 'function') global.gc();
  const loaded = [...new Set(Object.keys(require.cache).map((file) => (/node_modules\\/(botbuilder|@slack\\/socket-mode|@electric-sql\\/pglite|@napi-rs\\/canvas|@prisma\\/schema-engine-wasm)\\//.exec(file) || [])[1]).filter(Boolean))];
  setImmediate(() => fs.appendFileSync(process.env.MEMORY_PROBE_FILE, JSON.stringify({ gc: typeof global.gc === 'function', loaded, ...process.memoryUsage() }) + '\\n'));
});
`;

export const began = Date.now();
export const progress = (line: string) => process.stderr.write(`[${((Date.now() - began) / 1000).toFixed(0).padStart(4)} s load ${loadavg()[0]!.toFixed(1)}] ${line}\n`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Usage {
  rss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  /** Which of botbuilder, @slack/socket-mode, @electric-sql/pglite, @napi-rs/canvas, @prisma/schema-engine-wasm are loaded. */
  loaded: string[];
}

export interface Service {
  child: ChildProcess;
  base: string;
  startMs: number;
  probeFile: string;
  stop(): Promise<void>;
}

export function build(): void {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  const result = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(path.join(BUILD_DIR, 'main.js'))) throw new Error(`the build failed:\n${result.stdout}${result.stderr}`);
  if (result.status !== 0) progress('the build reported type errors (the code was emitted and is used)');
}

/** CPU time (user + system) a process has used, in ms (Linux: clock ticks of 10 ms). */
export function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** VmRSS and VmHWM (peak) of a process, in MB. */
export function procMemory(pid: number | undefined): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

async function untilHealthy(base: string, child: ChildProcess, limitMs = 120_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/healthz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
  throw new Error('the service did not become healthy');
}

let nextPort = 47_300 + (process.pid % 500);

export async function startService(env: Record<string, string>, workDir: string, label: string): Promise<Service> {
  const port = nextPort++;
  const probe = path.join(workDir, 'probe.cjs');
  writeFileSync(probe, PROBE);
  const probeFile = path.join(workDir, `${label}.memory.jsonl`);
  writeFileSync(probeFile, '');
  const entry = SERVICE === 'tsx' ? ['--import', 'tsx', 'src/main.ts'] : [path.join(BUILD_DIR, 'main.js')];
  const started = performance.now();
  const child = spawn(process.execPath, [...SERVICE_FLAGS, '--expose-gc', '--require', probe, ...entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', MEMORY_PROBE_FILE: probeFile, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await untilHealthy(base, child);
  const startMs = performance.now() - started;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    child,
    base,
    startMs,
    probeFile,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A full GC in the service, then its memoryUsage (MB). */
export async function probe(service: Service): Promise<Usage> {
  const before = readFileSync(service.probeFile, 'utf8').split('\n').filter(Boolean).length;
  service.child.kill('SIGUSR2');
  for (let i = 0; i < 500; i += 1) {
    const lines = readFileSync(service.probeFile, 'utf8').split('\n').filter(Boolean);
    if (lines.length > before) {
      const raw = JSON.parse(lines.at(-1)!) as Usage;
      return { rss: raw.rss / MB, heapTotal: raw.heapTotal / MB, heapUsed: raw.heapUsed / MB, external: raw.external / MB, arrayBuffers: raw.arrayBuffers / MB, loaded: raw.loaded };
    }
    await sleep(10);
  }
  throw new Error('the memory probe did not answer');
}

export async function createPostgres(admin: pg.Client, name: string): Promise<string> {
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return url.toString();
}

