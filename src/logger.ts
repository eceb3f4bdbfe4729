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
