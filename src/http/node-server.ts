// A node:http server as the service runs it, without Express: the headers every answer carries,
// how long a client may take, listening, and the orderly stop. Shared by the main thread's server
// (server.ts) and the HTTP front's worker thread (src/front), which must not load Express.
import http, { type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Time limits for a client: all request headers, the whole request, and the server's check interval. */
export const SERVER_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000, checkIntervalMs: 1_000, keepAliveMs: 65_000 } as const;

/** The options node:http takes for those limits. */
export const SERVER_OPTIONS: ServerOptions = {
  headersTimeout: SERVER_TIMEOUTS.headersMs,
  requestTimeout: SERVER_TIMEOUTS.requestMs,
  connectionsCheckingInterval: SERVER_TIMEOUTS.checkIntervalMs,
  keepAliveTimeout: SERVER_TIMEOUTS.keepAliveMs,
};

/** Headers every answer carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
};

/** HSTS, for answers to requests that came over TLS (directly or through the proxy). */
export const HSTS_HEADER = ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'] as const;

/** Where a server listens: a port (and interface), or a Unix socket path. */
export type ListenTarget = { port: number; host?: string } | { path: string };

/** Listens; resolves with the port and address bound (for a socket: port 0 and its path). */
export function listen(server: http.Server, target: ListenTarget): Promise<{ port: number; host: string }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    const done = () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'string' || address === null ? { port: 0, host: address ?? '' } : { port: (address as AddressInfo).port, host: (address as AddressInfo).address });
    };
    if ('path' in target) server.listen(target.path, done);
    else server.listen(target.port, target.host, done);
  });
}

/**
 * The orderly stop of a server: stops accepting, lets in-flight requests finish (their answers
 * end the connection instead of keeping it alive) up to `timeoutMs`, then closes every socket;
 * `onForced` hears when the time ran out.
 */
export function stopper(server: http.Server, onForced: () => void): (timeoutMs: number) => Promise<void> {
  const inFlight = new Set<http.ServerResponse>();
  let stopping = false;
  server.on('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    inFlight.add(res);
    res.on('close', () => {
      inFlight.delete(res);
      if (stopping) setImmediate(() => server.closeIdleConnections());
    });
  });
  return (timeoutMs) =>
    new Promise<void>((resolve) => {
      stopping = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
      const force = setTimeout(() => {
        onForced();
        server.closeAllConnections();
      }, timeoutMs);
      server.close(() => {
        clearTimeout(force);
        resolve();
      });
      server.closeIdleConnections();
    });
}

/** A server with the service's time limits. */
export function createNodeServer(handler: http.RequestListener): http.Server {
  const server = http.createServer(SERVER_OPTIONS, handler);
  server.keepAliveTimeout = SERVER_TIMEOUTS.keepAliveMs;
  return server;
}
