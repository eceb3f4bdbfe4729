// The digest and report side of the ports: digest channels and runs, the week's figures
// aggregated by the database, and the report rows. Re-exported from ports.ts.
import type { ScopeDetails, UnitName, UnitSummary, UnitWeekActivity } from './domain/digest/digest-data.ts';
import type { RequestState } from './domain/request-state.ts';
import type { Locale, Platform, RequestType } from './domain/vocabulary.ts';

export interface DigestChannelInput {
  platform: Platform;
  workspaceId: string;
  channelId: string;
  unitId: string | null;
  locale: Locale;
  alumniReadable: boolean;
}

export interface DigestRunStatus {
  isoWeek: string;
  /** The state of the digest's message in the outbox: on its way, sent, or refused (dead/skipped). */
  delivery: 'pending' | 'sent' | 'dead' | 'skipped' | null;
  reason: string | null;
  /** When the message was last touched (for a refused one: when the platform refused it). */
  settledAt: Date | null;
}

export interface DigestChannelRecord extends DigestChannelInput {
  id: string;
  unit: (UnitName & { id: string }) | null;
  lastRun: DigestRunStatus | null;
}

export interface DigestQuery {
  /** The units counted (a unit and those under it); null counts the whole faculty. */
  unitIds: string[] | null;
  from: Date;
  to: Date;
  upcomingUntil: Date;
}

export interface HelpTarget {
  id: string;
  title: string;
  type: RequestType;
  state: RequestState;
  ownerId: string;
  needed: number;
  committed: number;
}

export interface DigestRepository {
  upsertChannel(input: DigestChannelInput): Promise<{ channel: DigestChannelRecord; created: boolean }>;
  /** Stops the digest in a channel (the history of its runs is kept); false when it had none. */
  deactivateChannel(platform: Platform, workspaceId: string, channelId: string): Promise<boolean>;
  listChannels(): Promise<DigestChannelRecord[]>;
  /** A unit and every unit under it. */
  unitWithDescendants(unitId: string): Promise<string[]>;
  /** Takes the week's run for a channel; null when another instance (or an earlier run) has it. */
  claimRun(channelId: string, isoWeek: string, now: Date): Promise<string | null>;
  markRunPosted(runId: string, summary: unknown, now: Date): Promise<void>;
  /** An active or stopped channel by id, with its latest run. */
  findChannelById(id: string): Promise<DigestChannelRecord | null>;
  /**
   * Marks the week's run failed (the platform refused the digest for good). Returns whether this
   * is news: false when it was already marked, or when the channel's run before it failed too.
   */
  markRunFailed(channelId: string, isoWeek: string): Promise<boolean>;
  /** Every unit with its open requests that still need people. */
  unitSummaries(): Promise<UnitSummary[]>;
  /** Requests, fills, invitations and answers per unit and chart week (the boundaries of the query). */
  weeklyActivity(boundaries: readonly Date[]): Promise<UnitWeekActivity[]>;
  scopeDetails(query: DigestQuery): Promise<ScopeDetails>;
  setThanksByName(personId: string, value: boolean): Promise<void>;
  findThanksByName(personId: string): Promise<boolean>;
  findHelpTarget(requestId: string): Promise<HelpTarget | null>;
  hasInvitation(requestId: string, personId: string): Promise<boolean>;
}

// ------------------------------------------------------------------ reports

export type ReportKind = 'activity-map' | 'thank-you' | 'requests' | 'invitations' | 'feedback';
export const REPORT_KINDS: readonly ReportKind[] = ['activity-map', 'thank-you', 'requests', 'invitations', 'feedback'];

export interface ReportRange {
  from: Date;
  to: Date;
}

export interface ActivityMapRow {
  unitCode: string;
  unitNameNb: string;
  unitNameEn: string;
  programmeCode: string | null;
  type: RequestType;
  /** Start of the term (January or July), for the term label. */
  termYear: number;
  spring: boolean;
  requests: number;
  filled: number;
  contributors: number;
  feedbackResponses: number;
  /** Null under MIN_FEEDBACK_GROUP answers. */
  feedbackAverage: number | null;
}

export interface ThankYouRow {
  name: string;
  email: string | null;
  contributions: number;
  /** Unit codes and engagement types, e.g. ECON guest_lecture. */
  places: { unitCode: string; type: RequestType }[];
  named: boolean;
  /** Has a current consent (may be contacted about the gathering). */
  mayInvite: boolean;
}

export interface RequestReportRow {
  id: string;
  title: string;
  type: RequestType;
  unitCode: string;
  programmeCode: string | null;
  state: RequestState;
  needed: number;
  committed: number;
  startsAt: Date;
  createdAt: Date;
  filledAt: Date | null;
  ownerName: string;
}

export interface InvitationReportRow {
  requestId: string;
  requestTitle: string;
  unitCode: string;
  personName: string;
  state: string;
  wave: number;
  score: number;
  sentAt: Date | null;
  answeredAt: Date | null;
}

export interface FeedbackReportRow {
  formKey: string;
  version: number;
  requestId: string | null;
  requestTitle: string | null;
  unitCode: string | null;
  questionId: string;
  /** Null for anonymous answers. */
  respondent: string | null;
  answer: string;
  completedAt: Date;
}

export interface ReportRepository {
  activityMap(range: ReportRange, timeZone: string): Promise<ActivityMapRow[]>;
  thankYou(range: ReportRange): Promise<ThankYouRow[]>;
  requests(range: ReportRange): Promise<RequestReportRow[]>;
  invitations(range: ReportRange): Promise<InvitationReportRow[]>;
  feedback(range: ReportRange): Promise<FeedbackReportRow[]>;
}
