// The rules an import follows against what is stored (pure): empty cells keep stored values,
// a person's own consent choice in chat always wins, imported consents are replaced only when
// the file says something else, user ids held by someone else are warned about and skipped,
// and unit parents resolve within the file without cycles.
import { planAlumnus } from '../../../src/app/import/alumni-plan.ts';
import type { AlumnusRow } from '../../../src/app/import/alumni-row.ts';
import { unitTreeProblems } from '../../../src/app/import/catalog-rows.ts';
import type { ExistingAlumnus } from '../../../src/ports.ts';

const CONSENT = { purposes: ['guest_lecture' as const], givenAt: new Date('2025-09-12T00:00:00Z'), sourceDetail: 'Survey 2025' };

function row(overrides: Partial<AlumnusRow> = {}): AlumnusRow {
  return {
    email: 'ola@example.no',
    name: 'Ola Nordmann',
    slackUserId: null,
    teamsUserId: null,
    programmeCode: 'MA-ECON',
    graduationYear: 2016,
    employer: 'NAV',
    sector: null,
    expertise: ['statistics'],
    languages: [],
    engagementTypes: [],
    locale: null,
    timeZone: null,
    consent: CONSENT,
    thanksByName: null,
    ...overrides,
  };
}

function stored(overrides: Partial<ExistingAlumnus> = {}): ExistingAlumnus {
  return {
    personId: 'p-ola',
    email: 'ola@example.no',
    displayName: 'Ola Nordmann',
    roles: ['alumnus'],
    locale: null,
    timeZone: null,
    profile: { employer: 'NAV', sector: 'public sector', expertise: ['statistics'], languages: ['nb', 'en'], engagementTypes: ['guest_lecture', 'mentoring'], thanksByName: false },
    programmes: [{ programmeId: 'prog-econ', graduationYear: 2016 }],
    consentedTypes: ['guest_lecture'],
    inChat: false,
    ownConsentChoice: false,
    importedConsent: { id: 'c-1', ...CONSENT },
    ...overrides,
  };
}

