// The part every local fake shares: a loopback HTTP server on a free port, the raw request
// body, and JSON answers. Subclasses say what to answer.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply = (status: number, body: unknown, headers?: Record<string, string>) => void;

export abstract class LocalHttpFake {
  private server: http.Server | undefined;
  url = '';

  /** `bytes` is the raw body, for binary uploads. */
  protected abstract handle(req: http.IncomingMessage, raw: string, reply: Reply, bytes: Buffer): void;

  /** Listens on a free port, or on `port` (to come back where a stopped fake was). */
  async start(port = 0): Promise<this> {
    this.server = http.createServer((req, res) => void this.receive(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async receive(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    this.handle(req, bytes.toString('utf8'), (status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    }, bytes);
  }
}
