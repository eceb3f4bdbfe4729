// The load generator of bench:slack-ack: sends pre-built, pre-signed Slack requests at a fixed
// rate (open loop: a slow answer never delays the next send), over a keep-alive agent, and
// records the time from writing each request to the end of its HTTP answer. Signing and body
// building happen before the round starts, so the sender's own cost per request is one
// http.request; the achieved send rate and the worst lateness against the schedule are reported,
// so an overloaded sender shows.
import http from 'node:http';
import { sign } from '../../test/support/slack-requests.ts';

/** A request ready to send: its body and headers, signed for the round it is sent in. */
export interface Prepared {
  body: Buffer;
  headers: Record<string, string>;
}

/** Signs a body the way Slack does (v0 HMAC over timestamp and body), with the current time. */
export function prepare(body: string, contentType: string, timestamp = Math.floor(Date.now() / 1000)): Prepared {
  const bytes = Buffer.from(body);
  return {
    body: bytes,
    headers: {
      'content-type': contentType,
      'content-length': String(bytes.length),
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': sign(body, timestamp),
    },
  };
}

export const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
export const interactionBody = (payload: Record<string, unknown>) => new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

export interface RoundResult {
  /** Milliseconds from write to the end of the answer, for every answered request (any status). */
  latencies: number[];
  sent: number;
  /** Answers with a status outside 2xx. */
  non2xx: number;
  /** No answer: connection error, or none within TIMEOUT_MS (then TIMEOUT_MS is recorded as its latency, a lower bound). */
  errors: number;
  /** Answers later than Slack's 3 seconds (counted in latencies too). */
  late: number;
  /** 2xx answers with a body (for a modal submission: the form's problems, so not posted). */
  nonEmpty: number;
  /** Answers by HTTP status. */
  statuses: Record<number, number>;
  /** The body of the first answer outside 2xx (what the app said), or ''. */
  firstFailure: string;
  /** Requests per second between the first and the last send. */
  sendRate: number;
  /** The latest any request went out after its scheduled time (ms). */
  maxLag: number;
}

/** Slack gives up after 3 s; a request still unanswered after 5 s is abandoned, so an overloaded app cannot stretch a round without end. */
export const TIMEOUT_MS = 5_000;
const SLACK_LIMIT_MS = 3_000;

/** Sends `requests` (cycled) to base/slack/events at `rate` per second for `seconds`. */
export async function runRound(base: string, requests: readonly Prepared[], rate: number, seconds: number): Promise<RoundResult> {
  const url = new URL('/slack/events', base);
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, keepAliveMsecs: 1000 });
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const result: RoundResult = { latencies: [], sent: 0, non2xx: 0, errors: 0, late: 0, nonEmpty: 0, statuses: {}, firstFailure: '', sendRate: 0, maxLag: 0 };
  let sawFailure = false;
  let firstSend = 0;
  let lastSend = 0;
  let pending = 0;
  let allSent = false;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  const settle = () => {
    pending -= 1;
    if (allSent && pending === 0) finish();
  };
  const send = (prepared: Prepared) => {
    pending += 1;
    const started = performance.now();
    let over = false;
    /** Ends this request once: answered with `status`, or (status 0) no answer. */
    const complete = (status: number, bytes: number) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      const ms = performance.now() - started;
      if (status === 0) {
        result.errors += 1;
        // Abandoned at the timeout: its latency is at least that (counted, so p99 shows it).
        if (ms >= TIMEOUT_MS - 1) result.latencies.push(ms);
      } else {
        result.latencies.push(ms);
        result.statuses[status] = (result.statuses[status] ?? 0) + 1;
        if (status < 200 || status >= 300) result.non2xx += 1;
        else if (bytes > 0) result.nonEmpty += 1;
      }
      if (ms > SLACK_LIMIT_MS) result.late += 1;
      settle();
    };
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: prepared.headers }, (res) => {
      let bytes = 0;
      const status = res.statusCode ?? 0;
      const failed = status < 200 || status >= 300;
      const first = failed && !sawFailure;
      if (failed) sawFailure = true;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (first) result.firstFailure += chunk.toString('utf8', 0, 200);
      });
      res.once('end', () => {
        if (first && !result.firstFailure) result.firstFailure = `HTTP ${status}`;
        complete(status, bytes);
      });
      res.once('error', () => complete(0, 0));
    });
    const timer = setTimeout(() => req.destroy(new Error('timeout')), TIMEOUT_MS);
    req.once('error', () => complete(0, 0));
    req.end(prepared.body);
    return started;
  };
  const start = performance.now() + 5;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && start + next * interval <= now) {
        const at = send(requests[next % requests.length]!);
        result.maxLag = Math.max(result.maxLag, at - (start + next * interval));
        if (next === 0) firstSend = at;
        lastSend = at;
        next += 1;
      }
      if (next < total) setTimeout(tick, Math.max(0, start + next * interval - performance.now() - 0.5));
      else resolve();
    };
    setTimeout(tick, 5);
  });
  result.sent = total;
  result.sendRate = total > 1 ? ((total - 1) * 1000) / (lastSend - firstSend) : rate;
  allSent = true;
  if (pending > 0) await done;
  agent.destroy();
  return result;
}

/** The q-quantile of ascending `sorted` (nearest rank). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
