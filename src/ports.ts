// The interfaces the core needs from the outside world. Implementations are named by
// technology (PrismaRequestRepository, SlackMessenger) and wired only in src/service.ts.
import type { InvitationState } from './domain/invitation-state.ts';
import type { Candidate } from './domain/matching.ts';
import type { RequestView } from './domain/messages/request-view.ts';
import type { WorkingHours } from './domain/working-hours.ts';
import type { ImportRepository } from './ports-import.ts';
import type { ReminderRepository } from './ports-reminders.ts';
import type { FormRepository } from './ports-forms.ts';
import type { DigestRepository, ReportRepository } from './ports-digest.ts';
import type { ConsentSource, Locale, Platform, RequestType, Role } from './domain/vocabulary.ts';
import type { PrivacySettings } from './domain/privacy/settings.ts';
import type { LinkCodeRepository, PrivacyRepository, RetentionRepository } from './ports-privacy.ts';
import type { Clock, PersonRecord, IdentityInput, IdentityRecord, ConsentRecord, ProfileData, ProfileRecord, ChannelRef, RequestData, RequestRecord, RequestPatch, InvitationRecord, InvitationPatch, InvitationCounts, UnitRecord, UnitData, ProgrammeData, ProgrammeRecord, OutboxEntry, AuditInput, CandidateQuery } from './ports-records.ts';

// ------------------------------------------------------------------ repositories

export interface PersonRepository {
  findById(id: string): Promise<PersonRecord | null>;
  findByIdentity(platform: Platform, workspaceId: string, userId: string): Promise<PersonRecord | null>;
  findByEmail(email: string): Promise<PersonRecord | null>;
  create(data: { displayName: string; email: string | null; emailVerified: boolean; roles: Role[]; locale: Locale | null }): Promise<PersonRecord>;
  update(id: string, patch: Partial<Omit<PersonRecord, 'id'>>): Promise<PersonRecord>;
  upsertIdentity(personId: string, identity: IdentityInput): Promise<void>;
  /** Binds an imported identity (IMPORTED_WORKSPACE) of this user id to the workspace; its person, or null. */
  claimImportedIdentity(platform: Platform, userId: string, workspaceId: string): Promise<PersonRecord | null>;
  findIdentities(personId: string): Promise<IdentityRecord[]>;
  /** Display name and language of each person, for addressing messages. */
  findContacts(ids: readonly string[]): Promise<Map<string, { displayName: string; locale: Locale | null; platformLocale: string | null; timeZone: string | null }>>;
  countConsentingAlumni(): Promise<number>;
  /** People (not erased) with a role, or everyone when no role is given, by name. */
  list(filter: { role?: Role; limit: number }): Promise<PersonRecord[]>;
  /** Deletes a person who was only ever a waiting role grant (no identity, no role left). */
  removeUnused(id: string): Promise<boolean>;
  /** Admins who hold the role because of ADMIN_EMAILS. */
  findAdminsFromConfig(): Promise<PersonRecord[]>;
  /** People (not erased) whose verified e-mail is one of these. */
  findByVerifiedEmails(emails: readonly string[]): Promise<PersonRecord[]>;
}

export interface ConsentRepository {
  findCurrent(personId: string): Promise<ConsentRecord | null>;
  create(data: Omit<ConsentRecord, 'id' | 'withdrawnAt'>): Promise<ConsentRecord>;
  withdrawAll(personId: string, at: Date, source: ConsentSource): Promise<number>;
}

export interface ProfileRepository {
  findByPersonId(personId: string): Promise<ProfileRecord | null>;
  /** Takes the person's lock (see src/db/store.ts) before reading, for a read-modify-write of the profile. */
  findByPersonIdForUpdate(personId: string): Promise<ProfileRecord | null>;
  upsert(personId: string, data: ProfileData): Promise<ProfileRecord>;
  /** Adds kinds of work the person welcomes (joining again widens them); creates the profile from `whenNew` if missing. */
  welcome(personId: string, types: readonly RequestType[], whenNew: ProfileData): Promise<void>;
}

export interface CatalogRepository {
  findUnit(id: string): Promise<UnitRecord | null>;
  findProgramme(id: string): Promise<ProgrammeRecord | null>;
  findProgrammes(ids: readonly string[]): Promise<ProgrammeRecord[]>;
  listUnits(): Promise<UnitRecord[]>;
  listProgrammes(): Promise<ProgrammeRecord[]>;
  findUnitByCode(code: string): Promise<UnitRecord | null>;
  findProgrammeByCode(code: string): Promise<ProgrammeRecord | null>;
  /** Creates the unit, or updates the one with the same code. */
  upsertUnit(data: UnitData): Promise<{ unit: UnitRecord; created: boolean }>;
  /** Creates the programme, or updates the one with the same code. */
  upsertProgramme(data: ProgrammeData): Promise<{ programme: ProgrammeRecord; created: boolean }>;
}

