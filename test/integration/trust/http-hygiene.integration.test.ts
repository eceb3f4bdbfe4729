// The real process, as an operator runs it, probed from outside: bad and oversized bodies get a
// JSON answer without a stack and never reach the log; refused Teams tokens do not flood it;
// without an app id the port is on loopback and connector calls are bounded; the standard
// headers and time limits for slow clients; and every line the process prints is a JSON log line.
import net from 'node:net';
import { networkInterfaces } from 'node:os';
import { FakeSlack, FAKE_TOKEN } from '../../support/fake-slack.ts';
import { createTestDatabase, type TestDatabase } from '../../support/postgres.ts';
import { postSigned, SIGNING_SECRET } from '../../support/slack-requests.ts';
import { startServiceProcess, type ServiceProcess } from '../../support/service-process.ts';

jest.setTimeout(60_000);

const SECRET_WORDS = 'Kari Nordmann sin hemmelighet';
const APP = { MICROSOFT_APP_ID: '00000000-0000-4000-8000-000000000001', MICROSOFT_APP_PASSWORD: 'not-a-real-password', MICROSOFT_APP_TENANT_ID: 'tenant-own' };

/** Every line the process printed is one JSON object, and nothing went to stderr. */
function expectOnlyJsonLogs(service: ServiceProcess): void {
  expect(service.stderr()).toBe('');
  for (const line of service.stdout().split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
}

function activity(serviceUrl: string, text: string): Record<string, unknown> {
  return {
    type: 'message', id: `m-${Math.random()}`, channelId: 'msteams', serviceUrl, text,
    from: { id: '29:ola', aadObjectId: 'aad-ola', name: 'Ola' }, recipient: { id: '28:bot' },
    conversation: { id: 'a:personal-aad-ola', conversationType: 'personal', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' } },
  };
}

async function stop(service: ServiceProcess): Promise<void> {
  service.child.kill('SIGTERM');
  await service.exited;
}

describe('the process without an app id (local development)', () => {
  let db: TestDatabase;
  let slack: FakeSlack;
  let service: ServiceProcess;
  let base: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    slack = await new FakeSlack().start();
    service = startServiceProcess({ DATABASE_URL: db.url, SLACK_BOT_TOKEN: FAKE_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}/api/` });
    base = `http://127.0.0.1:${await service.listening}`;
  });

  afterAll(async () => {
    await stop(service);
    await slack.stop();
    await db.drop();
  });

  it('answers a body that is not JSON, or too large, with JSON and no stack, and logs neither body', async () => {
    const broken = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"type":"message","text":"${SECRET_WORDS}` });
    expect(broken.status).toBe(400);
    expect(broken.headers.get('content-type')).toContain('application/json');
    const brokenText = await broken.text();
    expect(brokenText).not.toMatch(/at |\/work\/|<pre>|Error/);

    const huge = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: `${SECRET_WORDS} `.repeat(20_000) }) });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ error: 'entity.too.large' });

    const slackBroken = await postSigned(base, `{"type":"event_callback","text":"${SECRET_WORDS}`, 'application/json');
    expect(slackBroken.status).toBe(400);

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(service.stdout() + service.stderr()).not.toContain('hemmelighet');
    expectOnlyJsonLogs(service);
  });

  it('listens on loopback only, and says so', async () => {
    expect(service.stdout()).toContain('"host":"127.0.0.1"');
    expect(service.stdout()).toContain('listening on loopback only');
    const outside = Object.values(networkInterfaces()).flat().find((address) => address && address.family === 'IPv4' && !address.internal);
    if (!outside) return; // a machine with no other interface cannot be reached from elsewhere anyway
    const port = Number(new URL(base).port);
    const reached = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host: outside.address, port }, () => resolve(true));
      socket.on('error', () => resolve(false));
      socket.setTimeout(2_000, () => resolve(false));
    }).finally(() => undefined);
    expect(reached).toBe(false);
  });

  it('does not let a service URL on a closed port hold a request for long', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const started = Date.now();
    const response = await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(`http://127.0.0.1:${closed}`, 'hjelp')) });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(9_000);
  });

  it('sends the standard security headers, and HSTS only behind TLS', async () => {
    const plain = await fetch(`${base}/healthz`);
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
    expect(plain.headers.get('referrer-policy')).toBe('no-referrer');
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const behindTls = await fetch(`${base}/healthz`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(behindTls.headers.get('strict-transport-security')).toContain('max-age=');
  });

  it('closes a connection whose headers never finish', async () => {
    const port = Number(new URL(base).port);
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /healthz HTTP/1.1\r\nHost: localhost\r\n');
    let closedByServer = false;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('data', () => undefined);
    socket.on('error', () => undefined);
    // A header line every second, for at most 40 seconds; the server must hang up first.
    for (let second = 0; second < 40 && !socket.destroyed; second += 1) {
      const tick = await Promise.race([closed.then(() => 'closed'), new Promise((resolve) => setTimeout(() => resolve('tick'), 1_000))]);
      if (tick === 'closed') {
        closedByServer = true;
        break;
      }
      socket.write(`X-Slow-${second}: a\r\n`);
    }
    socket.destroy();
    expect(closedByServer).toBe(true);
  }, 50_000);

  it('prints nothing but JSON log lines, whatever happened above (Node warnings from dependencies included)', async () => {
    const local = `http://127.0.0.1:${slack.url.split(':').at(-1)}`;
    for (const text of ['hjelp', 'profil', 'bli med']) {
      await fetch(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity(local, text)) });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expectOnlyJsonLogs(service);
  });
});

