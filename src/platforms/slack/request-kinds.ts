// What kind of Slack request a body is, read without Bolt or Express (the HTTP front's worker
// thread loads this file too): how a body is parsed, the key and kind it is recorded under in
// the durable inbox, and whether its answer carries nothing (so it is answered once recorded).
import { createHash, randomUUID } from 'node:crypto';
import { parse as parseQuery } from 'node:querystring';

/** A request's body, parsed once, with its JSON text when Slack sent it as JSON (the inbox stores that text as it is). */
export interface SlackBody {
  body: unknown;
  /** The JSON text the body was parsed from (an event, an interaction's `payload=`), or null (a command's form fields). */
  json: string | null;
}

/** The body as Bolt parses it: form fields (or the JSON in `payload=`), else JSON. Throws on unreadable JSON. */
export function readSlackBody(raw: string, contentType: string | undefined): SlackBody {
  if (contentType === 'application/x-www-form-urlencoded') {
    const fields = parseQuery(raw);
    return typeof fields.payload === 'string' ? { body: JSON.parse(fields.payload), json: fields.payload } : { body: { ...fields }, json: null };
  }
  return { body: JSON.parse(raw), json: raw };
}

const fieldsOf = (body: unknown) => (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;

/**
 * The key and kind a Slack request is recorded under, or null for requests that are not recorded
 * (answered at once, nothing to act on). Slack sends an event again with the same event_id when
 * it got no 200; it never sends a command or an interaction again, so each of those is new.
 */
export function inboxKey(body: unknown, raw: string): { key: string; kind: string } | null {
  const fields = fieldsOf(body);
  const type = fields.type;
  if (type === 'url_verification' || type === 'ssl_check' || type === 'block_suggestion') return null;
  if (type === 'event_callback') return { key: `event:${typeof fields.event_id === 'string' ? fields.event_id : createHash('sha256').update(raw).digest('hex')}`, kind: 'event' };
  if (type === undefined && 'command' in fields) return { key: `command:${randomUUID()}`, kind: 'command' };
  return { key: `${String(type)}:${randomUUID()}`, kind: 'interaction' };
}

/**
 * Requests whose answer carries nothing (events, slash commands, button presses): once recorded
 * they are acknowledged at once, and the work waits its turn. View submissions answer with
 * errors or a new view, and option requests with options, so they are answered by their listener.
 */
export function answeredOnRecord(body: unknown): boolean {
  const fields = fieldsOf(body);
  return fields.type === 'event_callback' || fields.type === 'block_actions' || (fields.type === undefined && 'command' in fields);
}
