// Serves PostgreSQL's wire protocol on a Unix domain socket from one PGlite instance (runs in the
// embedded database's worker thread). PGlite is a single database session, so clients take
// turns: a client that starts an exchange (a simple query, an extended-protocol batch up to its
// Sync, or a whole transaction) keeps the session until the backend is idle again, and the others
// wait. A client that disconnects half-way has its exchange ended and its transaction rolled back.
import { createServer, type Server, type Socket } from 'node:net';
import { rmSync } from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import { endsWithReadyForQuery, finalReadyStatus, queryMessage, splitMessages, SYNC_MESSAGE, TERMINATE, type FrontendMessage } from './wire-protocol.ts';

class Client {
  pending: FrontendMessage[] = [];
  buffer: Buffer = Buffer.alloc(0);
  started = false;
  closed = false;
  constructor(readonly socket: Socket) {}
}

export class WireServer {
  private readonly server: Server;
  private readonly clients = new Set<Client>();
  /** Clients with complete messages waiting, in arrival order. */
  private readonly waiting: Client[] = [];
  /** The client in the middle of an exchange or a transaction, if any. */
  private owner: Client | null = null;
  private running = false;

  /** `onFatal` hears of a PGlite failure; the session cannot be trusted after one. */
  constructor(
    private readonly db: PGlite,
    private readonly onFatal: (error: unknown) => void,
  ) {
    this.server = createServer((socket) => this.accept(socket));
  }

  listen(socketPath: string): Promise<void> {
    rmSync(socketPath, { force: true });
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(socketPath, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** Stops accepting, drops every client (rolling back an open transaction) and closes the socket. */
  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const client of this.clients) client.socket.destroy();
    await closed;
    while (this.running) await new Promise((resolve) => setImmediate(resolve));
  }

  private accept(socket: Socket): void {
    const client = new Client(socket);
    this.clients.add(client);
    socket.on('data', (chunk: Buffer) => this.receive(client, chunk));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.drop(client));
  }

  private receive(client: Client, chunk: Buffer): void {
    if (client.closed) return;
    let split;
    try {
      split = splitMessages(client.buffer.length > 0 ? Buffer.concat([client.buffer, chunk]) : chunk, client.started);
    } catch {
      client.socket.destroy();
      return;
    }
    client.buffer = split.rest;
    client.started = split.started;
    for (const message of split.messages) {
      if (message.kind === 'ssl' || message.kind === 'gss') client.socket.write('N');
      else if (message.kind === 'cancel') client.socket.end();
      else if (message.kind === 'regular' && message.type === TERMINATE) client.socket.end();
      else client.pending.push(message);
    }
    if (client.pending.length > 0 && !this.waiting.includes(client)) this.waiting.push(client);
    this.pump();
  }

  private drop(client: Client): void {
    client.closed = true;
    client.pending = [];
    this.clients.delete(client);
    const index = this.waiting.indexOf(client);
    if (index >= 0) this.waiting.splice(index, 1);
    this.pump();
  }

  /** Runs waiting exchanges one at a time, the owner's first; never two at once. */
  private pump(): void {
    if (this.running) return;
    this.running = true;
    void this.drain()
      .catch((error: unknown) => this.onFatal(error))
      .finally(() => {
        this.running = false;
      });
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.owner?.closed) await this.abandon();
      const client = this.owner ?? this.waiting[0];
      if (!client || client.pending.length === 0) return;
      const index = this.waiting.indexOf(client);
      if (index >= 0) this.waiting.splice(index, 1);
      await this.serve(client, client.pending.splice(0));
    }
  }

  private async serve(client: Client, messages: FrontendMessage[]): Promise<void> {
    let last = 0;
    const regular: Buffer[] = [];
    for (const message of messages) {
      if (message.kind === 'startup') {
        await this.flushBatch(client, regular.splice(0));
        this.answer(client, await this.exec(message.bytes));
      } else if (message.kind === 'regular') {
        regular.push(message.bytes);
        last = message.type;
      }
    }
    const output = await this.flushBatch(client, regular);
    const idle = output !== null && endsWithReadyForQuery(last) && finalReadyStatus(output) === 'I';
    this.owner = output === null || idle ? null : client;
  }

  /** Runs the messages in one call; null when there were none. */
  private async flushBatch(client: Client, batch: Buffer[]): Promise<Uint8Array | null> {
    if (batch.length === 0) return null;
    const output = await this.exec(batch.length === 1 ? (batch[0] as Buffer) : Buffer.concat(batch));
    this.answer(client, output);
    return output;
  }

  private exec(bytes: Buffer): Promise<Uint8Array> {
    return this.db.runExclusive(() => this.db.execProtocolRaw(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
  }

  private answer(client: Client, output: Uint8Array): void {
    // A copy: PGlite reuses its buffer, and the socket may still be writing this one later.
    if (output.length > 0 && !client.closed && client.socket.writable) client.socket.write(Buffer.from(output));
  }

  /** The owner left in the middle of an exchange: end it and roll back what it began. */
  private async abandon(): Promise<void> {
    this.owner = null;
    await this.exec(SYNC_MESSAGE);
    if (this.db.isInTransaction()) await this.exec(queryMessage('ROLLBACK'));
  }
}
