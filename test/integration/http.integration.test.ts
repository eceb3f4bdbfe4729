// The service as an operator sees it: /healthz follows the database, and a stop lets
// in-flight requests finish before the port closes.
import { Router } from 'express';
import { loadConfig } from '../../src/config.ts';
import { startHttpServer } from '../../src/http/server.ts';
import { runSteps } from '../../src/lifecycle.ts';
import { startService, type RunningService } from '../../src/service.ts';
import { silentLogger } from '../support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';

describe('the running service on PostgreSQL', () => {
  let testDb: TestDatabase;
  let service: RunningService;
  let base: string;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    service = await startService(loadConfig({ DATABASE_URL: testDb.url, PORT: '0' }), silentLogger());
    base = `http://127.0.0.1:${service.port}`;
  });

  afterAll(async () => {
    await runSteps(silentLogger(), service.stopSteps);
    await testDb.drop();
  });

  it('answers /healthz with 200 and JSON while the database answers', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'ok', version: expect.any(String) });
  });

  it('answers unknown paths with 404 JSON', async () => {
    const response = await fetch(`${base}/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'not_found' });
  });

  it('answers /healthz with 503 when the database goes away', async () => {
    await testDb.drop();
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
  });
});

describe('stopping the HTTP server', () => {
  it('finishes a request in flight, then refuses new connections', async () => {
    let release: () => void = () => undefined;
    const slow = Router().get('/', (_req, res) => {
      release = () => res.json({ finished: true });
    });
    const server = await startHttpServer({ port: 0, logger: silentLogger(), checkDatabase: async () => true, mounts: [{ path: '/slow', router: slow }] });
    const url = `http://127.0.0.1:${server.port}`;

    const inFlight = fetch(`${url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = server.stop(5_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    release();

    const response = await inFlight;
    expect(await response.json()).toEqual({ finished: true });
    await stopped;
  });
});
