// The digest's words and numbers, from hand-computed fixtures; and both renderings within the
// platforms' limits (Block Kit as the fake Slack checks it, Adaptive Card payload size).
import { cardToBlocks } from '../../../src/platforms/slack/blocks.ts';
import { cardActivity, TEAMS_LIMITS } from '../../../src/platforms/teams/adaptive-cards.ts';
import { composeDigest } from '../../../src/domain/digest/compose.ts';
import { digestCard, digestChartCard, helpOfferText } from '../../../src/domain/digest/digest-card.ts';
import type { ScopeDetails, UnitSummary, UnitWeekActivity } from '../../../src/domain/digest/digest-data.ts';
import { weekBoundaries } from '../../../src/domain/digest/schedule.ts';
import { createTranslator } from '../../../src/domain/i18n/translator.ts';
import { blockProblem } from '../../support/fake-slack.ts';

const OSLO = 'Europe/Oslo';
const nb = createTranslator('nb', OSLO);
const en = createTranslator('en', OSLO);
const END = new Date('2026-11-30T07:00:00Z');
const boundaries = weekBoundaries(END, OSLO, 12);
const ECON = { id: 'u-econ', code: 'ECON', nameNb: 'Økonomisk institutt', nameEn: 'Department of Economics', openNeedingPeople: 2 };
const POL = { id: 'u-pol', code: 'POL', nameNb: 'Institutt for statsvitenskap', nameEn: 'Department of Political Science', openNeedingPeople: 0 };
const UNITS: UnitSummary[] = [ECON, POL];

const row = (unitId: string, bucket: number, counts: Partial<UnitWeekActivity>): UnitWeekActivity => ({ unitId, bucket, requests: 0, filled: 0, invitations: 0, saidYes: 0, saidNo: 0, ...counts });
const ACTIVITY = [
  row('u-econ', 12, { requests: 3, filled: 1, invitations: 9, saidYes: 4, saidNo: 2 }),
  row('u-pol', 12, { requests: 1, invitations: 3, saidYes: 0, saidNo: 2 }),
  row('u-econ', 11, { requests: 2, invitations: 6, saidYes: 1 }),
  row('u-pol', 1, { requests: 5 }),
];
const DETAILS: ScopeDetails = {
  openNeedingPeople: 2,
  open: [
    { id: 'r1', title: 'Gjesteforelesning i skatt', type: 'guest_lecture', unitCode: 'ECON', startsAt: new Date('2027-01-12T09:00:00Z'), missing: 1 },
    { id: 'r2', title: 'Evalueringspanel', type: 'evaluation_panel', unitCode: 'ECON', startsAt: new Date('2027-02-02T09:00:00Z'), missing: 2 },
  ],
  upcoming: [{ id: 'r3', title: 'Karrieredag', unitCode: 'ECON', startsAt: new Date('2026-12-03T15:00:00Z'), contributors: 2, needed: 2 }],
  thanked: ['Ingrid Haugland', 'Ola Nordmann'],
  thankedOthers: 3,
  medianHoursToFill: 60,
  feedbackResponses: 4,
  feedbackAverage: 4.25,
};

const faculty = () => composeDigest({ isoWeek: '2026-W49', boundaries, unit: null, unitIds: null, units: UNITS, activity: ACTIVITY, details: DETAILS });
const texts = (card: ReturnType<typeof digestCard>) => JSON.stringify(card);

describe('composing a digest', () => {
  it('sums the scope units for the week, and keeps twelve weeks for the chart', () => {
    const data = faculty();
    expect(data.figures).toMatchObject({ newRequests: 4, filled: 1, invitationsSent: 12, saidYes: 4, saidNo: 4, openNeedingPeople: 2 });
    expect(data.chart.requests).toEqual([5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 4]);
    expect(data.chart.acceptances.at(-1)).toBe(4);
    expect(data.from).toEqual(new Date('2026-11-23T07:00:00Z'));
    expect(data.units.map((unit) => [unit.code, unit.newRequests, unit.openNeedingPeople, unit.saidYes])).toEqual([['ECON', 3, 2, 4], ['POL', 1, 0, 0]]);
  });

  it('counts only the unit (and the units under it) in a unit digest, without a breakdown', () => {
    const data = composeDigest({ isoWeek: '2026-W49', boundaries, unit: ECON, unitIds: new Set(['u-econ']), units: UNITS, activity: ACTIVITY, details: DETAILS });
    expect(data.figures).toMatchObject({ newRequests: 3, invitationsSent: 9, saidYes: 4, saidNo: 2 });
    expect(data.units).toEqual([]);
  });
});

