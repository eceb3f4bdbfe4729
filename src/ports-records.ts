// The records the core reads and writes (people, consents, profiles, requests, invitations,
// units, the outbox's entries), and the clock. Re-exported by ports.ts.
import type { Card } from './domain/cards.ts';
import type { InvitationState } from './domain/invitation-state.ts';
import type { MatchReason, MatchRequest } from './domain/matching.ts';
import type { RequestState } from './domain/request-state.ts';
import type { ConsentSource, Locale, Platform, RequestFormat, RequestType, Role } from './domain/vocabulary.ts';

export interface Clock {
  now(): Date;
}

// ------------------------------------------------------------------ records

export interface PersonRecord {
  id: string;
  displayName: string;
  email: string | null;
  emailVerified: boolean;
  roles: Role[];
  locale: Locale | null;
  timeZone: string | null;
  preferredPlatform: Platform | null;
  /** Admin because the e-mail is in ADMIN_EMAILS (removed again when it leaves the list). */
  adminFromConfig: boolean;
}

export interface IdentityInput {
  platform: Platform;
  workspaceId: string;
  userId: string;
  email?: string | null;
  emailVerified?: boolean;
  displayName?: string | null;
  locale?: string | null;
}

/**
 * The workspace of an identity imported from a CSV (a Slack or Teams user id without its
 * workspace or tenant). The first contact from that user id binds it to the real workspace.
 */
export const IMPORTED_WORKSPACE = '';

export interface IdentityRecord {
  personId: string;
  platform: Platform;
  workspaceId: string;
  userId: string;
  email: string | null;
  locale: string | null;
}

export interface ConsentRecord {
  id: string;
  personId: string;
  givenAt: Date;
  textVersion: string;
  purposes: RequestType[];
  source: ConsentSource;
  withdrawnAt: Date | null;
}

export interface ProfileProgramme {
  programmeId: string;
  graduationYear: number | null;
}

export interface ProfileData {
  employer: string | null;
  sector: string | null;
  expertise: string[];
  languages: string[];
  region: string | null;
  engagementTypes: RequestType[];
  formats: RequestFormat[];
  availableFrom: Date | null;
  availableUntil: Date | null;
  maxAsksPerTerm: number;
  pausedUntil: Date | null;
  programmes: ProfileProgramme[];
}

export interface ProfileRecord extends ProfileData {
  personId: string;
}

export interface ChannelRef {
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

export interface RequestData {
  title: string;
  type: RequestType;
  description: string;
  unitId: string;
  programmeId: string | null;
  course: string | null;
  expertise: string[];
  startsAt: Date;
  endsAt: Date | null;
  format: RequestFormat;
  language: Locale | null;
  needed: number;
  replyBy: Date;
  reviewShortlist: boolean;
  oversample: number;
}

export interface RequestRecord extends RequestData {
  id: string;
  ownerId: string;
  state: RequestState;
  cancelReason: string | null;
  channel: ChannelRef | null;
  /** The reply deadline whose passing the owner was told about, if any. */
  deadlineNoticeFor?: Date | null;
  /** Since when the first wave (invitations, or the shortlist) waits to go out behind the form's answer; null once done. */
  firstWaveDueAt?: Date | null;
  /** Failed tries at that first wave so far. */
  firstWaveAttempts?: number;
}

export interface RequestPatch extends Partial<RequestData> {
  state?: RequestState;
  cancelReason?: string | null;
  openedAt?: Date;
  filledAt?: Date;
  completedAt?: Date;
  closedAt?: Date;
  cancelledAt?: Date;
  deadlineNoticeFor?: Date;
  firstWaveDueAt?: Date | null;
  firstWaveAttempts?: number;
}

export interface InvitationRecord {
  id: string;
  requestId: string;
  personId: string;
  score: number;
  reasons: MatchReason[];
  wave: number;
  state: InvitationState;
  sentAt: Date | null;
  answeredAt: Date | null;
  confirmedAt: Date | null;
  expiresAt: Date | null;
}

export interface InvitationPatch {
  state?: InvitationState;
  sentAt?: Date;
  answeredAt?: Date;
  confirmedAt?: Date;
  expiresAt?: Date | null;
  declineReason?: string | null;
  messageRef?: unknown;
  platform?: Platform;
}

export type InvitationCounts = Record<InvitationState, number>;

export interface UnitRecord {
  id: string;
  code: string;
  nameNb: string;
  nameEn: string;
}

export type UnitKind = 'faculty' | 'department' | 'centre';
export type ProgrammeLevel = 'bachelor' | 'master' | 'phd' | 'other';

export interface UnitData {
  code: string;
  nameNb: string;
  nameEn: string;
  kind: UnitKind;
  parentId: string | null;
}

export interface ProgrammeData {
  code: string;
  nameNb: string;
  nameEn: string;
  level: ProgrammeLevel;
  unitId: string;
}

export interface ProgrammeRecord extends UnitRecord {
  unitId: string;
}

/** Where an outgoing message goes. Person and update addresses are resolved at send time. */
export type Address =
  /** `platform`: on that platform if the person uses it (a form goes on where it was answered); else their preferred one. */
  | { kind: 'person'; personId: string; platform?: Platform }
  | { kind: 'channel'; channel: ChannelRef; threadOfRequestId?: string }
  | { kind: 'request_card'; requestId: string }
  | { kind: 'invitation_message'; invitationId: string }
  /** The message that an earlier outbox row (any of these keys, the first one sent) put on the platform. */
  | { kind: 'sent_message'; keys: string[] };

export type OutboxKind = 'invitation' | 'invitation_update' | 'request_card' | 'request_card_update' | 'thread' | 'direct' | 'digest' | 'message_update' | 'invitation_reminder';

export interface OutboxEntry {
  /** Derived from what the message is, so writing it twice is harmless. */
  idempotencyKey: string;
  kind: OutboxKind;
  address: Address;
  card: Card;
  personId?: string;
  requestId?: string;
  /** Send no sooner than this long after it is written (an update a button press already showed in place). */
  delayMs?: number;
}

export interface AuditInput {
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string;
  personId?: string;
  details?: Record<string, unknown>;
}

export interface CandidateQuery {
  request: MatchRequest;
  requestId: string;
  now: Date;
  termStart: Date;
  fairnessSince: Date;
  /** How many pre-filtered candidates each slice brings back for exact scoring. */
  poolSize: number;
  /** How many matches are wanted; fewer in the pool triggers the fallback slice. */
  limit: number;
}
