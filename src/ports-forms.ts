// The forms side of the ports: definitions (versioned, newest per key) and sessions (one person
// answering one form about one engagement). Re-exported from ports.ts.
import type { FormDefinition, ParsedFormDefinition } from './domain/forms/definition.ts';
import type { FormProgress } from './domain/forms/engine.ts';
import type { Platform } from './domain/vocabulary.ts';

export type FormSubjectType = 'request' | 'invitation';
export type FormSessionState = 'active' | 'completed' | 'expired' | 'cancelled';

export interface FormSessionRecord {
  id: string;
  formId: string;
  personId: string;
  /** `request` for the owner's form, `invitation` for a contributor's. */
  subjectType: FormSubjectType;
  subjectId: string;
  /** The request the engagement belongs to (the invitation's request for a contributor). */
  requestId: string;
  state: FormSessionState;
  platform: Platform | null;
  progress: FormProgress;
  expiresAt: Date;
  /** When the one reminder goes out if the form is still open. */
  remindAt: Date | null;
  remindedAt: Date | null;
  completedAt: Date | null;
  /** When this became the person's current conversation; null while it waits its turn or is paused. */
  focusedAt: Date | null;
  createdAt: Date;
}

export interface FormSessionPatch {
  state?: FormSessionState;
  platform?: Platform;
  progress?: FormProgress;
  remindedAt?: Date;
  completedAt?: Date;
  focusedAt?: Date | null;
}

export interface FormDefinitionListing {
  key: string;
  version: number;
  title: { nb: string; en: string };
  audience: ParsedFormDefinition['audience'];
  requestTypes: ParsedFormDefinition['requestTypes'];
  anonymous: boolean;
  questions: number;
  sessions: number;
  createdAt: Date;
}

export interface FormRepository {
  /** The newest version of every form. */
  findLatestDefinitions(): Promise<FormDefinition[]>;
  findLatestDefinition(key: string): Promise<FormDefinition | null>;
  findDefinition(id: string): Promise<FormDefinition | null>;
  /** Every version of every form, newest first per key, with how many sessions used it. */
  listDefinitions(): Promise<FormDefinitionListing[]>;
  /** Stores a version; null when that key already has that version (nothing is written). */
  createDefinition(definition: ParsedFormDefinition & { version: number }): Promise<FormDefinition | null>;
  /** Creates the session unless this form already went to this person about this subject (then null). */
  createSession(data: { formId: string; personId: string; subjectType: FormSubjectType; subjectId: string; expiresAt: Date; remindAt: Date; focusedAt: Date | null; progress: FormProgress }): Promise<FormSessionRecord | null>;
  findSession(id: string): Promise<FormSessionRecord | null>;
  /** Reads the session and locks its row until the transaction ends. */
  findSessionForUpdate(id: string): Promise<FormSessionRecord | null>;
  /** The person's active sessions: the focused one first (newest focus), then the waiting ones, oldest first. */
  findActiveByPerson(personId: string): Promise<FormSessionRecord[]>;
  /** Every session about a request: the owner's and its contributors'. */
  findByRequest(requestId: string): Promise<FormSessionRecord[]>;
  updateSession(id: string, patch: FormSessionPatch): Promise<FormSessionRecord>;
  /** Active sessions whose reminder time has come and who were not reminded yet. */
  findDueReminder(now: Date, limit: number): Promise<FormSessionRecord[]>;
  /** Active sessions whose expiry has passed. */
  findExpired(now: Date, limit: number): Promise<FormSessionRecord[]>;
}
