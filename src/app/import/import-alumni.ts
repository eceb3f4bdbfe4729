// npm run cli -- import-alumni: alumni from a CSV file (see ALUMNI_COLUMNS), upserted by e-mail.
// Each person gets the alumnus role and a profile; Slack and Teams user ids become identities
// that bind to the real workspace at first contact (or to --slack-team / --teams-tenant); a
// consent in the file is recorded with source csv_import unless the person chose in chat.
// Reads and writes go in chunks of set-based SQL so 100,000 rows fit in one transaction.
import { IMPORTED_WORKSPACE, type AlumnusWrite, type AppContext, type ExistingAlumnus, type Repositories } from '../../ports.ts';
import type { Platform } from '../../domain/vocabulary.ts';
import type { Actor } from '../support/actor.ts';
import { planAlumnus, type IdentityContext } from './alumni-plan.ts';
import { ALUMNI_COLUMNS, alumnusRowParser, type AlumnusRow } from './alumni-row.ts';
import { duplicateProblems, emptyCounts, type ConsentCounts, type IdentityCounts, type ImportOptions, type ImportProblem, type ImportReport } from './import-report.ts';
import { runImport, type ImportPlan, type Importer, type Numbered } from './run-import.ts';

export interface AlumniImportOptions extends ImportOptions {
  /** Bind imported Slack user ids to this team now instead of at first contact. */
  slackTeam?: string;
  /** Bind imported Teams user ids to this tenant now instead of at first contact. */
  teamsTenant?: string;
}

const LOOKUP_CHUNK = 5_000;
const WRITE_CHUNK = 2_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

async function lookUp(repos: Repositories, rows: readonly Numbered<AlumnusRow>[]) {
  const existing = new Map<string, ExistingAlumnus>();
  const owners: Record<Platform, Map<string, string>> = { slack: new Map(), teams: new Map() };
  for (const part of chunks(rows, LOOKUP_CHUNK)) {
    for (const person of await repos.imports.findAlumni(part.map(({ value }) => value.email))) existing.set(person.email, person);
    const slackIds = part.flatMap(({ value }) => (value.slackUserId ? [value.slackUserId] : []));
    const teamsIds = part.flatMap(({ value }) => (value.teamsUserId ? [value.teamsUserId] : []));
    for (const [id, owner] of await repos.imports.findIdentityOwners('slack', slackIds)) owners.slack.set(id, owner);
    for (const [id, owner] of await repos.imports.findIdentityOwners('teams', teamsIds)) owners.teams.set(id, owner);
  }
  return { existing, owners };
}

function identityContexts(row: AlumnusRow, owners: Record<Platform, Map<string, string>>, options: AlumniImportOptions): IdentityContext[] {
  const contexts: IdentityContext[] = [];
  if (row.slackUserId) contexts.push({ platform: 'slack', userId: row.slackUserId, workspaceId: options.slackTeam ?? IMPORTED_WORKSPACE, owner: owners.slack.get(row.slackUserId) });
  if (row.teamsUserId) contexts.push({ platform: 'teams', userId: row.teamsUserId, workspaceId: options.teamsTenant ?? IMPORTED_WORKSPACE, owner: owners.teams.get(row.teamsUserId) });
  return contexts;
}

async function planAll(repos: Repositories, rows: readonly Numbered<AlumnusRow>[], programmeIds: ReadonlyMap<string, string>, options: AlumniImportOptions, now: Date): Promise<ImportPlan> {
  const { existing, owners } = await lookUp(repos, rows);
  const counts = emptyCounts();
  const consents: ConsentCounts = { created: 0, replaced: 0, unchanged: 0, keptOwnChoice: 0, without: 0 };
  const identities: IdentityCounts = { linked: 0, alreadyLinked: 0, conflicts: 0 };
  const warnings: ImportProblem[] = [];
  const writes: AlumnusWrite[] = [];
  for (const { row, value } of rows) {
    const programmeId = value.programmeCode ? (programmeIds.get(value.programmeCode) ?? null) : null;
    const plan = planAlumnus(row, value, existing.get(value.email), programmeId, identityContexts(value, owners, options));
    counts[plan.status] += 1;
    consents[plan.consent] += 1;
    for (const outcome of plan.identities) identities[outcome] += 1;
    warnings.push(...plan.warnings);
    if (plan.write) writes.push(plan.write);
  }
  return {
    counts,
    consents,
    identities,
    warnings,
    total: writes.length,
    async write(progress) {
      let done = 0;
      for (const part of chunks(writes, WRITE_CHUNK)) {
        await repos.imports.writeAlumni(part, now);
        done += part.length;
        progress(done);
      }
    },
  };
}

function alumniImporter(options: AlumniImportOptions): Importer<AlumnusRow> {
  let parser: ReturnType<typeof alumnusRowParser> | undefined;
  return {
    kind: 'alumni',
    columns: ALUMNI_COLUMNS,
    parseRow: (row, now) => (parser ??= alumnusRowParser(now))(row),
    checkRows: (rows) => [
      ...duplicateProblems(rows, (row) => row.value.email, 'email', 'importer.problem.duplicateEmail'),
      ...duplicateProblems(rows, (row) => row.value.slackUserId, 'slack_user_id', 'importer.problem.duplicateUserId'),
      ...duplicateProblems(rows, (row) => row.value.teamsUserId, 'teams_user_id', 'importer.problem.duplicateUserId'),
    ],
    open(repos, now) {
      let programmeIds: Map<string, string> | undefined;
      const programmes = async () => (programmeIds ??= new Map((await repos.imports.catalogSnapshot()).programmes.map((programme) => [programme.code, programme.id])));
      return {
        async check(rows) {
          const known = await programmes();
          return rows.flatMap(({ row, value }): ImportProblem[] =>
            value.programmeCode && !known.has(value.programmeCode) ? [{ row, column: 'programme', key: 'importer.problem.unknownProgramme', params: { code: value.programmeCode } }] : [],
          );
        },
        plan: async (rows) => planAll(repos, rows, await programmes(), options, now),
      };
    },
  };
}

export function importAlumni(ctx: AppContext, actor: Actor, bytes: Uint8Array, options: AlumniImportOptions = {}): Promise<ImportReport> {
  return runImport(ctx, actor, alumniImporter(options), bytes, options);
}
