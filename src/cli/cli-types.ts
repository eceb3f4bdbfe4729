// What every CLI command gets: the core (on the configured database), a translator in the
// operator's language (DEFAULT_LOCALE), the operator as an admin actor, and its output.
import type { Actor } from '../app/support/actor.ts';
import type { Translator } from '../domain/i18n/translator.ts';
import type { AppContext } from '../ports.ts';

export interface Progress {
  /** Sets how much is done (0..total). */
  update(done: number): void;
  finish(): void;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** A bar on a terminal, a plain line every tenth otherwise. */
  progress(label: string, total: number): Progress;
  /** Reads a file the operator named (relative to the working directory). */
  readFile(path: string): Promise<Buffer>;
}

export interface CliContext {
  ctx: AppContext;
  tr: Translator;
  io: CliIo;
  actor: Actor;
}

export interface CliCommand {
  name: string;
  /** The arguments, as shown in the help ("<file.csv> [--dry-run]"). */
  usage: string;
  /** Catalog key of the one-line description. */
  summary: string;
  run(args: string[], cli: CliContext): Promise<number>;
}

/** A wrong command line: the message (already translated) and the command's usage are printed. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
