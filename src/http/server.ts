// The one HTTP server. Platforms mount their routers on it (Slack at /slack/events, Teams at
// /api/messages); this file owns health, request logs and the orderly stop.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Router } from 'express';
import type { Logger } from '../logger.ts';

export interface Mount {
  path: string;
  router: Router;
}

export interface HttpServerOptions {
  port: number;
  logger: Logger;
  /** Answers whether the database is reachable. */
  checkDatabase(): Promise<boolean>;
  mounts?: Mount[];
  version?: string;
}

export interface RunningHttpServer {
  port: number;
  /** Stops accepting, lets in-flight requests finish (up to timeoutMs), then closes every socket. */
  stop(timeoutMs: number): Promise<void>;
}

export function createHttpApp(options: HttpServerOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      options.logger.debug({ method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'http request');
    });
    next();
  });
  app.get('/healthz', async (_req, res) => {
    const database = await options.checkDatabase();
    res.status(database ? 200 : 503).json({
      status: database ? 'ok' : 'unavailable',
      database: database ? 'ok' : 'unreachable',
      version: options.version,
      uptimeSeconds: Math.round(process.uptime()),
    });
  });
  for (const mount of options.mounts ?? []) app.use(mount.path, mount.router);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  return app;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const server = http.createServer(createHttpApp(options));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // Responses in flight when the stop begins end their connection instead of keeping it alive.
  const inFlight = new Set<http.ServerResponse>();
  let stopping = false;
  server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight.add(res);
    res.on('close', () => {
      inFlight.delete(res);
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    port,
    stop: (timeoutMs) =>
      new Promise<void>((resolve) => {
        stopping = true;
        for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
        const force = setTimeout(() => {
          options.logger.warn('in-flight requests did not finish in time; closing their connections');
          server.closeAllConnections();
        }, timeoutMs);
        server.close(() => {
          clearTimeout(force);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}
