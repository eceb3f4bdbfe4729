// In front of Bolt at /slack/events: reads the body once (up to a limit), checks Slack's
// signature, and judges the shape. Bolt only sees signed requests of a shape its listeners can
// read; other signed requests are answered at once: 200 for kinds the app never acts on, 400 for
// malformed ones. Nothing of the body reaches a log.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { parse as parseQuery } from 'node:querystring';
import { verifySlackRequest } from '@slack/bolt';
import type { Logger } from '../../logger.ts';
import { judgeSlackRequest } from './request-shapes.ts';

export const SLACK_BODY_LIMIT = '1mb';

/** The body as Bolt parses it: form fields (or the JSON in `payload=`), else JSON. */
export function parseSlackBody(raw: string, contentType: string | undefined): unknown {
  return readSlackBody(raw, contentType).body;
}

/** A request's body, parsed once by the gate, with its JSON text when Slack sent it as JSON (the inbox stores that text as it is). */
export interface SlackBody {
  body: unknown;
  /** The JSON text the body was parsed from (an event, an interaction's `payload=`), or null (a command's form fields). */
  json: string | null;
}

export function readSlackBody(raw: string, contentType: string | undefined): SlackBody {
  if (contentType === 'application/x-www-form-urlencoded') {
    const fields = parseQuery(raw);
    return typeof fields.payload === 'string' ? { body: JSON.parse(fields.payload), json: fields.payload } : { body: { ...fields }, json: null };
  }
  return { body: JSON.parse(raw), json: raw };
}

/** What the gate parsed, for the handlers after it on the same request. */
export function gateBodyOf(req: Request): SlackBody | undefined {
  return (req as Request & { slackBody?: SlackBody }).slackBody;
}

function isSigned(req: Request, raw: string, signingSecret: string): boolean {
  try {
    verifySlackRequest({
      signingSecret,
      body: raw,
      headers: { 'x-slack-signature': req.header('x-slack-signature') ?? '', 'x-slack-request-timestamp': Number(req.header('x-slack-request-timestamp')) },
    });
    return true;
  } catch {
    return false;
  }
}

export function slackRequestGate(options: { signingSecret: string; command: string; logger: Logger }): RequestHandler[] {
  const judge = (req: Request, res: Response, next: NextFunction): void => {
    const buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const raw = buffer.toString('utf8');
    if (!isSigned(req, raw, options.signingSecret)) return void res.status(401).json({ error: 'unauthorized' });
    let parsed: SlackBody;
    try {
      parsed = readSlackBody(raw, req.header('content-type'));
    } catch {
      return void res.status(400).json({ error: 'unreadable_body' });
    }
    const verdict = judgeSlackRequest(parsed.body, options.command);
    if (verdict === 'invalid') {
      options.logger.debug('a malformed Slack request was refused');
      return void res.status(400).json({ error: 'invalid_request' });
    }
    if (verdict === 'ignore') return void res.status(200).end();
    // Bolt reads the body again from here (as it does on hosts that buffer it) and checks the signature again.
    (req as Request & { rawBody?: Buffer; slackBody?: SlackBody }).rawBody = buffer;
    (req as Request & { slackBody?: SlackBody }).slackBody = parsed;
    next();
  };
  return [express.raw({ type: () => true, limit: SLACK_BODY_LIMIT }), judge];
}
