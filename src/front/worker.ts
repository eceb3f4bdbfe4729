// The HTTP front's worker thread: owns the public port. Slack requests answered on record are
// checked, recorded and answered here (slack-intake.ts), so their answer never waits behind the
// work on the main thread's event loop; every other request goes on to the main thread's server
// on its Unix socket (proxy.ts). Loads neither Express, Bolt, Prisma nor the logger: only
// node:http, pg and the request checks. Started by front.ts.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import { recordInboxRow } from '../db/inbox-sql.ts';
import { createNodeServer, HSTS_HEADER, listen, SECURITY_HEADERS, stopper } from '../http/node-server.ts';
import type { FrontCommand, FrontReport, FrontSettings } from './messages.ts';
import { forwarderTo } from './proxy.ts';
import { SlackIntake, type InboxOutcome } from './slack-intake.ts';

const settings = workerData as FrontSettings;
function parent(): MessagePort {
  if (!parentPort) throw new Error('the HTTP front must run in a worker thread');
  return parentPort;
}
const port = parent();
const report = (message: FrontReport) => port.postMessage(message);

/** One line a minute at most for a repeated problem (the main thread's logger writes it). */
function throttled(message: string, intervalMs = 60_000): (fields?: Record<string, unknown>) => void {
  let last = Number.NEGATIVE_INFINITY;
  let quiet = 0;
  return (fields = {}) => {
    if (Date.now() - last < intervalMs) return void (quiet += 1);
    report({ type: 'log', level: 'warn', message, fields: { ...fields, ...(quiet > 0 ? { notLogged: quiet } : {}) } });
    last = Date.now();
    quiet = 0;
  };
}
const shortReason = (error: unknown) => ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').slice(0, 200);

function answer(req: IncomingMessage, res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  const secure = req.headers['x-forwarded-proto'] === 'https';
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, ...(secure ? Object.fromEntries([HSTS_HEADER]) : {}), ...(text ? { 'Content-Type': 'application/json; charset=utf-8' } : {}), 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

// Answers given here, reported to the main thread (its /metrics) four times a second.
let pending: { seconds: number[]; statuses: Record<string, number>; inbox: Record<string, number> } = { seconds: [], statuses: {}, inbox: {} };
const flush = setInterval(() => {
  if (pending.seconds.length === 0) return;
  report({ type: 'answered', ...pending });
  pending = { seconds: [], statuses: {}, inbox: {} };
}, 250);
const observe = (status: number, seconds: number, inbox?: InboxOutcome) => {
  pending.seconds.push(seconds);
  pending.statuses[status] = (pending.statuses[status] ?? 0) + 1;
  if (inbox) pending.inbox[inbox] = (pending.inbox[inbox] ?? 0) + 1;
};

// A server: connections of their own, statements prepared once each, and (unless
// INBOX_SYNC_COMMIT=on) commits that do not wait for the WAL to reach the disk. The embedded
// database: one session shared with the main thread, kept open, statements unnamed.
const onServer = 'connectionString' in settings.database;
const commitOptions = onServer && !settings.synchronousCommit ? { options: '-c synchronous_commit=off' } : {};
const pool = new pg.Pool({ ...settings.database, ...commitOptions, max: settings.poolSize, connectionTimeoutMillis: settings.recordTimeoutMs, ...(onServer ? {} : { idleTimeoutMillis: 0 }) });
const idleFailed = throttled('idle database connection of the HTTP front failed');
pool.on('error', (error) => idleFailed({ reason: shortReason(error) }));
const recordFailed = throttled('the HTTP front could not record Slack requests; they are refused with 503 and Slack sends them again');

const upstream = forwarderTo(settings.upstreamSocket, (res) => {
  res.writeHead(503, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '1' });
  res.end(JSON.stringify({ error: 'unavailable' }));
});
const intake = new SlackIntake({
  settings,
  record: (row) => recordInboxRow(pool, row, onServer),
  forward: upstream.forward,
  answer,
  recorded: (request) => report({ type: 'recorded', request }),
  observe,
  databaseFailed: (error) => recordFailed({ reason: shortReason(error) }),
});

const server = createNodeServer((req, res) => {
  const path = req.url?.split('?')[0];
  if (req.method === 'POST' && path === settings.slack.path) {
    intake.handle(req, res).catch((error: unknown) => {
      report({ type: 'log', level: 'error', message: 'the HTTP front failed on a Slack request', fields: { reason: shortReason(error) } });
      if (!res.headersSent) answer(req, res, 500, { error: 'internal' });
    });
  } else upstream.forward(req, res);
});
const stop = stopper(server, () => report({ type: 'log', level: 'warn', message: 'in-flight requests did not finish in time; closing their connections' }));

port.on('message', (command: FrontCommand) => {
  if (command.type === 'done') intake.done(command.count);
  else if (command.type === 'stop') {
    void (async () => {
      await stop(command.timeoutMs);
      clearInterval(flush);
      if (pending.seconds.length > 0) report({ type: 'answered', ...pending });
      upstream.close();
      await pool.end().catch(() => undefined);
      report({ type: 'stopped' });
      port.close();
    })();
  }
});

listen(server, { port: settings.port, host: settings.host }).then(
  (bound) => report({ type: 'listening', ...bound }),
  (error: unknown) => {
    report({ type: 'failed', reason: shortReason(error), code: (error as { code?: string }).code });
    clearInterval(flush);
    void pool.end().catch(() => undefined);
    port.close();
  },
);
