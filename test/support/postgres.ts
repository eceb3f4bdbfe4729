// Throw-away databases on the PostgreSQL server for integration tests. The template holds the
// migrated schema; each test file clones it (fast) and drops its clone afterwards.
import pg from 'pg';

export const SERVER_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PREFIX = 'alumni_test_';

export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: SERVER_URL, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Integration tests need PostgreSQL at TEST_DATABASE_URL (${new URL(SERVER_URL).host}): ${(error as Error).message}`);
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Names carry the creating process id, so leftovers of a killed run can be recognised. */
export function newDatabaseName(kind: 'tpl' | 'db'): string {
  return `${PREFIX}${kind}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}

export async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Drops test databases left by runs whose process no longer exists. */
export async function dropLeftovers(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${PREFIX}%`]);
  for (const { datname } of rows) {
    const pid = Number(datname.split('_')[3]);
    if (!isAlive(pid)) await dropDatabase(client, datname);
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own (cloned from the run's template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env.ALUMNI_TEST_TEMPLATE;
  if (!template) throw new Error('ALUMNI_TEST_TEMPLATE is not set: run the tests through jest (global setup).');
  const name = newDatabaseName('db');
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return { name, url: databaseUrl(name), drop: () => withAdmin((client) => dropDatabase(client, name)) };
}

/** An empty database with no schema at all, for migration tests. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const name = newDatabaseName('db');
  await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
  return { name, url: databaseUrl(name), drop: () => withAdmin((client) => dropDatabase(client, name)) };
}
