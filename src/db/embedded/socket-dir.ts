// Where the embedded database listens: a Unix domain socket named the way PostgreSQL names its
// own (`.s.PGSQL.5432`), so `psql -h <dir>` and the `pg` driver find it, in a directory only
// this user may enter. Never a TCP port another local user could reach.
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;
/** Unix socket paths longer than this do not fit in `sun_path` on every system. */
const MAX_SOCKET_PATH = 100;

export interface SocketDir {
  /** The directory, given to `pg` as its `host`. */
  dir: string;
  /** The socket file inside it. */
  socketPath: string;
  /** Removes the socket file (and the directory when it was a temporary one). */
  remove(): void;
}

/** DATA_DIR/socket (mode 0700), or a fresh 0700 directory in the system's temporary folder when that path is too long. */
export function prepareSocketDir(dataDir: string): SocketDir {
  const preferred = path.join(dataDir, 'socket');
  if (path.join(preferred, SOCKET_NAME).length <= MAX_SOCKET_PATH) {
    mkdirSync(preferred, { recursive: true, mode: 0o700 });
    chmodSync(preferred, 0o700);
    const socketPath = path.join(preferred, SOCKET_NAME);
    return { dir: preferred, socketPath, remove: () => rmSync(socketPath, { force: true }) };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'alumni-db-'));
  return { dir, socketPath: path.join(dir, SOCKET_NAME), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
