// The README's promise: a fresh clone runs with no setup on the embedded database. These tests
// start the real process on an empty data directory and treat it the way an operator would.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { startServiceProcess } from '../support/service-process.ts';

jest.setTimeout(90_000);

describe('the service on the embedded database', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'alumni-smoke-'));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on an empty data directory, serves /healthz, and exits 0 on SIGTERM', async () => {
    const service = startServiceProcess({ DATA_DIR: dataDir });
    const port = await service.listening;
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'ok' });
    expect(service.stdout()).toContain('applied database migrations');

    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);
    expect(service.stdout()).toContain('stopped cleanly');
    // The embedded database's worker ended: no socket and no lock are left behind.
    expect(readdirSync(path.join(dataDir, 'socket'))).toEqual([]);
    expect(existsSync(path.join(dataDir, 'alumni-bridge.lock'))).toBe(false);
  });

  it('reopens the same data directory without migrating again', async () => {
    const service = startServiceProcess({ DATA_DIR: dataDir });
    const port = await service.listening;
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect(service.stdout()).not.toContain('applied database migrations');

    const second = startServiceProcess({ DATA_DIR: dataDir });
    expect(await second.exited).toBe(1);
    expect(second.stdout()).toContain('is in use by another running instance');

    service.child.kill('SIGINT');
    expect(await service.exited).toBe(0);
  });

  it('refuses a data directory written by a newer version, changing nothing', async () => {
    const client = await PGlite.create(path.join(dataDir, 'pglite'));
    await client.query(
      "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('f', 'c', '29990101000000_future', now(), now(), 1)",
    );
    await client.close();

    const service = startServiceProcess({ DATA_DIR: dataDir });
    expect(await service.exited).toBe(1);
    expect(service.stdout()).toContain('written by a newer version');
    expect(service.stdout()).toContain('29990101000000_future');
  });
});

describe('start-up failures an operator must understand', () => {
  it('stops with exit 1 on an invalid variable, naming it and hiding secrets', async () => {
    const service = startServiceProcess({ PORT: 'eighty', SLACK_BOT_TOKEN: 'xoxb-top-secret', SLACK_SIGNING_SECRET: 'sig-top-secret', TIMEZONE: 'Nowhere/City' });
    expect(await service.exited).toBe(1);
    expect(service.stderr()).toContain('PORT must be a whole number');
    expect(service.stderr()).toContain('TIMEZONE must be an IANA time zone');
    const output = service.stdout() + service.stderr();
    expect(output).not.toContain('top-secret');
  });

  it('stops with exit 1 when DATABASE_URL cannot be reached', async () => {
    const service = startServiceProcess({ DATABASE_URL: 'postgres://bot:pw-not-shown@127.0.0.1:1/alumni' });
    expect(await service.exited).toBe(1);
    expect(service.stdout()).toContain('Could not use the PostgreSQL server at 127.0.0.1:1/alumni');
    expect(service.stdout()).not.toContain('pw-not-shown');
  });

  it('refuses a data directory that is not a database, leaving it untouched', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'alumni-corrupt-'));
    const pgdata = path.join(dataDir, 'pglite');
    mkdirSync(pgdata);
    writeFileSync(path.join(pgdata, 'notes.txt'), 'important');
    try {
      const service = startServiceProcess({ DATA_DIR: dataDir });
      expect(await service.exited).toBe(1);
      expect(service.stdout()).toContain('is not an embedded database directory');
      expect(readFileSync(path.join(pgdata, 'notes.txt'), 'utf8')).toBe('important');
      expect(existsSync(path.join(pgdata, 'PG_VERSION'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses a corrupt embedded database with a clear message', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'alumni-broken-'));
    const pgdata = path.join(dataDir, 'pglite');
    mkdirSync(pgdata);
    writeFileSync(path.join(pgdata, 'PG_VERSION'), '17\n');
    try {
      const service = startServiceProcess({ DATA_DIR: dataDir });
      expect(await service.exited).toBe(1);
      expect(service.stdout()).toContain('could not be opened');
      expect(service.stdout()).toContain('Nothing was changed');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
