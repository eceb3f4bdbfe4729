// A fresh database per run, named only by the public configuration: a new database on the
// PostgreSQL server (DATABASE_URL; BENCH_DATABASE_URL or TEST_DATABASE_URL name the server) or
// an empty DATA_DIR for the embedded database. Seeded in a child process; dropped at the end.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Seeded } from '../support/alumni-seed.ts';
import { ROOT } from './processes.ts';
import type { Database } from './report.ts';

const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  kind: Database;
  /** DATABASE_URL or DATA_DIR. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(kind: Database): Promise<BenchDatabase> {
  if (kind === 'embedded') {
    const dir = mkdtempSync(path.join(tmpdir(), 'alumni-bench-ack-'));
    return { kind, env: { DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `alumni_bench_ack_${process.pid}`;
  await withAdmin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  return { kind, env: { DATABASE_URL: url.toString() }, drop: () => withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))) };
}

/** Imports units, programmes and `profiles` alumni through the CLI, in a child process. */
export async function seed(database: BenchDatabase, profiles: number): Promise<Seeded> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/alumni-seed.ts', String(profiles)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...database.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  const line = out.split('\n').find((candidate) => candidate.startsWith('{"alumni"'));
  if (code !== 0 || !line) throw new Error(`seeding the ${database.kind} database failed (exit ${code}):\n${err.slice(-2000)}`);
  return JSON.parse(line) as Seeded;
}
