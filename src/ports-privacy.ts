// The ports for privacy (src/app/privacy/): the export of everything stored about a person,
// their erasure, the link codes that join a Slack and a Teams account, retention, consent
// renewal and the audit log as admins read it. Re-exported from ports.ts.
import type { Card } from './domain/cards.ts';
import type { Platform, RequestType } from './domain/vocabulary.ts';
import type { ConsentRecord } from './ports.ts';

/** One page of a table's rows about a person, as stored (JSON-safe), and where the next page starts. */
export interface ExportPage {
  rows: Record<string, unknown>[];
  /** Pass back as `after` for the next page; null when this was the last one. */
  next: string | null;
}

/** Everything by which the person could be recognised in stored text: to be removed or replaced. */
export interface PersonTraces {
  displayName: string;
  email: string | null;
  /** Emails the platforms showed (identities). */
  emails: string[];
  /** Platform user ids (Slack user id, Teams AAD object id, Teams 29: id) and DM channel ids. */
  platformIds: string[];
  /** Throttle buckets of their direct messages ("slack:T1:dm:U123"). */
  conversationKeys: string[];
  /** The first identity, "slack:T1:U123", for the consent proof when there is no e-mail. */
  firstIdentity: string | null;
}

export interface PersonState {
  id: string;
  erasedAt: Date | null;
  roles: string[];
}

/** A message the bot keeps a copy of (an outbox row) whose text names someone. */
export interface NamingMessage {
  id: string;
  idempotencyKey: string;
  /** Whether it reached the platform (so the platform's copy must be edited too). */
  sent: boolean;
  personId: string | null;
  requestId: string | null;
  card: Card;
}

export interface ConsentProofInput {
  id: string;
  proofHash: string;
}

export interface AuditRecord {
  id: string;
  at: Date;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  personId: string | null;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  limit: number;
  /** Only entries about (or by) this person id or pseudonym. */
  personId?: string;
  /** Only entries whose action starts with this (e.g. "consent."). */
  actionPrefix?: string;
  /** Entries before this moment (paging back). */
  before?: Date;
}

export interface PrivacyRepository {
  /** A page of the rows of one table in PERSONAL_TABLES that reference the person. */
  exportPage(table: string, personId: string, after: string | null, limit: number): Promise<ExportPage>;
  /** Locks the person's row (FOR NO KEY UPDATE); null when there is no such person. */
  lockPerson(personId: string): Promise<PersonState | null>;
  findTraces(personId: string): Promise<PersonTraces>;
  /** Every consent the person gave, current or ended, oldest first. */
  findConsents(personId: string): Promise<ConsentRecord[]>;
  /** True when the person holds nothing but identities: no role, consent, profile, request, invitation or form. */
  isBare(personId: string): Promise<boolean>;
  /** Deletes a bare person (and their identities); false when they were not bare. */
  deleteBare(personId: string): Promise<boolean>;
  /** Cancels their open forms and removes their free-text answers (ratings and choices stay, unlinked). */
  closeForms(personId: string, at: Date): Promise<number>;
  /** Outbox rows whose card contains any of these texts, or whose key names one of these invitations. */
  findMessagesNaming(texts: readonly string[], invitationIds: readonly string[]): Promise<NamingMessage[]>;
  /** Stores these cards in place of the rows' cards. */
  rewriteCards(rows: readonly { id: string; card: Card }[]): Promise<void>;
  /** Deletes every outbox row addressed to the person (their DMs, sent or not). */
  deleteMessagesTo(personId: string, conversationKeys: readonly string[]): Promise<number>;
  /** Removes their ids from throttle buckets, event ids, channel references and digest summaries. */
  forgetTraces(traces: PersonTraces, replacement: string): Promise<void>;
  /** Ends their consents (if current) and seals each with its proof hash; free text in them is removed. */
  sealConsents(personId: string, proofs: readonly ConsentProofInput[], at: Date): Promise<void>;
  /** Match reasons, decline reasons and message references of their invitations are removed. */
  clearInvitationDetails(personId: string): Promise<number>;
  /** Deletes identities, profile (with programmes) and link codes. */
  deletePersonalRows(personId: string): Promise<void>;
  /** Replaces the person's id in the audit log by the pseudonym and drops the entries' details. */
  pseudonymiseAudit(personId: string, pseudonym: string): Promise<number>;
  /** Blanks every personal field of the person row and marks it erased. */
  pseudonymisePerson(personId: string, placeholderName: string, at: Date): Promise<void>;
  /** Moves every identity of one person to another (a link). */
  moveIdentities(fromPersonId: string, toPersonId: string): Promise<void>;
  listAudit(query: AuditQuery): Promise<AuditRecord[]>;
}

export interface LinkCodeRecord {
  id: string;
  personId: string;
  platform: Platform;
  expiresAt: Date;
  usedAt: Date | null;
}

export interface LinkCodeRepository {
  create(data: { personId: string; platform: Platform; codeHash: string; expiresAt: Date }): Promise<void>;
  /** The code with this hash, locked until the transaction ends. */
  findForUpdate(codeHash: string): Promise<LinkCodeRecord | null>;
  markUsed(id: string, at: Date): Promise<void>;
  /** Wrong codes this person typed since then (recorded in the audit log as link.failed). */
  countFailures(personId: string, since: Date): Promise<number>;
}

export interface ConsentDue {
  consentId: string;
  personId: string;
  givenAt: Date;
  textVersion: string;
  purposes: RequestType[];
}

export interface RetentionRepository {
  /** Current consents given for another text version, or given before `validSince`. */
  findLapsing(currentVersion: string, validSince: Date, limit: number): Promise<ConsentDue[]>;
  /** Ends these consents with a reason; those already ended are left alone. Returns how many ended. */
  lapse(consentIds: readonly string[], reason: 'new_text' | 'expired', at: Date): Promise<number>;
  /** Current consents of this text version given before `givenBefore`, not yet reminded. */
  findToRemind(currentVersion: string, givenBefore: Date, limit: number): Promise<ConsentDue[]>;
  /** Records the reminder once; false when it was recorded before. */
  markReminded(consentId: string, at: Date): Promise<boolean>;
  removeFreeTextBefore(cutoff: Date): Promise<number>;
  /** People who never consented, hold no staff or admin role, no request and no invitation, untouched since the cutoff. */
  removeUnconsentedBefore(cutoff: Date): Promise<number>;
  pruneOutboxBefore(cutoff: Date): Promise<number>;
  pruneProcessedEventsBefore(cutoff: Date): Promise<number>;
  clearAuditDetailsBefore(cutoff: Date): Promise<number>;
  pruneLinkCodesBefore(cutoff: Date): Promise<number>;
}
