// In front of Bolt at /slack/events: reads the body once (up to a limit), checks Slack's
// signature, and judges the shape. Bolt only sees signed requests of a shape its listeners can
// read; other signed requests are answered at once: 200 for kinds the app never acts on, 400 for
// malformed ones. Nothing of the body reaches a log.
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from '../../logger.ts';
import { checkSlackRequest } from './request-check.ts';
import { readSlackBody, type SlackBody } from './request-kinds.ts';

export { readSlackBody, type SlackBody };

export const SLACK_BODY_LIMIT = '1mb';

/** The body as Bolt parses it: form fields (or the JSON in `payload=`), else JSON. */
export function parseSlackBody(raw: string, contentType: string | undefined): unknown {
  return readSlackBody(raw, contentType).body;
}

/** What the gate parsed, for the handlers after it on the same request. */
export function gateBodyOf(req: Request): SlackBody | undefined {
  return (req as Request & { slackBody?: SlackBody }).slackBody;
}

export function slackRequestGate(options: { signingSecret: string; command: string; logger: Logger }): RequestHandler[] {
  const judge = (req: Request, res: Response, next: NextFunction): void => {
    const buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const check = checkSlackRequest(buffer, { timestamp: req.header('x-slack-request-timestamp'), signature: req.header('x-slack-signature'), contentType: req.header('content-type') }, options);
    if (!check.ok) {
      if (check.error === 'invalid_request') options.logger.debug('a malformed Slack request was refused');
      return void (check.error ? res.status(check.status).json({ error: check.error }) : res.status(check.status).end());
    }
    const parsed = check.parsed;
    // Bolt reads the body again from here (as it does on hosts that buffer it); it does not check the signature again.
    (req as Request & { rawBody?: Buffer; slackBody?: SlackBody }).rawBody = buffer;
    (req as Request & { slackBody?: SlackBody }).slackBody = parsed;
    next();
  };
  return [express.raw({ type: () => true, limit: SLACK_BODY_LIMIT }), judge];
}
