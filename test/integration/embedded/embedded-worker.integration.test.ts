// The embedded database runs in a worker thread and is reached over a Unix socket: the main
// event loop keeps turning while it works, transactions stay whole, a close leaves nothing
// behind, and a worker that dies turns into errors, never into a hang.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { openPglite, type EmbeddedDatabase } from '../../../src/db/pglite.ts';
import { silentLogger } from '../../support/logger.ts';

jest.setTimeout(120_000);

const unit = (code: string) => ({ code, nameNb: code, nameEn: code, kind: 'department' as const });

describe('the embedded database through its worker', () => {
  let dataDir: string;
  let db: Database;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'alumni-embedded-'));
    db = await openDatabase({ kind: 'pglite', dataDir }, silentLogger());
  });

  afterAll(async () => {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the event loop turning while a long query runs, and answers every concurrent query', async () => {
    const ticks: number[] = [];
    const timer = setInterval(() => ticks.push(Date.now()), 1);
    try {
      const long = db.prisma.$queryRaw<{ started: Date; ended: Date }[]>`SELECT min(t) AS started, max(t) AS ended FROM (SELECT clock_timestamp() AS t FROM generate_series(1, 1500000)) s`;
      const small = Array.from({ length: 40 }, (_, i) => db.prisma.$queryRaw<{ i: number }[]>`SELECT ${i}::int AS i`);
      const [window] = await long;
      expect((await Promise.all(small)).map((rows) => rows[0]?.i)).toEqual(Array.from({ length: 40 }, (_, i) => i));
      // The timer fired while PostgreSQL was computing: the SQL did not run on this thread.
      const during = ticks.filter((tick) => tick > window!.started.getTime() && tick < window!.ended.getTime());
      expect(during.length).toBeGreaterThan(1);
    } finally {
      clearInterval(timer);
    }
  });

  it('keeps a transaction to itself: other queries wait for it and never see what it rolled back', async () => {
    let inserted!: () => void;
    let finish!: () => void;
    const insertedNow = new Promise<void>((resolve) => (inserted = resolve));
    const finishNow = new Promise<void>((resolve) => (finish = resolve));
    const rolledBack = db.prisma.$transaction(async (tx) => {
      await tx.unit.create({ data: unit('TX-UNDONE') });
      inserted();
      await finishNow;
      throw new Error('changed my mind');
    });
    await insertedNow;
    const seenMeanwhile = db.prisma.unit.count({ where: { code: 'TX-UNDONE' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    finish();
    await expect(rolledBack).rejects.toThrow('changed my mind');
    expect(await seenMeanwhile).toBe(0);

    await db.prisma.$transaction(async (tx) => {
      await tx.unit.create({ data: unit('TX-KEPT') });
      await tx.unit.create({ data: unit('TX-KEPT-2') });
    });
    expect(await db.prisma.unit.count({ where: { code: { startsWith: 'TX-' } } })).toBe(2);
  });

  it('refuses a second open of the same directory, and a close removes the socket and the lock', async () => {
    await expect(openDatabase({ kind: 'pglite', dataDir }, silentLogger())).rejects.toMatchObject({ code: 'data_dir_in_use' });
    const socketDir = path.join(dataDir, 'socket');
    expect(statSync(socketDir).mode & 0o777).toBe(0o700);
    expect(readdirSync(socketDir)).toEqual(['.s.PGSQL.5432']);
    expect(existsSync(path.join(dataDir, 'alumni-bridge.lock'))).toBe(true);

    await db.close();
    expect(readdirSync(socketDir)).toEqual([]);
    expect(existsSync(path.join(dataDir, 'alumni-bridge.lock'))).toBe(false);

    // Reopened: the data is still there.
    db = await openDatabase({ kind: 'pglite', dataDir }, silentLogger());
    expect(await db.prisma.unit.count({ where: { code: { startsWith: 'TX-' } } })).toBe(2);
  });
});

describe('the embedded database worker seen by several connections', () => {
  let dataDir: string;
  let embedded: EmbeddedDatabase;
  const clients: pg.Client[] = [];

  async function connect(): Promise<pg.Client> {
    const client = new pg.Client(embedded.connection);
    client.on('error', () => undefined);
    await client.connect();
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    // A data directory whose socket path would be too long for a Unix socket: the socket goes to a private temporary directory.
    dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'alumni-embedded-')), 'a-rather-long-folder-name-for-the-data'.repeat(3));
    mkdirSync(dataDir, { recursive: true });
    embedded = await openPglite(dataDir);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
    await embedded.close();
    rmSync(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('lets one connection finish its transaction before another runs, and rolls back a connection that leaves mid-transaction', async () => {
    expect(embedded.connection.host.startsWith(tmpdir())).toBe(true);
    expect(statSync(embedded.connection.host).mode & 0o777).toBe(0o700);
    const [first, second] = [await connect(), await connect()];
    await first.query('CREATE TABLE notes (text text)');
    await first.query('BEGIN');
    await first.query("INSERT INTO notes VALUES ('uncommitted')");
    const order: string[] = [];
    const secondRead = second.query('SELECT count(*)::int AS n FROM notes').then((result) => {
      order.push('second read');
      return (result.rows[0] as { n: number }).n;
    });
    await first.query("INSERT INTO notes VALUES ('still uncommitted')");
    order.push('first rolled back');
    await first.query('ROLLBACK');
    expect(await secondRead).toBe(0);
    expect(order).toEqual(['first rolled back', 'second read']);

    const leaving = await connect();
    await leaving.query('BEGIN');
    await leaving.query("INSERT INTO notes VALUES ('abandoned')");
    const waiting = second.query('SELECT count(*)::int AS n FROM notes');
    await leaving.end();
    expect((await waiting).rows).toEqual([{ n: 0 }]);
  });

  it('turns a worker that dies into errors, not a hang, and still releases the directory', async () => {
    const client = await connect();
    const lost = new Promise<Error>((resolve) => embedded.onLost(resolve));
    const inFlight = client.query('SELECT count(*) FROM generate_series(1, 50000000)');
    await new Promise((resolve) => setTimeout(resolve, 200));
    await embedded.worker.terminate();
    await expect(inFlight).rejects.toThrow();
    expect((await lost).message).toContain('stopped unexpectedly');
    expect(embedded.lost()).not.toBeNull();
    const fresh = new pg.Client(embedded.connection);
    await expect(fresh.connect()).rejects.toThrow();

    await embedded.close();
    expect(existsSync(embedded.connection.host)).toBe(false);
    expect(existsSync(path.join(dataDir, 'alumni-bridge.lock'))).toBe(false);
  });
});
