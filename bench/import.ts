// npm run bench:import — 100,000 alumni rows (COUNT) through the real CLI process
// (`node --import tsx src/cli/main.ts import-alumni`) into a fresh PostgreSQL database that
// already holds the example units and programmes. Prints the wall time of the import process
// (start, migration check, reading, checking, writing in one transaction, commit).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { syntheticAlumni } from '../test/integration/import/synthetic-alumni.ts';
import { databaseUrl, dropDatabase, withAdmin } from '../test/support/postgres.ts';

const COUNT = Number(process.env.COUNT ?? 100_000);
const run = promisify(execFile);

async function cli(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ seconds: number; stdout: string }> {
  const started = process.hrtime.bigint();
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env, maxBuffer: 64 * 1024 * 1024 });
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, stdout };
}

async function main() {
  const name = `alumni_bench_import_${process.pid}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'alumni-bench-import-'));
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  try {
    const env = { ...process.env, DATABASE_URL: databaseUrl(name), DEFAULT_LOCALE: 'en' };
    const file = path.join(dir, 'alumni.csv');
    const data = syntheticAlumni(COUNT);
    writeFileSync(file, data.csv);
    await cli(env, 'import-units', 'examples/units.csv');
    await cli(env, 'import-programmes', 'examples/programmes.csv');
    const first = await cli(env, 'import-alumni', file);
    const again = await cli(env, 'import-alumni', file);
    const pool = new pg.Pool({ connectionString: databaseUrl(name), max: 1 });
    const { rows } = await pool.query<{ people: string }>('SELECT count(*) AS people FROM people');
    await pool.end();
    console.log(first.stdout.trim());
    console.log('| rows | run | seconds | rows/s | people afterwards |');
    console.log('|---|---|---|---|---|');
    console.log(`| ${COUNT.toLocaleString('en')} | first (all new) | ${first.seconds.toFixed(1)} | ${Math.round(COUNT / first.seconds).toLocaleString('en')} | ${rows[0]?.people} |`);
    console.log(`| ${COUNT.toLocaleString('en')} | again (all unchanged) | ${again.seconds.toFixed(1)} | ${Math.round(COUNT / again.seconds).toLocaleString('en')} | ${rows[0]?.people} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await withAdmin((client) => dropDatabase(client, name));
  }
}

void main();
