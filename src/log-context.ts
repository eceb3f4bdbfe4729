// Which request or job a log line belongs to. HTTP requests and scheduled runs each get an id,
// kept in an AsyncLocalStorage; the logger adds it to every line written while that work runs
// (its `mixin`). Work started by the process itself (start-up, the outbox dispatcher's loop)
// carries the process' own job id.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export type LogContext = { reqId: string } | { jobId: string };

const storage = new AsyncLocalStorage<LogContext>();

/** Work outside any request or scheduled run (start-up, the dispatcher's loop, the stop): this process' id. */
const PROCESS_JOB: LogContext = { jobId: `process:${randomUUID().slice(0, 8)}` };

/**
 * The fields to add to a log line: the id of the request or job under way, else the process' own.
 * Always a new object: pino merges each line's own fields INTO what the mixin returns, so handing
 * it the stored context would carry every earlier line's fields (errors, configuration, counts)
 * into every later line of the same request, or of the whole process.
 */
export function logContextFields(): LogContext {
  const context = storage.getStore() ?? PROCESS_JOB;
  return 'reqId' in context ? { reqId: context.reqId } : { jobId: context.jobId };
}

/** Runs `work` as a job with a fresh id `<name>:<uuid>` (or as the request `reqId`). */
export function withJobId<T>(name: string, work: () => T): T {
  return storage.run({ jobId: `${name}:${randomUUID()}` }, work);
}

export function withRequestId<T>(reqId: string, work: () => T): T {
  return storage.run({ reqId }, work);
}

/** A request id from the load balancer (X-Request-Id) when it is a plain token, else a new one. */
export function requestIdFrom(header: string | undefined): string {
  return header && /^[\w.:-]{1,100}$/.test(header) ? header : randomUUID();
}