describe('the process with an app id', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db.drop();
  });

  it('refuses requests without a valid token with 401, logging one line for the lot, never a stack', async () => {
    const service = startServiceProcess({ DATABASE_URL: db.url, ...APP });
    const base = `http://127.0.0.1:${await service.listening}`;
    try {
      for (let attempt = 0; attempt < 30; attempt += 1) {
        const headers: Record<string, string> = { 'content-type': 'application/json', ...(attempt % 2 ? { authorization: 'Bearer not-a-token' } : {}) };
        const response = await fetch(`${base}/api/messages`, { method: 'POST', headers, body: JSON.stringify(activity('https://smba.trafficmanager.net/emea/', SECRET_WORDS)) });
        expect(response.status).toBe(401);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(service.stdout().split('\n').filter((line) => line.includes('refused')).length).toBe(1);
      expect(service.stdout()).not.toContain('hemmelighet');
      expectOnlyJsonLogs(service);
    } finally {
      await stop(service);
    }
  });

  it('starts with MultiTenant only when the served tenants are named', async () => {
    const refused = startServiceProcess({ DATABASE_URL: db.url, ...APP, MICROSOFT_APP_TYPE: 'MultiTenant' });
    expect(await refused.exited).toBe(1);
    expect(refused.stderr()).toContain('TEAMS_ALLOWED_TENANTS is required when MICROSOFT_APP_TYPE is MultiTenant');
    expect(refused.stderr()).not.toContain(APP.MICROSOFT_APP_PASSWORD);
  });
});

describe('the process: small truths at start', () => {
  it('names the range when a number is out of it', async () => {
    const port = startServiceProcess({ PORT: '70000', OUTBOX_LEASE_MS: '500' });
    expect(await port.exited).toBe(1);
    expect(port.stderr()).toContain('PORT must be a whole number from 0 to 65535');
    expect(port.stderr()).toContain('OUTBOX_LEASE_MS must be a whole number from 1000 to 3600000');
  });

  it('warns when production runs on the embedded database', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dataDir = mkdtempSync(path.join(tmpdir(), 'alumni-trust-'));
    const service = startServiceProcess({ NODE_ENV: 'production', DATA_DIR: dataDir, HOST: '127.0.0.1' });
    try {
      await service.listening;
      const warning = service.stdout().split('\n').find((line) => line.includes('"level":"warn"') && line.includes('embedded database'));
      expect(warning).toBeDefined();
      expectOnlyJsonLogs(service);
    } finally {
      await stop(service);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
