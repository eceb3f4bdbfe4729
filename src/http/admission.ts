// Load beyond capacity is refused early: a platform route takes at most `limit` requests at once
// and answers any more at once with 503 and Retry-After, before reading the body or doing any
// work, instead of taking everything and failing half of it later. (Slack requests have their
// own bound in the durable inbox, which also counts the work done after the answer.)
import express, { type Router } from 'express';
import type { Logger } from '../logger.ts';
import { throttledWarning } from '../logger.ts';

export function concurrencyLimit(path: string, limit: number, logger: Logger): Router {
  const router = express.Router();
  const refused = throttledWarning(logger, 'requests refused: this instance is busy');
  let active = 0;
  router.post(path, (_req, res, next) => {
    if (active >= limit) {
      refused({ path, limit });
      res.setHeader('Retry-After', '1');
      res.setHeader('Connection', 'close');
      return void res.status(503).json({ error: 'busy' });
    }
    active += 1;
    res.once('close', () => {
      active -= 1;
    });
    next();
  });
  return router;
}
