// Slack's side of the durable inbox (src/inbox/inbox.ts). In front of Bolt: a request that finds
// no free slot is refused at once (503, Retry-After) before its body is read; a signed request
// of a kind the app acts on is recorded before Bolt sees it (the database failing or too slow
// answers 503, so Slack sends it again later); a retry of a request already recorded is
// acknowledged and not acted on again. Behind Bolt: the app marks the request done when its
// listeners finished, or failed (processed again later) when one threw an error worth another
// try. The worker replays unfinished requests through Bolt with an acknowledgement that goes
// nowhere (the first answer was given long ago).
import { AsyncLocalStorage } from 'node:async_hooks';
import { App, type AppOptions, type ReceiverEvent } from '@slack/bolt';
import type { Request, RequestHandler, Response } from 'express';
import { DomainError } from '../../domain/errors.ts';
import { InboxTicket, InboxUnavailable, JsonText, type Inbox } from '../../inbox/inbox.ts';
import type { InboxRecord } from '../../ports-inbox.ts';
import type { RecordedRequest } from '../../front/messages.ts';
import { withRequestId } from '../../log-context.ts';
import { safeError, type Logger } from '../../logger.ts';
import { gateBodyOf } from './request-gate.ts';
import { answeredOnRecord, inboxKey, readSlackBody } from './request-kinds.ts';

export { answeredOnRecord, inboxKey };

/** Seconds a refused client is asked to wait: the load passes quickly; an outage is retried by Slack anyway. */
const RETRY_AFTER = { load: '1', database: '5' };

function refuse(res: Response, retryAfter: string, error: string): void {
  res.setHeader('Retry-After', retryAfter);
  res.setHeader('Connection', 'close');
  res.status(503).json({ error });
}

/** First on the route: a slot for the request, or 503 before anything is read. */
export function admitSlackRequest(inbox: Inbox): RequestHandler {
  return (_req, res, next) => {
    const ticket = inbox.admit();
    if (!ticket) return refuse(res, RETRY_AFTER.load, 'busy');
    res.locals.inboxTicket = ticket;
    // A request answered before Bolt took it (refused, ignored, failed) frees its slot.
    res.on('close', () => {
      if (!ticket.processing) ticket.release();
    });
    next();
  };
}

/** After the signature and shape checks: recorded, or answered. */
export function recordSlackRequest(inbox: Inbox): RequestHandler {
  return async (req, res, next) => {
    const ticket = res.locals.inboxTicket as InboxTicket | undefined;
    if (!ticket) return next();
    const raw = (req as Request & { rawBody?: Buffer }).rawBody?.toString('utf8') ?? '';
    // Parsed once by the gate; JSON text Slack sent is stored as it came, not serialised again.
    const parsed = gateBodyOf(req) ?? readSlackBody(raw, req.header('content-type'));
    const found = inboxKey(parsed.body, raw);
    if (!found) return next();
    try {
      if (!(await inbox.record(ticket, found.key, found.kind, parsed.json === null ? parsed.body : new JsonText(parsed.json)))) return void res.status(200).end();
    } catch (error) {
      if (error instanceof InboxUnavailable) return refuse(res, RETRY_AFTER.database, 'unavailable');
      return next(error);
    }
    next();
  };
}

/** The ticket travels to Bolt as a custom property of the request. */
export const inboxTicketOf = (req: Request) => ({ inboxTicket: (req.res?.locals.inboxTicket as InboxTicket | undefined) ?? null });

const failures = new AsyncLocalStorage<{ error?: unknown }>();

/** Called from app.error: a listener of the request being processed failed. */
export function noteListenerFailure(error: unknown): void {
  const scope = failures.getStore();
  if (scope && scope.error === undefined) scope.error = error;
}

/** Failures another try cannot mend: the core refused (DomainError), or Slack refused the call as made. */
function worthAnotherTry(error: unknown): boolean {
  const original = (error as { original?: unknown }).original ?? error;
  if (original instanceof DomainError) return false;
  return (original as { code?: unknown }).code !== 'slack_webapi_platform_error';
}

/** Runs Bolt's processing; throws when a listener failed in a way another try may mend. */
async function failingOn(work: () => Promise<void>): Promise<void> {
  const scope: { error?: unknown } = {};
  await failures.run(scope, work);
  if (scope.error !== undefined && worthAnotherTry(scope.error)) throw scope.error;
}

/** At most `max` pieces of work at once; the others wait in arrival order. */
export class WorkGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** How the app works on recorded requests: answered on record (production), and how many at once. */
export interface InboxWork {
  answerOnRecord: boolean;
  concurrency: number;
}

