// A platform route takes a bounded number of requests at once; one more is refused at once with
// 503 and Retry-After, and a slot frees when a request ends.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { concurrencyLimit } from '../../../src/http/admission.ts';
import { collectingLogger } from '../../support/logger.ts';

describe('the concurrency limit of a platform route', () => {
  it('refuses what is beyond the limit with 503, and takes requests again when one ends', async () => {
    const waiting: (() => void)[] = [];
    const app = express();
    app.use('/', concurrencyLimit('/api/messages', 2, collectingLogger('info').logger));
    app.post('/api/messages', (_req, res) => void waiting.push(() => res.status(200).json({ ok: true })));
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
    try {
      const held = [fetch(url, { method: 'POST' }), fetch(url, { method: 'POST' })];
      while (waiting.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      const refused = await fetch(url, { method: 'POST' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      waiting.shift()!();
      expect((await held[0]!).status).toBe(200);
      const next = fetch(url, { method: 'POST' });
      while (waiting.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      for (const release of waiting.splice(0)) release();
      expect((await Promise.all([held[1]!, next])).map((response) => response.status)).toEqual([200, 200]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
