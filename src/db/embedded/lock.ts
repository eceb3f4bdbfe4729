// One process at a time may own a data directory, and it opens it once; a lock file says which
// process. A lock left by a process that no longer runs is taken over.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DatabaseStartError } from '../errors.ts';

const LOCK_FILE = 'alumni-bridge.lock';
/** The data directories this process has open: a second open would run two databases on one directory. */
const held = new Set<string>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(dataDir: string, pid: number): DatabaseStartError {
  return new DatabaseStartError('data_dir_in_use', `DATA_DIR ${dataDir} is in use by another running instance (process ${pid}). Stop it first, or set DATABASE_URL to share a PostgreSQL server between instances.`, {}, { dir: dataDir, pid });
}

/** Takes the data directory's lock; returns the function that releases it. */
export function takeLock(dataDir: string): () => void {
  const lockPath = path.join(dataDir, LOCK_FILE);
  if (held.has(dataDir)) throw inUse(dataDir, process.pid);
  if (existsSync(lockPath)) {
    const pid = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) throw inUse(dataDir, pid);
  }
  writeFileSync(lockPath, String(process.pid));
  held.add(dataDir);
  return () => {
    held.delete(dataDir);
    rmSync(lockPath, { force: true });
  };
}
