// A TCP proxy between the service and the PostgreSQL server, which a test can cut and restore:
// "the database goes down" (every open connection is cut and new ones are refused) and "comes
// back", without ever touching the shared server. Listens on a fixed port once started, so the
// service's DATABASE_URL stays valid across an outage.
import net from 'node:net';

export class TcpProxy {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** A proxy in front of the server of this postgres:// URL; `url` is the same URL through the proxy. */
  static forUrl(databaseUrl: string): TcpProxy & { url(): string } {
    const target = new URL(databaseUrl);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432)) as TcpProxy & { url(): string };
    proxy.url = () => {
      const through = new URL(databaseUrl);
      through.hostname = '127.0.0.1';
      through.port = String(proxy.port);
      return through.toString();
    };
    return proxy;
  }

  get up(): boolean {
    return this.server !== undefined;
  }

  async start(): Promise<this> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream);
      upstream.pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as net.AddressInfo).port;
    this.server = server;
    return this;
  }

  /** The database "goes down": open connections are cut, new ones refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The database "comes back" on the same port. */
  async restore(): Promise<void> {
    if (!this.server) await this.start();
  }

  async stop(): Promise<void> {
    await this.cut();
  }
}
