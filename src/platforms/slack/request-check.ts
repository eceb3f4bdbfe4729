// The checks every Slack request passes before anything acts on it, in order: a fresh timestamp
// and a valid signature (401), a readable body (400), and a shape the listeners can read (400 for
// malformed, 200 and ignored for kinds the app never acts on). Without Express or Bolt: the
// request gate in front of Bolt and the HTTP front's worker thread run the same checks.
import { judgeSlackRequest } from './request-shapes.ts';
import { readSlackBody, type SlackBody } from './request-kinds.ts';
import { isSlackSigned } from './signature.ts';

/** The headers the checks read. */
export interface SlackHeaders {
  timestamp: string | undefined;
  signature: string | undefined;
  contentType: string | undefined;
}

/** A refusal, with the status and JSON answer it gets (none for a 200 without a body). */
export interface SlackRefusal {
  ok: false;
  status: 200 | 400 | 401;
  error?: 'unauthorized' | 'unreadable_body' | 'invalid_request';
}

export type SlackCheck = { ok: true; parsed: SlackBody; raw: string } | SlackRefusal;

export function checkSlackRequest(body: Buffer, headers: SlackHeaders, options: { signingSecret: string; command: string }): SlackCheck {
  const raw = body.toString('utf8');
  if (!isSlackSigned(body, headers.timestamp, headers.signature, options.signingSecret)) return { ok: false, status: 401, error: 'unauthorized' };
  let parsed: SlackBody;
  try {
    parsed = readSlackBody(raw, headers.contentType);
  } catch {
    return { ok: false, status: 400, error: 'unreadable_body' };
  }
  const verdict = judgeSlackRequest(parsed.body, options.command);
  if (verdict === 'invalid') return { ok: false, status: 400, error: 'invalid_request' };
  if (verdict === 'ignore') return { ok: false, status: 200 };
  return { ok: true, parsed, raw };
}
