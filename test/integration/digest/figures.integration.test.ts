// The week's figures from PostgreSQL against the hand-computed fixture (see fixture.ts): the
// faculty digest, a unit digest with and without enough feedback, and a parent unit that
// counts the units under it; and the cards that go to the outbox.
import { addDigestChannel } from '../../../src/app/digest/add-digest-channel.ts';
import { postDigests } from '../../../src/app/digest/post-digests.ts';
import { operatorActor } from '../../../src/app/support/actor.ts';
import type { Card } from '../../../src/domain/cards.ts';
import type { DigestData } from '../../../src/domain/digest/digest-data.ts';
import { digestFields } from '../../../src/jobs/digest.ts';
import { startCore, type CoreHarness } from '../../support/core.ts';
import { writeFixture, type Fixture } from './fixture.ts';

let core: CoreHarness;
let fixture: Fixture;
const admin = operatorActor('en');

beforeAll(async () => {
  core = await startCore({ defaultLocale: 'en' }, '2026-11-30T07:30:00Z');
  fixture = await writeFixture(core.database.prisma);
  for (const [channelId, unitCode] of [['CFAC', null], ['CECON', 'ECON'], ['CPOL', 'POL'], ['CFACUNIT', 'FAC']] as const) {
    await addDigestChannel(core.ctx, admin, { platform: 'slack', workspaceId: 'T1', channelId, unitCode, locale: 'en' });
  }
  expect(await postDigests(core.ctx, digestFields('0 8 * * 1'))).toMatchObject({ posted: 4, failed: 0 });
});

afterAll(async () => {
  await core.close();
});

async function summaryOf(channelId: string): Promise<DigestData> {
  const run = await core.database.prisma.digestRun.findFirstOrThrow({ where: { digestChannel: { channelId } } });
  expect(run.isoWeek).toBe('2026-W49');
  return run.summary as unknown as DigestData;
}

async function cardsOf(channelId: string): Promise<Card[]> {
  const rows = await core.database.prisma.outboxMessage.findMany({ where: { kind: 'digest', conversationKey: `slack:T1:${channelId}` }, orderBy: { idempotencyKey: 'asc' } });
  return rows.map((row) => row.card as Card);
}

describe('the digest figures, checked by hand', () => {
  it('faculty: 2 new, 2 filled, 5 invitations, 4 yes and 1 no, median 114 hours, feedback 4.0 from 3 forms', async () => {
    const data = await summaryOf('CFAC');
    expect(data.from).toBe('2026-11-23T07:00:00.000Z');
    expect(data.figures).toEqual({ newRequests: 2, filled: 2, invitationsSent: 5, saidYes: 4, saidNo: 1, medianHoursToFill: 114, feedbackResponses: 3, feedbackAverage: 4, openNeedingPeople: 1 });
    expect(data.open).toEqual([expect.objectContaining({ id: fixture.requests.r2, missing: 2, unitCode: 'ECON' })]);
    expect(data.upcoming).toEqual([expect.objectContaining({ id: fixture.requests.r1, contributors: 2, needed: 2 })]);
    expect([data.thanked, data.thankedOthers]).toEqual([['Ola Nordmann'], 1]);
    expect(data.units.map((unit) => [unit.code, unit.newRequests, unit.filled, unit.openNeedingPeople, unit.saidYes])).toEqual([['ECON', 2, 1, 1, 3], ['POL', 0, 1, 0, 1]]);
    expect(data.chart.requests).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 2]);
    expect(data.chart.invitations).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 5]);
    expect(data.chart.acceptances).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 4]);
  });

  it('a unit counts only its own requests, and hides feedback from fewer than three', async () => {
    const econ = await summaryOf('CECON');
    expect(econ.figures).toEqual({ newRequests: 2, filled: 1, invitationsSent: 5, saidYes: 3, saidNo: 1, medianHoursToFill: 48, feedbackResponses: 2, feedbackAverage: null, openNeedingPeople: 1 });
    expect([econ.thanked, econ.thankedOthers, econ.units]).toEqual([[], 0, []]);
    const pol = await summaryOf('CPOL');
    expect(pol.figures).toMatchObject({ newRequests: 0, filled: 1, saidYes: 1, saidNo: 0, medianHoursToFill: 180, feedbackResponses: 1, feedbackAverage: null });
  });

  it('a faculty unit counts the departments under it', async () => {
    const facUnit = await summaryOf('CFACUNIT');
    const faculty = await summaryOf('CFAC');
    expect(facUnit.figures).toEqual(faculty.figures);
    expect(facUnit.units).toEqual([]);
  });

  it('writes the card and the chart to the outbox, in the channel language', async () => {
    const [card, chart] = await cardsOf('CFAC');
    expect(card!.title).toBe('Week 48: alumni activity for the faculty');
    expect(card!.facts).toEqual(expect.arrayContaining([
      { label: 'Acceptance rate', value: '80% (4 of 5 answers)' },
      { label: 'Median time to fill', value: '4.8 days' },
      { label: 'Feedback', value: '4 of 5 (3 answers)' },
    ]));
    expect(chart!.chart?.labels.at(-1)).toBe('W48');
    expect((await cardsOf('CECON'))[0]!.facts).toContainEqual({ label: 'Feedback', value: '2 answers (shown from 3)' });
  });
});