export interface RequestRepository {
  create(data: RequestData & { ownerId: string; channel: ChannelRef | null; firstWaveDueAt?: Date | null }): Promise<RequestRecord>;
  findById(id: string): Promise<RequestRecord | null>;
  /** Reads the request and locks its row until the transaction ends (serialises answers). */
  findByIdForUpdate(id: string): Promise<RequestRecord | null>;
  update(id: string, patch: RequestPatch): Promise<RequestRecord>;
  /** The request joined with names and counts, for cards. */
  findView(id: string): Promise<RequestView | null>;
  findByOwner(ownerId: string, limit: number): Promise<RequestRecord[]>;
  findOpenIds(): Promise<string[]>;
  countOpen(): Promise<number>;
  /** Filled requests whose engagement has ended (ends, or else starts, before `now`). */
  findFilledEndedBefore(now: Date, limit: number): Promise<string[]>;
  /** Open or filled requests whose engagement has ended, oldest first. */
  findUnderWayEndedBefore(now: Date, limit: number): Promise<string[]>;
  /** Open requests whose reply deadline has passed and whose owner has not been told about that deadline. */
  findPastDeadlineUntold(now: Date, limit: number): Promise<string[]>;
  /** Open requests of these types still taking answers (deadline ahead), ascending id. */
  findOpenIdsOfTypes(types: readonly RequestType[], now: Date, limit: number): Promise<string[]>;
  /** Requests whose first wave has waited to go out since `dueBefore` or longer (see app/invite-first-wave.ts), longest waiting first. */
  findFirstWaveDue(dueBefore: Date, limit: number): Promise<string[]>;
}

export interface InvitationRepository {
  createMany(rows: Omit<InvitationRecord, 'id' | 'state' | 'sentAt' | 'answeredAt' | 'confirmedAt'>[]): Promise<InvitationRecord[]>;
  findById(id: string): Promise<InvitationRecord | null>;
  findByRequest(requestId: string, states?: readonly InvitationState[]): Promise<InvitationRecord[]>;
  findByPerson(personId: string, states: readonly InvitationState[]): Promise<InvitationRecord[]>;
  /** Sent invitations whose reply time has passed, on open requests. */
  findExpired(now: Date, limit: number): Promise<InvitationRecord[]>;
  update(id: string, patch: InvitationPatch): Promise<InvitationRecord>;
  countByState(requestId: string): Promise<InvitationCounts>;
  maxWave(requestId: string): Promise<number>;
}

export interface CandidateRepository {
  /** Alumni who pass the hard filters in the database, best pre-score first, with their features. */
  findCandidates(query: CandidateQuery): Promise<Candidate[]>;
  /** Locks these people until the transaction ends (ascending id) and returns those who still pass every hard filter, the cap included. */
  reserve(query: CandidateQuery, personIds: readonly string[]): Promise<Set<string>>;
}

export interface OutboxRepository {
  enqueue(entries: readonly OutboxEntry[]): Promise<void>;
  /** Stops messages that have not been sent yet (e.g. invitations to a filled request). */
  cancelPending(idempotencyKeys: readonly string[], reason: string): Promise<void>;
  countDead(): Promise<number>;
  /** Platforms whose sending is paused (see delivery/error-classes.ts), oldest pause first. */
  listPaused(): Promise<{ platform: Platform; reason: string; since: Date }[]>;
}

export interface EventRepository {
  /** Records a platform event or submission id; false when it was recorded before. */
  claim(platform: Platform, eventId: string): Promise<boolean>;
}

export interface AuditRepository {
  record(entry: AuditInput): Promise<void>;
}

export interface Repositories {
  people: PersonRepository;
  consents: ConsentRepository;
  profiles: ProfileRepository;
  catalog: CatalogRepository;
  requests: RequestRepository;
  invitations: InvitationRepository;
  candidates: CandidateRepository;
  outbox: OutboxRepository;
  audit: AuditRepository;
  events: EventRepository;
  imports: ImportRepository;
  reminders: ReminderRepository;
  forms: FormRepository;
  privacy: PrivacyRepository;
  linkCodes: LinkCodeRepository;
  retention: RetentionRepository;
  digests: DigestRepository;
  reports: ReportRepository;
}

export interface TransactionOptions {
  /** How long the transaction may run before it is rolled back (default 30 s; imports take longer). */
  timeoutMs?: number;
}

/** Runs work in one database transaction: every write commits together or not at all. */
export interface Store {
  transaction<T>(work: (repos: Repositories) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface CoreSettings {
  timeZone: string;
  defaultLocale: Locale;
  /** Invitations kept out per open place (default 3). */
  oversample: number;
  /** Hours an alumnus has to answer before the next person is asked (capped by the deadline). */
  waveReplyHours: number;
  /** Lower-cased e-mails that become admins when they first appear (verified). */
  adminEmails: readonly string[];
  /** When invitations may reach alumni, in each one's own time zone; null or absent = any time. */
  workingHours?: WorkingHours | null;
  /** Hours after an invitation was sent that one reminder goes out (REMINDER_HOURS; 0 = none; absent = 48). */
  reminderHours?: number;
  /** PRIVACY_URL, CONSENT_RENEW_MONTHS, retention ages, PRIVACY_HASH_KEY; absent = the documented defaults. */
  privacy?: PrivacySettings;
}

export interface AppContext {
  store: Store;
  clock: Clock;
  settings: CoreSettings;
}

export * from './ports-records.ts';
export * from './ports-delivery.ts';
export * from './ports-import.ts';
export * from './ports-reminders.ts';
export * from './ports-forms.ts';
export * from './ports-digest.ts';
export * from './ports-privacy.ts';
