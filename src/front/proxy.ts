// Hands a request the front does not answer itself to the main thread's server on its Unix
// socket, and streams the answer back. Hop-by-hop headers stay on their own hop; the client's
// address is appended to X-Forwarded-For. When the main thread cannot be reached the client gets
// 503, never a hanging connection.
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-authenticate']);

function endToEnd(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

export type Forward = (req: IncomingMessage, res: ServerResponse, body?: Buffer) => void;

/** A forwarder to the server on `socketPath`, over kept-alive connections. */
export function forwarderTo(socketPath: string, unavailable: (res: ServerResponse) => void): { forward: Forward; close(): void } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const forward: Forward = (req, res, body) => {
    const headers = endToEnd(req.headers);
    const client = req.socket.remoteAddress;
    if (client) headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${String(req.headers['x-forwarded-for'])}, ${client}` : client;
    if (body) headers['content-length'] = String(body.length);
    const upstream = http.request({ socketPath, agent, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) unavailable(res);
      else res.destroy();
    });
    // A client that leaves stops the work upstream too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    if (body) upstream.end(body);
    else req.pipe(upstream);
  };
  return { forward, close: () => agent.destroy() };
}
