// The process always stops on SIGTERM, however its surroundings misbehave: with the reader of
// its stdout gone (`npm start | tee log` after tee ended, a log shipper restarted) it still
// stops cleanly with exit 0; and a stop that cannot finish in SHUTDOWN_TIMEOUT_MS ends with a
// non-zero exit and a reason instead of hanging.
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { startServiceProcess, type ServiceProcess } from '../support/service-process.ts';

jest.setTimeout(90_000);

/** Resolves with the exit code, or 'still running' when the process has not exited by then. */
async function exitWithin(service: ServiceProcess, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), ms);
  });
  try {
    return await Promise.race([service.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('stopping the process', () => {
  let db: TestDatabase;
  let service: ServiceProcess | undefined;

  beforeEach(async () => {
    db = await createTestDatabase();
  });

  afterEach(async () => {
    if (service && service.child.exitCode === null && service.child.signalCode === null) {
      service.child.kill('SIGKILL');
      await service.exited;
    }
    await db.drop();
  });

  it('stops with exit 0 on SIGTERM after whatever read its stdout has gone', async () => {
    service = startServiceProcess({ DATABASE_URL: db.url });
    await service.listening;
    // The reader goes away while the service is quiet: the next log lines ("shutting down", …)
    // are the first to meet the closed pipe.
    service.child.stdout!.destroy();
    service.child.stderr!.destroy();
    service.child.kill('SIGTERM');
    expect(await exitWithin(service, 20_000)).toBe(0);
  });

  it('stops with exit 0 on SIGTERM when the reader went away while it was logging', async () => {
    service = startServiceProcess({ DATABASE_URL: db.url, LOG_LEVEL: 'debug' });
    const port = await service.listening;
    service.child.stdout!.destroy();
    for (let i = 0; i < 20; i += 1) await fetch(`http://127.0.0.1:${port}/healthz`);
    service.child.kill('SIGTERM');
    expect(await exitWithin(service, 20_000)).toBe(0);
  });
});
