// The process starts the embedded database before it loads the rest of the service
// (startPgliteEarly), and the service's openDatabase takes that start over: one database on the
// directory, not two, and whatever went wrong with the early start reaches openDatabase as the
// same DatabaseStartError an ordinary open would have thrown.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type Database } from '../../../src/db/database.ts';
import { openPglite, startPgliteEarly } from '../../../src/db/pglite.ts';
import { silentLogger } from '../../support/logger.ts';

jest.setTimeout(120_000);

const unrelatedFailures: unknown[] = [];
const noteFailure = (reason: unknown) => void unrelatedFailures.push(reason);

describe('an embedded database started early', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'alumni-early-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(() => process.on('unhandledRejection', noteFailure));

  afterAll(() => {
    process.off('unhandledRejection', noteFailure);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('is taken over by openDatabase: the data is there, a second open is refused, and a close releases the directory', async () => {
    const dataDir = freshDir();
    startPgliteEarly(dataDir);
    let db: Database = await openDatabase({ kind: 'pglite', dataDir }, silentLogger());
    await db.prisma.unit.create({ data: { code: 'EARLY', nameNb: 'Tidlig', nameEn: 'Early', kind: 'department' } });
    await expect(openDatabase({ kind: 'pglite', dataDir }, silentLogger())).rejects.toMatchObject({ code: 'data_dir_in_use' });
    await db.close();
    expect(existsSync(path.join(dataDir, 'alumni-bridge.lock'))).toBe(false);

    // Started early again on a directory that now holds a database: the same data.
    startPgliteEarly(dataDir);
    db = await openDatabase({ kind: 'pglite', dataDir }, silentLogger());
    expect(await db.prisma.unit.count({ where: { code: 'EARLY' } })).toBe(1);
    await db.close();
  });

  it('reports a directory in use, and a database that cannot be opened, through openDatabase', async () => {
    const busyDir = freshDir();
    const owner = await openPglite(busyDir);
    try {
      startPgliteEarly(busyDir);
      await expect(openDatabase({ kind: 'pglite', dataDir: busyDir }, silentLogger())).rejects.toMatchObject({ code: 'data_dir_in_use' });
    } finally {
      await owner.close();
    }

    const brokenDir = freshDir();
    mkdirSync(path.join(brokenDir, 'pglite'));
    writeFileSync(path.join(brokenDir, 'pglite', 'PG_VERSION'), '17\n');
    startPgliteEarly(brokenDir);
    // The worker fails (and releases the lock) before anyone takes the start over: that is no unhandled failure.
    while (existsSync(path.join(brokenDir, 'alumni-bridge.lock'))) await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(openDatabase({ kind: 'pglite', dataDir: brokenDir }, silentLogger())).rejects.toMatchObject({ code: 'data_dir_unreadable' });
    expect(unrelatedFailures).toEqual([]);
  });
});
