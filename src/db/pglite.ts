// The embedded default: PostgreSQL compiled to WebAssembly, in this process, with its data in
// DATA_DIR. One process at a time may own a data directory; a lock file says which.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { DatabaseStartError, shortReason } from './errors.ts';

const LOCK_FILE = 'alumni-bridge.lock';
const PGDATA = 'pglite';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function takeLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE);
  if (existsSync(lockPath)) {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) {
      throw new DatabaseStartError('data_dir_in_use', `DATA_DIR ${dataDir} is in use by another running instance (process ${pid}). Stop it first, or set DATABASE_URL to share a PostgreSQL server between instances.`, {}, { dir: dataDir, pid });
    }
  }
  writeFileSync(lockPath, String(process.pid));
  return () => rmSync(lockPath, { force: true });
}

function checkDataDir(pgdata: string): void {
  if (!existsSync(pgdata) || readdirSync(pgdata).length === 0) return;
  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    throw new DatabaseStartError('data_dir_invalid', `${pgdata} is not an embedded database directory (no PG_VERSION file). Point DATA_DIR elsewhere or move it aside; nothing was changed.`);
  }
}

export interface EmbeddedDatabase {
  client: PGlite;
  close(): Promise<void>;
}

/** Opens (creating on first use) the embedded database in `dataDir`. */
export async function openPglite(dataDir: string): Promise<EmbeddedDatabase> {
  const absolute = path.resolve(dataDir);
  mkdirSync(absolute, { recursive: true });
  const pgdata = path.join(absolute, PGDATA);
  checkDataDir(pgdata);
  const releaseLock = takeLock(absolute);
  let client: PGlite;
  try {
    client = await PGlite.create(pgdata);
    await client.query('SELECT 1');
  } catch (error) {
    releaseLock();
    throw new DatabaseStartError('data_dir_unreadable', `The embedded database in ${pgdata} could not be opened (${shortReason(error)}). It may be corrupt or from an incompatible version; restore a backup or move it aside. Nothing was changed.`, { cause: error });
  }
  return {
    client,
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        releaseLock();
      }
    },
  };
}