describe('the digest card', () => {
  it('says the figures in words: acceptance rate, median time to fill, feedback, thanks', () => {
    const card = digestCard(faculty(), en, { alumniReadable: false });
    expect(card.title).toBe('Week 48: alumni activity for the faculty');
    expect(card.facts).toEqual(expect.arrayContaining([
      { label: 'Acceptance rate', value: '50% (4 of 8 answers)' },
      { label: 'Median time to fill', value: '2.5 days' },
      { label: 'Feedback', value: '4.3 of 5 (4 answers)' },
    ]));
    expect(texts(card)).toContain('Thank you to Ingrid Haugland, Ola Nordmann and 3 more for contributing this week.');
    expect(texts(card)).toContain('ECON Department of Economics: 3 new · 1 filled · 2 need people · 4 said yes');
    expect(card.actions).toBeUndefined();
  });

  it('hides a feedback average from fewer than three answers, and names nobody who did not agree', () => {
    const data = composeDigest({ isoWeek: '2026-W49', boundaries, unit: null, unitIds: null, units: UNITS, activity: ACTIVITY, details: { ...DETAILS, feedbackResponses: 2, feedbackAverage: null, thanked: [], thankedOthers: 2 } });
    const card = digestCard(data, nb, { alumniReadable: false });
    expect(card.facts).toContainEqual({ label: 'Tilbakemeldinger', value: '2 svar (vises fra 3)' });
    expect(texts(card)).toContain('Takk til de 2 alumnene som bidro denne uka.');
  });

  it('offers "I can help" under each open request only where alumni read the channel', () => {
    const card = digestCard(faculty(), nb, { alumniReadable: true });
    expect(card.actions).toEqual([
      { id: 'digest_help', label: 'Jeg kan bidra: Gjesteforelesning i skatt', value: 'r1' },
      { id: 'digest_help', label: 'Jeg kan bidra: Evalueringspanel', value: 'r2' },
    ]);
    expect(helpOfferText({ outcome: 'offered', title: 'Evalueringspanel', ownerName: 'Kari' }, nb)).toContain('Kari');
  });

  it('is one line in a week with nothing happening, and has no chart then', () => {
    const quiet = composeDigest({ isoWeek: '2026-W49', boundaries, unit: null, unitIds: null, units: [], activity: [], details: { ...DETAILS, openNeedingPeople: 0, open: [], upcoming: [], thanked: [], thankedOthers: 0, medianHoursToFill: null, feedbackResponses: 0, feedbackAverage: null } });
    expect(digestCard(quiet, en, { alumniReadable: true })).toEqual({ text: 'Week 48 (the faculty): a quiet week. No new requests, no answers, and nothing waiting for people.' });
    expect(digestChartCard(quiet, en)).toBeNull();
  });
});

describe('rendering within the platform limits', () => {
  const long = 'Veldig lang tittel <!channel> '.repeat(10);
  const busy = composeDigest({
    isoWeek: '2026-W49',
    boundaries,
    unit: null,
    unitIds: null,
    units: Array.from({ length: 40 }, (_, i) => ({ ...ECON, id: `u${i}`, code: `U${i}`, nameNb: long, nameEn: long })),
    activity: Array.from({ length: 40 }, (_, i) => row(`u${i}`, 12, { requests: 1000 + i, invitations: 99_999, saidYes: 5000 })),
    details: { ...DETAILS, open: Array.from({ length: 5 }, (_, i) => ({ ...DETAILS.open[0]!, id: `r${i}`, title: long })), thanked: Array.from({ length: 20 }, () => long), upcoming: Array.from({ length: 5 }, () => ({ ...DETAILS.upcoming[0]!, title: long })) },
  });

  it('gives Slack blocks that the fake Slack accepts (Block Kit limits)', () => {
    for (const tr of [nb, en]) {
      const blocks = cardToBlocks(digestCard(busy, tr, { alumniReadable: true }));
      expect(blockProblem(blocks, 50)).toBeNull();
      // Only plain_text (never interpreted by Slack) may carry what was typed unescaped.
      expect(JSON.stringify(blocks).replace(/"type":"plain_text","text":"[^"]*"/g, '')).not.toContain('<!channel>');
    }
  });

  it('gives Adaptive Cards under Teams’ 28 KB, the chart as a PNG image with a description', () => {
    const main = cardActivity(digestCard(busy, en, { alumniReadable: true }));
    expect(Buffer.byteLength(JSON.stringify(main))).toBeLessThan(TEAMS_LIMITS.payloadBytes);
    expect(main.attachments[0]!.content.actions).toHaveLength(5);
    const chart = cardActivity(digestChartCard(busy, en)!);
    expect(Buffer.byteLength(JSON.stringify(chart))).toBeLessThan(TEAMS_LIMITS.payloadBytes);
    const image = chart.attachments[0]!.content.body.find((element) => element.type === 'Image')!;
    expect(String(image.url)).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(image.altText).toContain('Bar chart of the last 12 weeks');
  });
});
