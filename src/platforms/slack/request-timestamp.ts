// Bolt refuses requests signed more than five minutes ago; we also refuse ones "signed" more
// than five minutes in the future, which a replayed or forged request could carry.
import type { NextFunction, Request, Response } from 'express';

const WINDOW_SECONDS = 5 * 60;

export function rejectStaleTimestamps(req: Request, res: Response, next: NextFunction): void {
  const header = req.header('x-slack-request-timestamp');
  const timestamp = header === undefined ? Number.NaN : Number(header);
  const now = Math.floor(Date.now() / 1000);
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > WINDOW_SECONDS) {
    res.status(401).end();
    return;
  }
  next();
}
