// What the candidate query hands the scorer, on PostgreSQL: each candidate as `Candidate` says
// (lists of kinds, formats and languages, not the database's '{a,b}' text; the programmes studied
// with their unit and names, oldest graduation first), and the reasons an invitation shows that
// come from them: the request's own programme with its year, or else the same unit.
import { findMatches, toMatchRequest } from '../../../src/app/invite-candidates.ts';
import { addProgramme } from '../../../src/app/add-programme.ts';
import { resolvePerson } from '../../../src/app/resolve-person.ts';
import { FAIRNESS_WINDOW_DAYS } from '../../../src/domain/matching.ts';
import { DAY_MS, termOf } from '../../../src/domain/time.ts';
import type { RequestRecord } from '../../../src/ports.ts';
import { startCore, type CoreHarness } from '../../support/core.ts';
import { Story } from '../../support/story.ts';

describe('the candidate query on PostgreSQL', () => {
  let core: CoreHarness;
  let story: Story;
  let bachelorId: string;

  beforeEach(async () => {
    core = await startCore();
    story = await new Story(core).setup();
    const admin = await resolvePerson(core.ctx, { platform: 'slack', workspaceId: 'T0001', userId: 'UADMIN', displayName: 'Admin', email: 'admin@uni.example', emailVerified: true });
    const { programme } = await addProgramme(core.ctx, admin, { code: 'BA-ECON', nameNb: 'Bachelor i samfunnsøkonomi', nameEn: 'BSc Economics', level: 'bachelor', unitCode: 'ECON' });
    bachelorId = programme.id;
  });

  afterEach(async () => {
    await core.close();
  });

  /** A draft request (no invitations yet) for a digital guest lecture in English on the master's programme. */
  async function request(ownerId: string): Promise<RequestRecord> {
    return core.ctx.store.transaction((repos) =>
      repos.requests.create({
        title: 'Guest lecture', type: 'guest_lecture', description: 'x', unitId: story.unitId, programmeId: story.programmeId, course: null,
        expertise: ['public policy'], startsAt: new Date('2027-02-10T09:00:00Z'), endsAt: null, format: 'digital', language: 'en', needed: 1,
        replyBy: new Date('2027-01-20T12:00:00Z'), reviewShortlist: false, oversample: 3, ownerId, channel: null,
      }),
    );
  }

  it('describes each candidate with lists and their programmes, oldest graduation first', async () => {
    const kari = await story.staff('Kari');
    const ola = await story.alumnus('Ola', {
      expertise: ['public policy'], languages: ['nb', 'en'], formats: ['digital'],
      programmes: [{ programmeId: story.programmeId, graduationYear: 2016 }, { programmeId: bachelorId, graduationYear: 2013 }],
    }, ['guest_lecture', 'mentoring']);
    const wanted = await request(kari.id);
    const now = core.clock.now();
    const candidates = await core.ctx.store.transaction((repos) =>
      repos.candidates.findCandidates({
        request: toMatchRequest(wanted), requestId: wanted.id, now, termStart: termOf(now, core.ctx.settings.timeZone).start,
        fairnessSince: new Date(now.getTime() - FAIRNESS_WINDOW_DAYS * DAY_MS), poolSize: 200, limit: 20,
      }),
    );
    expect(candidates).toHaveLength(1);
    expect(candidates[0]).toMatchObject({
      personId: ola.id,
      expertise: ['public policy'],
      languages: ['nb', 'en'],
      formats: ['digital'],
      engagementTypes: ['guest_lecture', 'mentoring'],
      consentPurposes: ['guest_lecture', 'mentoring'],
      pausedUntil: null,
      asksThisTerm: 0,
      recentAsks: 0,
      lastAskedAt: null,
      programmes: [
        { programmeId: bachelorId, unitId: story.unitId, nameNb: 'Bachelor i samfunnsøkonomi', nameEn: 'BSc Economics', graduationYear: 2013 },
        { programmeId: story.programmeId, unitId: story.unitId, nameNb: 'Master i samfunnsøkonomi', nameEn: 'MSc Economics', graduationYear: 2016 },
      ],
    });
  });

  it('gives the request programme with its year as a reason, or else the same unit', async () => {
    const kari = await story.staff('Kari');
    const ola = await story.alumnus('Ola', {
      expertise: ['public policy'], languages: ['en'], formats: ['digital'],
      programmes: [{ programmeId: bachelorId, graduationYear: 2013 }, { programmeId: story.programmeId, graduationYear: 2016 }],
    });
    const siri = await story.alumnus('Siri', { expertise: ['public policy'], languages: ['nb'], formats: ['campus'], programmes: [{ programmeId: bachelorId, graduationYear: 2019 }] });
    const wanted = await request(kari.id);
    const matches = await core.ctx.store.transaction((repos) => findMatches(core.ctx, repos, wanted, 20));
    expect(matches.map((match) => match.personId)).toEqual([ola.id, siri.id]);
    expect(matches[0]!.reasons).toEqual([
      { code: 'expertise', tags: ['public policy'] },
      { code: 'programme', nameNb: 'Master i samfunnsøkonomi', nameEn: 'MSc Economics', year: 2016 },
      { code: 'language', language: 'en' },
      { code: 'format', format: 'digital' },
    ]);
    expect(matches[1]!.reasons).toEqual([{ code: 'expertise', tags: ['public policy'] }, { code: 'unit' }]);
  });
});
