// Structured JSON logs (pino). Secrets and personal data never belong in a log line: log ids,
// counts and codes. The redaction list is a safety net for mistakes, not a licence.
import pino from 'pino';
import { logContextFields } from './log-context.ts';

export type Logger = pino.Logger;

const REDACTED_KEYS = [
  'token', 'botToken', 'appToken', 'password', 'appPassword', 'secret', 'signingSecret',
  'authorization', 'cookie', 'url', 'databaseUrl', 'email', 'text', 'displayName',
];

/**
 * Standard output, written synchronously. pino's default (asynchronous) destination flushes its
 * buffer when the process exits and, when nobody reads stdout any more (`npm start | tee log`
 * after tee ended, a restarted log shipper), retries that flush forever: SIGTERM then never
 * ends the process. Written line by line, a broken pipe is noticed at once and logging stops
 * quietly (pino's own EPIPE handling), and there is no buffer left to flush at exit.
 */
export function standardOutput(): pino.DestinationStream {
  return pino.destination({ dest: 1, sync: true });
}

export function createLogger(level: string, destination: pino.DestinationStream = standardOutput()): Logger {
  return pino(
    {
      level,
      base: { service: 'alumni-bridge' },
      // Every line says which request or scheduled run it belongs to (reqId / jobId).
      mixin: logContextFields,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // pino's own error serializer would rewrite what safeError made (type "Object", empty
      // message and stack); anything else passed as `err` by mistake is made safe here.
      serializers: { err: (value: unknown) => (isSafeError(value) ? value : safeError(value)) },
      redact: {
        paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((key) => `*.${key}`), 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/**
 * One line of an error message that says what went wrong: the first non-empty line (Prisma puts
 * the reason last, after an empty first line and the calling code). Quoted literals, which
 * PostgreSQL fills with the offending values, are left out.
 */
function reasonLine(message: string): string {
  const lines = message.split('\n').map((line) => line.trim()).filter(Boolean);
  const line = (lines[0]?.startsWith('Invalid `') ? lines.at(-1) : lines[0]) ?? '';
  return line.replace(/"[^"]*"/g, '"…"').slice(0, 300);
}

const SAFE_ERROR_KEYS = new Set(['type', 'message', 'code', 'status']);

function isSafeError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !(value instanceof Error) && Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).every((key) => SAFE_ERROR_KEYS.has(key));
}

/**
 * What a log line may say about an error: its type, code, HTTP status and one line of its message.
 * Never the whole object: SDK errors carry the request they failed on, with people's words.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { type: typeof error, message: String(error).slice(0, 200) };
  const e = error as { name?: unknown; message?: unknown; code?: unknown; statusCode?: unknown; status?: unknown; constructor?: { name?: unknown } };
  const type = typeof e.name === 'string' && e.name !== 'Error' ? e.name : typeof e.constructor?.name === 'string' ? e.constructor.name : 'Error';
  return {
    type,
    message: typeof e.message === 'string' ? reasonLine(e.message) : '',
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { status: e.statusCode } : typeof e.status === 'number' ? { status: e.status } : {}),
  };
}

/**
 * A warning that may repeat fast (refused requests from the internet): at most one line per
 * interval, which counts the ones left out since the last.
 */
export function throttledWarning(logger: Logger, msg: string, intervalMs = 60_000): (fields?: Record<string, unknown>) => void {
  let last = Number.NEGATIVE_INFINITY;
  let left = 0;
  return (fields = {}) => {
    const now = Date.now();
    if (now - last < intervalMs) {
      left += 1;
      return;
    }
    logger.warn({ ...fields, ...(left > 0 ? { notLogged: left } : {}) }, msg);
    last = now;
    left = 0;
  };
}

/**
 * Node's own warnings (a dependency's deprecation notice, …) become log lines like every other,
 * instead of free text on stderr: Node's printer is replaced by one that logs type, code and the
 * first line of the message.
 */
export function routeProcessWarnings(logger: Logger, target: NodeJS.Process = process): void {
  target.removeAllListeners('warning');
  target.on('warning', (warning: Error & { code?: unknown }) => {
    logger.warn({ type: warning.name, ...(typeof warning.code === 'string' ? { code: warning.code } : {}) }, (warning.message.split('\n')[0] ?? '').slice(0, 300));
  });
}
