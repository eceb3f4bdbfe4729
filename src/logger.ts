// Structured JSON logs (pino). Secrets and personal data never belong in a log line: log ids,
// counts and codes. The redaction list is a safety net for mistakes, not a licence.
import pino from 'pino';

export type Logger = pino.Logger;

const REDACTED_KEYS = [
  'token', 'botToken', 'appToken', 'password', 'appPassword', 'secret', 'signingSecret',
  'authorization', 'cookie', 'url', 'databaseUrl', 'email', 'text', 'displayName',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'alumni-bridge' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((key) => `*.${key}`), 'req.headers.authorization', 'req.headers.cookie'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/**
 * What a log line may say about an error: its type, code, HTTP status and first message line.
 * Never the whole object: SDK errors carry the request they failed on, with people's words.
 */
export function safeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 200) };
  const e = error as Error & { code?: unknown; statusCode?: unknown; status?: unknown };
  return {
    type: error.name,
    message: (error.message.split('\n')[0] ?? '').slice(0, 300),
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { status: e.statusCode } : typeof e.status === 'number' ? { status: e.status } : {}),
  };
}
