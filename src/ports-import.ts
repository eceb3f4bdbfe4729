// The CSV-import side of the ports: what the importers compare and write in bulk.
// Re-exported from ports.ts.
import type { Platform, RequestType } from './domain/vocabulary.ts';
import type { IdentityInput, PersonRecord, ProfileData, ProfileProgramme, ProgrammeData, UnitData } from './ports.ts';

export type ImportedUnit = Omit<UnitData, 'parentId'> & { parentCode: string | null };
export type ImportedProgramme = Omit<ProgrammeData, 'unitId'> & { unitCode: string };
/** Every unit and programme with all its fields, parents and units by code, for comparing. */
export interface CatalogSnapshot {
  units: (ImportedUnit & { id: string })[];
  programmes: (ImportedProgramme & { id: string })[];
}
export type ImportedProfileFields = Pick<ProfileData, 'employer' | 'sector' | 'expertise' | 'languages' | 'engagementTypes'> & {
  /** Agreed to be thanked by name (the optional thanks_by_name column). */
  thanksByName: boolean;
};

/** What the database holds for an imported e-mail: to compare, and to apply the consent rule. */
export interface ExistingAlumnus extends Pick<PersonRecord, 'displayName' | 'roles' | 'locale' | 'timeZone'> {
  personId: string;
  email: string;
  profile: ImportedProfileFields | null;
  programmes: ProfileProgramme[];
  /** They have used the bot (an identity bound to a real workspace): their chat name stays. */
  inChat: boolean;
  /** Purposes of the current consent, whatever its source; [] when none. */
  consentedTypes: RequestType[];
  /** They gave or withdrew consent themselves (chat, admin): an import never changes it. */
  ownConsentChoice: boolean;
  /** The current consent when an import gave it. */
  importedConsent: { id: string; givenAt: Date; purposes: RequestType[]; sourceDetail: string | null } | null;
}

/** One alumnus to write (personId null creates the person), with final values. */
export interface AlumnusWrite extends Pick<PersonRecord, 'displayName' | 'locale' | 'timeZone'> {
  personId: string | null;
  email: string;
  profile: ImportedProfileFields & { programmeIds: string[]; consentedTypes: RequestType[] };
  programme: ProfileProgramme | null;
  identities: Pick<IdentityInput, 'platform' | 'workspaceId' | 'userId'>[];
  /** A new imported consent; `replaces` is the imported consent it withdraws. */
  consent: { purposes: RequestType[]; givenAt: Date; sourceDetail: string | null; replaces: string | null } | null;
}

/** Set-based reads and writes for the CSV importers (a few statements per thousand rows). */
export interface ImportRepository {
  catalogSnapshot(): Promise<CatalogSnapshot>;
  /** Creates or updates units by code, then sets each one's parent (which may come later in the list). */
  writeUnits(units: readonly ImportedUnit[]): Promise<void>;
  writeProgrammes(programmes: readonly ImportedProgramme[]): Promise<void>;
  findAlumni(emails: readonly string[]): Promise<ExistingAlumnus[]>;
  /** The person holding each of these platform user ids, in any workspace. */
  findIdentityOwners(platform: Platform, userIds: readonly string[]): Promise<Map<string, string>>;
  /** Writes people (adding the alumnus role), profiles, programmes, identities and consents. */
  writeAlumni(alumni: readonly AlumnusWrite[], at: Date): Promise<void>;
}

