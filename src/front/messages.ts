// What the main thread and the HTTP front's worker thread say to each other (front.ts, worker.ts).

/** How the front reaches the database to record requests: a server's URL, or the embedded database's socket. */
export type FrontDatabase = { connectionString: string } | { host: string; port: number; user: string; database: string };

export interface FrontSettings {
  /** The public port and interface (PORT, HOST). */
  port: number;
  host?: string;
  /** The main thread's HTTP server, on a Unix socket only this user can reach. */
  upstreamSocket: string;
  slack: { signingSecret: string; command: string; path: string };
  database: FrontDatabase;
  /** Connections the front keeps to record requests. */
  poolSize: number;
  /** Written on each recorded row: this instance holds it until `leaseMs` from now. */
  owner: string;
  leaseMs: number;
  /**
   * On a PostgreSQL server: whether recording waits for the WAL to be flushed (INBOX_SYNC_COMMIT).
   * Off, a request is answered once PostgreSQL holds it; a crash of the database server itself
   * within about half a second can then lose it (never a crash of this process).
   */
  synchronousCommit: boolean;
  /** The longest a record may take before the request is refused with 503. */
  recordTimeoutMs: number;
  /** Requests answered and not yet worked on (plus those being recorded) above which new ones are refused with 503. */
  maxHeld: number;
}

/** A request the front recorded and answered: the main thread works on it. */
export interface RecordedRequest {
  id: string;
  /** The body as JSON text (as Slack sent it, or the command's form fields). */
  json: string;
  reqId: string;
  retryNum?: number;
  retryReason?: string;
}

export type FrontReport =
  | { type: 'listening'; port: number; host: string }
  | { type: 'failed'; reason: string; code?: string | undefined }
  | { type: 'recorded'; request: RecordedRequest }
  /** Answers given by the front itself since the last report: seconds to answer each, counts by HTTP status and by inbox outcome. */
  | { type: 'answered'; seconds: number[]; statuses: Record<string, number>; inbox: Record<string, number> }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> }
  | { type: 'stopped' };

export type FrontCommand =
  /** `count` recorded requests were worked on (their places are free again). */
  | { type: 'done'; count: number }
  | { type: 'stop'; timeoutMs: number };
