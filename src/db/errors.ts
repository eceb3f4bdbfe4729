/** A reason the service cannot start or reach its database, worded for the operator. */
export class DatabaseStartError extends Error {
  constructor(
    readonly code: 'data_dir_in_use' | 'data_dir_invalid' | 'data_dir_unreadable' | 'database_unreachable' | 'migration_history' | 'migration_failed',
    message: string,
    options?: { cause?: unknown },
    /** Values for a translated message (e.g. the data directory and the process holding it). */
    readonly params: Record<string, string | number> = {},
  ) {
    super(message, options);
    this.name = 'DatabaseStartError';
  }
}

/** The driver's reason in a few words, never a connection string. */
export function shortReason(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const first = error.message.split('\n')[0] ?? '';
    return typeof code === 'string' && !first.includes(code) ? `${code}: ${first}` : first;
  }
  return String(error);
}
