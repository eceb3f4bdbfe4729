// The front's fast path for Slack: a signed request whose answer carries nothing (an event, a
// slash command, a button press) is checked, recorded in the durable inbox and answered 200 here,
// in a thread that does nothing else; the main thread works on it afterwards. Everything else
// (view submissions, option requests, URL verification) goes on to the main thread, whose answer
// depends on the work. Refusals are the same as the main thread's: 401 unsigned or stale, 400
// unreadable or malformed, 200 for kinds never acted on, 413 too large, 503 with Retry-After when
// too much is held or the database does not record in time (Slack sends the request again).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkSlackRequest } from '../platforms/slack/request-check.ts';
import { answeredOnRecord, inboxKey } from '../platforms/slack/request-kinds.ts';
import { requestIdFrom } from '../log-context.ts';
import type { Forward } from './proxy.ts';
import type { FrontSettings, RecordedRequest } from './messages.ts';

/** The body limit, as the main thread's (express.raw's '1mb'). */
export const BODY_LIMIT_BYTES = 1024 * 1024;
const RETRY_AFTER = { load: '1', database: '5' };

export type InboxOutcome = 'recorded' | 'duplicate' | 'refused_load' | 'refused_database';

export interface IntakeDeps {
  settings: Pick<FrontSettings, 'slack' | 'owner' | 'leaseMs' | 'recordTimeoutMs' | 'maxHeld'>;
  record(row: { platform: string; key: string; kind: string; json: string; owner: string; leaseUntil: Date }): Promise<string | null>;
  forward: Forward;
  /** Writes an answer (status, JSON or no body) with the service's headers. */
  answer(req: IncomingMessage, res: ServerResponse, status: number, body?: unknown, headers?: Record<string, string>): void;
  recorded(request: RecordedRequest): void;
  observe(status: number, seconds: number, inbox?: InboxOutcome): void;
  databaseFailed(error: unknown): void;
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (declared > BODY_LIMIT_BYTES) return reject(new TooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new TooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`recording took longer than ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

export class SlackIntake {
  /** Requests being recorded or answered and not yet worked on. */
  private held = 0;

  constructor(private readonly deps: IntakeDeps) {}

  get holding(): number {
    return this.held;
  }

  /** The main thread finished `count` recorded requests. */
  done(count: number): void {
    this.held = Math.max(0, this.held - count);
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const { deps } = this;
    const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
    const answer = (status: number, body?: unknown, inbox?: InboxOutcome, headers?: Record<string, string>) => {
      deps.answer(req, res, status, body, headers);
      deps.observe(status, seconds(), inbox);
    };
    if (this.held >= deps.settings.maxHeld) {
      req.resume();
      return answer(503, { error: 'busy' }, 'refused_load', { 'Retry-After': RETRY_AFTER.load, Connection: 'close' });
    }
    this.held += 1;
    let kept = false;
    try {
      let body: Buffer;
      try {
        body = await readBody(req);
      } catch (error) {
        if (error instanceof TooLarge) return answer(413, { error: 'entity.too.large' });
        return void res.destroy();
      }
      const check = checkSlackRequest(body, { timestamp: header(req, 'x-slack-request-timestamp'), signature: header(req, 'x-slack-signature'), contentType: header(req, 'content-type') }, deps.settings.slack);
      if (!check.ok) return answer(check.status, check.error ? { error: check.error } : undefined);
      const found = answeredOnRecord(check.parsed.body) ? inboxKey(check.parsed.body, check.raw) : null;
      // Answered by the work itself: the main thread checks it again and answers.
      if (!found) return deps.forward(req, res, body);
      const json = check.parsed.json ?? JSON.stringify(check.parsed.body);
      let id: string | null;
      try {
        id = await withTimeout(deps.record({ platform: 'slack', key: found.key, kind: found.kind, json, owner: deps.settings.owner, leaseUntil: new Date(Date.now() + deps.settings.leaseMs) }), deps.settings.recordTimeoutMs);
      } catch (error) {
        deps.databaseFailed(error);
        return answer(503, { error: 'unavailable' }, 'refused_database', { 'Retry-After': RETRY_AFTER.database, Connection: 'close' });
      }
      if (id === null) return answer(200, undefined, 'duplicate');
      answer(200, undefined, 'recorded');
      kept = true;
      const retryNum = Number(header(req, 'x-slack-retry-num'));
      deps.recorded({ id, json, reqId: requestIdFrom(header(req, 'x-request-id')), ...(Number.isInteger(retryNum) ? { retryNum, retryReason: header(req, 'x-slack-retry-reason') } : {}) });
    } finally {
      if (!kept) this.held -= 1;
    }
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