describe('planning one alumnus', () => {
  it('creates a new alumnus open to every kind of work they consent to', () => {
    const plan = planAlumnus(2, row(), undefined, 'prog-econ', []);
    expect(plan).toMatchObject({ status: 'created', consent: 'created' });
    expect(plan.write).toMatchObject({
      personId: null,
      profile: { employer: 'NAV', expertise: ['statistics'], languages: ['nb'], consentedTypes: ['guest_lecture'], programmeIds: ['prog-econ'] },
      programme: { programmeId: 'prog-econ', graduationYear: 2016 },
      consent: { ...CONSENT, replaces: null },
    });
    expect(plan.write?.profile.engagementTypes).toHaveLength(11);
  });

  it('leaves an identical re-import alone, and keeps stored values where the file is empty', () => {
    expect(planAlumnus(2, row(), stored(), 'prog-econ', [])).toEqual({ status: 'unchanged', write: null, consent: 'unchanged', identities: [], warnings: [] });
    const changed = planAlumnus(2, row({ employer: 'SSB', graduationYear: null }), stored(), 'prog-econ', []);
    expect(changed.status).toBe('updated');
    expect(changed.write?.profile).toMatchObject({ employer: 'SSB', sector: 'public sector', languages: ['nb', 'en'], engagementTypes: ['guest_lecture', 'mentoring'] });
    expect(changed.write?.programme).toBeNull();
  });

  it('keeps the name a person goes by in chat once they use the bot', () => {
    expect(planAlumnus(2, row({ name: 'Ola N.' }), stored(), 'prog-econ', [])).toMatchObject({ status: 'updated', write: { displayName: 'Ola N.' } });
    expect(planAlumnus(2, row({ name: 'Ola N.' }), stored({ inChat: true }), 'prog-econ', [])).toMatchObject({ status: 'unchanged' });
  });

  it('replaces an imported consent only when the file says something else', () => {
    const later = planAlumnus(2, row({ consent: { ...CONSENT, purposes: ['guest_lecture', 'mentoring'] } }), stored(), 'prog-econ', []);
    expect(later).toMatchObject({ status: 'updated', consent: 'replaced', write: { consent: { replaces: 'c-1', purposes: ['guest_lecture', 'mentoring'] }, profile: { consentedTypes: ['guest_lecture', 'mentoring'] } } });
    expect(planAlumnus(2, row({ consent: null }), stored(), 'prog-econ', [])).toMatchObject({ status: 'unchanged', consent: 'unchanged' });
    expect(planAlumnus(2, row({ consent: null }), undefined, 'prog-econ', [])).toMatchObject({ consent: 'without', write: { consent: null, profile: { consentedTypes: [] } } });
  });

  it('never overrides the person’s own choice in chat, given or withdrawn', () => {
    const withdrew = stored({ ownConsentChoice: true, importedConsent: null, consentedTypes: [] });
    const plan = planAlumnus(2, row({ consent: { ...CONSENT, purposes: ['mentoring'] } }), withdrew, 'prog-econ', []);
    expect(plan).toMatchObject({ status: 'unchanged', consent: 'keptOwnChoice', write: null });
    const edited = planAlumnus(2, row({ employer: 'SSB' }), withdrew, 'prog-econ', []);
    expect(edited).toMatchObject({ status: 'updated', consent: 'keptOwnChoice', write: { consent: null, profile: { consentedTypes: [] } } });
  });

  it('links free user ids, and warns about ones that belong to someone else', () => {
    const plan = planAlumnus(
      5,
      row({ slackUserId: 'U0ALUM01', teamsUserId: '1a7c2e4f-3b5d-4c6e-8f90-a1b2c3d4e501' }),
      stored(),
      'prog-econ',
      [
        { platform: 'slack', userId: 'U0ALUM01', workspaceId: '', owner: undefined },
        { platform: 'teams', userId: '1a7c2e4f-3b5d-4c6e-8f90-a1b2c3d4e501', workspaceId: '', owner: 'p-someone-else' },
      ],
    );
    expect(plan.identities).toEqual(['linked', 'conflicts']);
    expect(plan.write?.identities).toEqual([{ platform: 'slack', userId: 'U0ALUM01', workspaceId: '' }]);
    expect(plan.warnings).toEqual([{ row: 5, column: 'teams_user_id', key: 'importer.warning.identityTaken', params: { userId: '1a7c2e4f-3b5d-4c6e-8f90-a1b2c3d4e501' } }]);
    const own = planAlumnus(5, row({ slackUserId: 'U0ALUM01' }), stored(), 'prog-econ', [{ platform: 'slack', userId: 'U0ALUM01', workspaceId: '', owner: 'p-ola' }]);
    expect(own).toMatchObject({ status: 'unchanged', identities: ['alreadyLinked'] });
  });
});

describe('unit parents', () => {
  const unit = (r: number, code: string, parentCode: string | null) => ({ row: r, value: { code, nameNb: code, nameEn: code, kind: 'department' as const, parentCode } });

  it('accepts parents later in the file or already stored', () => {
    expect(unitTreeProblems([unit(2, 'ECON', 'SV'), unit(3, 'SV', null), unit(4, 'PSY', 'STORED')], [{ code: 'STORED', parentCode: null }])).toEqual([]);
  });

  it('refuses unknown parents and cycles, also through stored units, and children of refused rows', () => {
    const problems = unitTreeProblems([unit(2, 'A', 'B'), unit(3, 'B', 'A'), unit(4, 'C', 'NOPE'), unit(5, 'D', 'C'), unit(6, 'X', 'Y')], [{ code: 'Y', parentCode: 'X' }]);
    expect(problems.map((problem) => [problem.row, problem.key, problem.params])).toEqual([
      [2, 'importer.problem.parentCycle', { path: 'A → B → A' }],
      [3, 'importer.problem.parentCycle', { path: 'B → A → B' }],
      [4, 'importer.problem.unknownParent', { code: 'NOPE' }],
      [6, 'importer.problem.parentCycle', { path: 'X → Y → X' }],
      [5, 'importer.problem.unknownParent', { code: 'C' }],
    ]);
  });
});