/** Listener work running at once; more waits (in memory, bounded by the inbox's admission limit). */
export const SLACK_WORK_CONCURRENCY = 8;

/** A Bolt app whose requests are marked done (or failed) in the inbox once processed. */
export class InboxApp extends App {
  private inbox: Inbox | null = null;
  private log: Logger | null = null;
  private work: InboxWork = { answerOnRecord: false, concurrency: SLACK_WORK_CONCURRENCY };
  private gate = new WorkGate(SLACK_WORK_CONCURRENCY);

  constructor(options: AppOptions) {
    super(options);
  }

  useInbox(inbox: Inbox, logger: Logger, work: Partial<InboxWork> = {}): void {
    this.inbox = inbox;
    this.log = logger;
    this.work = { ...this.work, ...work };
    this.gate = new WorkGate(this.work.concurrency);
  }

  override async processEvent(event: ReceiverEvent): Promise<void> {
    const { inboxTicket, ...customProperties } = (event.customProperties ?? {}) as { inboxTicket?: unknown };
    const plain = { ...event, customProperties };
    if (!this.inbox || !(inboxTicket instanceof InboxTicket)) return super.processEvent(plain);
    if (this.work.answerOnRecord && answeredOnRecord(plain.body)) return this.answerThenWork(this.inbox, plain, inboxTicket);
    // Bolt itself refusing the request (before any listener) is not worth another try: the
    // request is done, and the refusal goes on to the receiver, which answers it.
    let refusal: { error: unknown } | null = null;
    await this.processRecorded(this.inbox, inboxTicket, plain, (error) => {
      refusal = { error };
    });
    if (refusal) throw (refusal as { error: unknown }).error;
  }

  /** Bolt's processing of a recorded request, marked done or failed in the inbox; `refused` hears Bolt's own refusals. */
  private processRecorded(inbox: Inbox, ticket: InboxTicket, event: ReceiverEvent, refused: (error: unknown) => void): Promise<void> {
    const isEvent = (event.body as { type?: unknown }).type === 'event_callback';
    return inbox.process(ticket, 0, () => failingOn(() => super.processEvent(event).catch(refused)), isEvent);
  }

  /**
   * The acknowledgement goes out now (the request is recorded); the listeners run when the gate
   * lets them, with an acknowledgement that goes nowhere. Our work never delays an answer to Slack.
   */
  private async answerThenWork(inbox: Inbox, event: ReceiverEvent, ticket: InboxTicket): Promise<void> {
    // Held from here: the answer closing the connection must not free the slot of queued work.
    ticket.processing = true;
    // The request is recorded: if the answer cannot be written (the connection is gone), Slack
    // sends an event again and the inbox knows it; the work is done either way.
    await event.ack().catch((error: unknown) => this.log?.warn({ err: safeError(error) }, 'could not answer a Slack request'));
    const quiet: ReceiverEvent = { ...event, ack: async () => undefined };
    void this.gate.run(() => this.processRecorded(inbox, ticket, quiet, (error) => this.log?.warn({ err: safeError(error) }, 'Slack could not process a recorded request')));
  }

  /**
   * Works on a request the HTTP front recorded and answered (src/front): behind the same gate as
   * requests answered on record here, marked done or failed in the inbox the same way.
   */
  workOnRecorded(request: RecordedRequest): Promise<void> {
    const inbox = this.inbox;
    if (!inbox) return Promise.reject(new Error('the Slack inbox is not in use'));
    const ticket = inbox.adopt(request.id);
    const event: ReceiverEvent = {
      body: JSON.parse(request.json) as ReceiverEvent['body'],
      ack: async () => undefined,
      ...(request.retryNum === undefined ? {} : { retryNum: request.retryNum, retryReason: request.retryReason }),
    };
    return withRequestId(request.reqId, () => this.gate.run(() => this.processRecorded(inbox, ticket, event, (error) => this.log?.warn({ err: safeError(error) }, 'Slack could not process a recorded request'))));
  }

  /** Processes a recorded request again (for the worker); throws when it failed again. */
  replay(record: InboxRecord): Promise<void> {
    const event = { body: record.body as ReceiverEvent['body'], ack: async () => undefined, retryNum: record.attempts, retryReason: 'inbox_replay' };
    return failingOn(() =>
      super.processEvent(event).catch((error: unknown) => {
        this.log?.warn({ err: safeError(error), inbox: record.id }, 'Slack could not process a recorded request again; it is given up');
      }),
    );
  }
}
