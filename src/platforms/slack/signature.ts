// Slack's request signature (https://api.slack.com/authentication/verifying-requests-from-slack):
// `v0=` and the hex HMAC-SHA256 of `v0:<timestamp>:<raw body>` under the signing secret, with a
// timestamp within five minutes of now, either way (a replayed or forged request may carry one
// from the future). Plain node:crypto, so the HTTP front's worker thread can check it without Bolt.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_WINDOW_SECONDS = 5 * 60;

/** True when the request timestamp header is an integer within the window of `nowSeconds`. */
export function isFreshTimestamp(header: string | undefined, nowSeconds = Math.floor(Date.now() / 1000)): boolean {
  const timestamp = header === undefined ? Number.NaN : Number(header);
  return Number.isInteger(timestamp) && Math.abs(nowSeconds - timestamp) <= SIGNATURE_WINDOW_SECONDS;
}

/** True when `signature` is Slack's signature of `raw` sent at `timestamp` (and the timestamp is fresh). */
export function isSlackSigned(raw: string | Buffer, timestamp: string | undefined, signature: string | undefined, signingSecret: string): boolean {
  if (!signingSecret || !signature || !isFreshTimestamp(timestamp)) return false;
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(raw).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
