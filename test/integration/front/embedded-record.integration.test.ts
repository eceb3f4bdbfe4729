// The HTTP front records Slack requests on the embedded database through the database worker's
// socket. PGlite is one session shared by every client, so a statement prepared under a name by
// one connection is still there for the next: the front must not name its statement there, or
// every reconnect (an idle connection closed, a restarted front) would refuse every request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { recordInboxRow } from '../../../src/db/inbox-sql.ts';
import { silentLogger } from '../../support/logger.ts';

jest.setTimeout(60_000);

const row = (key: string) => ({ platform: 'slack', key, kind: 'command', json: '{"command":"/alumni"}', owner: 'instance-1', leaseUntil: new Date(Date.now() + 60_000) });

async function withClient<T>(database: Database, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(database.connection as pg.ClientConfig);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('recording on the embedded database from another connection', () => {
  let dataDir: string;
  let database: Database;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'alumni-front-rec-'));
    database = await openDatabase({ kind: 'pglite', dataDir }, silentLogger());
  });
  afterAll(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records from one connection after another, and recognises a key recorded before', async () => {
    const first = await withClient(database, (client) => recordInboxRow(client, row('command:a'), false));
    const second = await withClient(database, (client) => recordInboxRow(client, row('command:b'), false));
    const again = await withClient(database, (client) => recordInboxRow(client, row('command:a'), false));
    expect(first).toEqual(expect.any(String));
    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);
    expect(again).toBeNull();
    // What the unnamed statement avoids: a named one prepared by an earlier connection is still there.
    await withClient(database, (client) => recordInboxRow(client, row('command:c'), true));
    await expect(withClient(database, (client) => recordInboxRow(client, row('command:d'), true))).rejects.toThrow(/already exists/);
    const kept = await database.prisma.inboxEvent.count();
    expect(kept).toBe(3);
  });
});
