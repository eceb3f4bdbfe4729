// The one HTTP server. Platforms mount their routers on it (Slack at /slack/events, Teams at
// /api/messages); this file owns health, request logs, the standard security headers, time
// limits for slow clients, JSON error answers (never a stack, never the body in a log) and the
// orderly stop.
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import type { Logger } from '../logger.ts';
import { createNodeServer, HSTS_HEADER, listen, SECURITY_HEADERS, SERVER_TIMEOUTS, stopper } from './node-server.ts';

export { SERVER_TIMEOUTS };

export interface Mount {
  path: string;
  router: Router;
}

export interface HttpServerOptions {
  port: number;
  /** Interface to listen on; undefined listens on every interface. */
  host?: string;
  /** A Unix socket to listen on instead of the port (behind the HTTP front, src/front). */
  socketPath?: string;
  logger: Logger;
  /** Answers whether the database is reachable. */
  checkDatabase(): Promise<boolean>;
  /** Platforms whose sending is paused now (see delivery/error-classes.ts): /healthz says "degraded". */
  pausedPlatforms?(): readonly string[];
  mounts?: Mount[];
  version?: string;
}

export interface RunningHttpServer {
  port: number;
  /** The address actually bound (127.0.0.1, ::, …). */
  host: string;
  /** Stops accepting, lets in-flight requests finish (up to timeoutMs), then closes every socket. */
  stop(timeoutMs: number): Promise<void>;
}

/** Headers every answer carries; HSTS only when the request came over TLS (directly or through the proxy). */
const securityHeaders: RequestHandler = (req, res, next) => {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  if (req.secure) res.setHeader(...HSTS_HEADER);
  next();
};

/**
 * Errors that reach the server (a body that is not JSON, too large, of an unknown encoding): a
 * JSON answer with the status and a short code, and one log line with the type, never the body.
 */
function errorAnswer(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    const e = error as { status?: unknown; statusCode?: unknown; type?: unknown; name?: unknown };
    const raw = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : 500;
    const status = raw >= 400 && raw < 600 ? raw : 500;
    const code = typeof e.type === 'string' ? e.type : status < 500 ? 'bad_request' : 'internal';
    if (status >= 500) logger.error({ type: typeof e.name === 'string' ? e.name : 'Error', path: req.path }, 'HTTP request failed');
    else logger.warn({ status, reason: code, path: req.path }, 'HTTP request refused');
    if (res.headersSent) return next(error);
    res.status(status).json({ error: code });
  };
}

export function createHttpApp(options: HttpServerOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(securityHeaders);
  app.use((req, res, next) => {
    // One debug line per request: nothing is measured when debug lines are not written.
    if (!options.logger.isLevelEnabled('debug')) return next();
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      options.logger.debug({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'http request');
    });
    next();
  });
  app.get('/healthz', async (_req, res) => {
    const database = await options.checkDatabase();
    // A paused platform does not make the process unhealthy (a restart would not help): it is "degraded".
    const paused = options.pausedPlatforms?.() ?? [];
    res.status(database ? 200 : 503).json({
      status: database ? (paused.length > 0 ? 'degraded' : 'ok') : 'unavailable',
      database: database ? 'ok' : 'unreachable',
      ...(paused.length > 0 ? { paused } : {}),
      version: options.version,
      uptimeSeconds: Math.round(process.uptime()),
    });
  });
  for (const mount of options.mounts ?? []) app.use(mount.path, mount.router);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use(errorAnswer(options.logger));
  return app;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = createNodeServer(createHttpApp(options));
  const { port, host } = await listen(server, options.socketPath ? { path: options.socketPath } : { port: options.port, host: options.host });
  return { port, host, stop: stopper(server, () => options.logger.warn('in-flight requests did not finish in time; closing their connections')) };
}
