// What importing one alumni row does to what is stored (pure). Non-empty cells set the value;
// empty cells keep what is there, so an alumnus' own additions in chat survive a re-import that
// does not mention them. Consent follows one rule: a person's own choice in chat always wins.
import { REQUEST_TYPES, type Platform, type RequestType } from '../../domain/vocabulary.ts';
import type { AlumnusWrite, ExistingAlumnus, ImportedProfileFields, ProfileProgramme } from '../../ports.ts';
import { emptyProfile } from '../support/profile-defaults.ts';
import type { AlumnusRow } from './alumni-row.ts';
import type { ConsentCounts, IdentityCounts, ImportProblem } from './import-report.ts';

export type ConsentOutcome = keyof ConsentCounts;
export type IdentityOutcome = keyof IdentityCounts;

export interface IdentityContext {
  platform: Platform;
  userId: string;
  workspaceId: string;
  /** Who holds this user id already, in any workspace. */
  owner: string | undefined;
}

export interface AlumnusPlan {
  status: 'created' | 'updated' | 'unchanged';
  /** null when nothing changes. */
  write: AlumnusWrite | null;
  consent: ConsentOutcome;
  identities: IdentityOutcome[];
  warnings: ImportProblem[];
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item, index) => item === b[index]);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((item) => b.includes(item));

function newProfileFields(): ImportedProfileFields {
  const { employer, sector, expertise, languages } = emptyProfile();
  // Every kind of work: what they are asked about is then exactly what they consent to.
  return { employer, sector, expertise, languages, engagementTypes: [...REQUEST_TYPES], thanksByName: false };
}

function mergeProfile(row: AlumnusRow, stored: ImportedProfileFields | null): ImportedProfileFields {
  const base = stored ?? newProfileFields();
  return {
    employer: row.employer ?? base.employer,
    sector: row.sector ?? base.sector,
    expertise: row.expertise.length > 0 ? row.expertise : base.expertise,
    languages: row.languages.length > 0 ? row.languages : base.languages,
    engagementTypes: row.engagementTypes.length > 0 ? row.engagementTypes : base.engagementTypes,
    thanksByName: row.thanksByName ?? base.thanksByName,
  };
}

const sameProfile = (a: ImportedProfileFields, b: ImportedProfileFields) =>
  a.employer === b.employer && a.sector === b.sector && sameList(a.expertise, b.expertise) && sameList(a.languages, b.languages) && sameList(a.engagementTypes, b.engagementTypes) && a.thanksByName === b.thanksByName;

function decideConsent(row: AlumnusRow, existing: ExistingAlumnus | undefined): { outcome: ConsentOutcome; write: AlumnusWrite['consent'] } {
  const given = row.consent;
  if (existing?.ownConsentChoice) return { outcome: 'keptOwnChoice', write: null };
  const current = existing?.importedConsent ?? null;
  if (!given) return { outcome: current ? 'unchanged' : 'without', write: null };
  if (!current) return { outcome: 'created', write: { ...given, replaces: null } };
  const same = sameSet(current.purposes, given.purposes) && current.givenAt.getTime() === given.givenAt.getTime() && current.sourceDetail === given.sourceDetail;
  return same ? { outcome: 'unchanged', write: null } : { outcome: 'replaced', write: { ...given, replaces: current.id } };
}

function programmeLink(row: AlumnusRow, programmeId: string | null, stored: readonly ProfileProgramme[]): ProfileProgramme | null {
  if (programmeId === null) return null;
  const known = stored.find((link) => link.programmeId === programmeId);
  const graduationYear = row.graduationYear ?? known?.graduationYear ?? null;
  return known && known.graduationYear === graduationYear ? null : { programmeId, graduationYear };
}

function planIdentities(rowNumber: number, existing: ExistingAlumnus | undefined, identities: readonly IdentityContext[]) {
  const outcomes: IdentityOutcome[] = [];
  const link: AlumnusWrite['identities'] = [];
  const warnings: ImportProblem[] = [];
  for (const identity of identities) {
    if (identity.owner === undefined) {
      outcomes.push('linked');
      link.push({ platform: identity.platform, workspaceId: identity.workspaceId, userId: identity.userId });
    } else if (identity.owner === existing?.personId) {
      outcomes.push('alreadyLinked');
    } else {
      outcomes.push('conflicts');
      warnings.push({ row: rowNumber, column: identity.platform === 'slack' ? 'slack_user_id' : 'teams_user_id', key: 'importer.warning.identityTaken', params: { userId: identity.userId } });
    }
  }
  return { outcomes, link, warnings };
}

export function planAlumnus(rowNumber: number, row: AlumnusRow, existing: ExistingAlumnus | undefined, programmeId: string | null, identities: readonly IdentityContext[]): AlumnusPlan {
  const profile = mergeProfile(row, existing?.profile ?? null);
  const programme = programmeLink(row, programmeId, existing?.programmes ?? []);
  const consent = decideConsent(row, existing);
  const ids = planIdentities(rowNumber, existing, identities);
  // Once someone uses the bot, the name their platform gives is the one they go by.
  const displayName = existing?.inChat ? existing.displayName : row.name;
  const locale = row.locale ?? existing?.locale ?? null;
  const timeZone = row.timeZone ?? existing?.timeZone ?? null;
  const unchanged =
    existing !== undefined &&
    existing.profile !== null &&
    existing.displayName === displayName &&
    existing.locale === locale &&
    existing.timeZone === timeZone &&
    existing.roles.includes('alumnus') &&
    sameProfile(existing.profile, profile) &&
    programme === null &&
    ids.link.length === 0 &&
    consent.write === null;
  const base = { consent: consent.outcome, identities: ids.outcomes, warnings: ids.warnings };
  if (unchanged) return { ...base, status: 'unchanged', write: null };
  const programmeIds = [...new Set([...(existing?.programmes ?? []).map((link) => link.programmeId), ...(programmeId ? [programmeId] : [])])].sort();
  const consentedTypes: RequestType[] = consent.write ? consent.write.purposes : existing?.consentedTypes ?? [];
  return {
    ...base,
    status: existing ? 'updated' : 'created',
    write: {
      personId: existing?.personId ?? null,
      email: row.email,
      displayName,
      locale,
      timeZone,
      profile: { ...profile, programmeIds, consentedTypes },
      programme,
      identities: ids.link,
      consent: consent.write,
    },
  };
}
