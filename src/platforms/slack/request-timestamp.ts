// Bolt refuses requests signed more than five minutes ago; we also refuse ones "signed" more
// than five minutes in the future, which a replayed or forged request could carry.
import type { NextFunction, Request, Response } from 'express';
import { isFreshTimestamp } from './signature.ts';

export function rejectStaleTimestamps(req: Request, res: Response, next: NextFunction): void {
  if (!isFreshTimestamp(req.header('x-slack-request-timestamp'))) {
    res.status(401).end();
    return;
  }
  next();
}
