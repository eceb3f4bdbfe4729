// Every refusal in the core is a DomainError with a code. Adapters translate the code (and
// any field problems) into a message in the person's language through the i18n catalogs.

export type DomainErrorCode =
  | 'validation'
  | 'forbidden'
  | 'not_found'
  | 'illegal_transition'
  | 'already_answered'
  | 'no_consent'
  | 'no_identity'
  | 'conflict'
  | 'duplicate';

/** One invalid field: which field, and the catalog key (with parameters) that says why. */
export interface FieldProblem {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

export interface DomainErrorDetails {
  fields?: FieldProblem[];
  /** Extra parameters for the error's catalog text, e.g. the state a transition came from. */
  params?: Record<string, string | number>;
  /** A more precise catalog text than `errors.<code>` (e.g. a stale press, said for the presser's role). */
  messageKey?: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: DomainErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DomainError';
  }
}

export function invalid(fields: FieldProblem[]): DomainError {
  return new DomainError('validation', `invalid input: ${fields.map((problem) => problem.field).join(', ')}`, { fields });
}
