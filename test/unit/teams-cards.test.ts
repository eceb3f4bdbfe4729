// Every card the bot can send in Teams parses and validates with the Adaptive Cards library
// (schema 1.5), and stays inside Teams' limits (payload size, number of actions).
import type { Card } from '../../src/domain/cards.ts';
import { createTranslator } from '../../src/domain/i18n/translator.ts';
import { invitationCard, invitationDetailsCard, invitationOutcomeCard } from '../../src/domain/messages/invitation-cards.ts';
import { profileCard, profileFormCard, type ProfileView } from '../../src/domain/messages/profile-cards.ts';
import { requestCard } from '../../src/domain/messages/request-card.ts';
import { adminPanelCard, programmeFormCard, unitFormCard } from '../../src/domain/messages/admin-cards.ts';
import { requestFormCard, type RequestFormOptions } from '../../src/domain/messages/request-form.ts';
import type { RequestView } from '../../src/domain/messages/request-view.ts';
import { acceptedNoticeCard, shortlistCard, threadCard } from '../../src/domain/messages/staff-cards.ts';
import { TEAMS_LIMITS, toAdaptiveCard, type AdaptiveElement } from '../../src/platforms/teams/adaptive-cards.ts';

// The UMD build runs in Node (the package's main entry expects a browser).
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, context: unknown): void; validateProperties(): { validationEvents: { message: string }[] } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

const long = 'Lorem ipsum <at>x</at> '.repeat(400);
const view: RequestView = {
  id: '0193f1a2-0000-7000-8000-000000000001', title: long, type: 'guest_lecture', description: long, unit: { nb: 'Økonomi', en: 'Economics' },
  programme: { nb: 'Master', en: 'Master' }, course: 'ECON4000', expertise: Array.from({ length: 30 }, (_, i) => `tag ${i}`), startsAt: new Date('2027-02-10T09:00:00Z'),
  endsAt: new Date('2027-02-10T11:00:00Z'), format: 'campus', needed: 3, replyBy: new Date('2027-01-20T12:00:00Z'), ownerName: 'Kari', state: 'open', cancelReason: null, committed: 1,
};
const profile: ProfileView = {
  personId: 'p', expertise: ['a', 'b'], employer: 'NAV', sector: 'public', languages: ['nb'], engagementTypes: ['mentoring'], formats: ['digital'],
  maxAsksPerTerm: 3, pausedUntil: null, locale: 'nb', preferredPlatform: null, consentPurposes: ['mentoring'], thanksByName: false,
};

function allCards(locale: 'nb' | 'en'): [string, Card][] {
  const tr = createTranslator(locale, 'Europe/Oslo');
  const reasons = [{ code: 'expertise' as const, tags: ['tag 1'] }, { code: 'recent_asks' as const, count: 2 }];
  return [
    ['request', requestCard(view, tr)],
    ['cancelled request', requestCard({ ...view, state: 'cancelled', cancelReason: long }, tr)],
    ['invitation', invitationCard('inv', view, reasons, tr)],
    ['details', invitationDetailsCard('inv', view, tr)],
    ...(['accepted', 'declined', 'expired', 'confirmed', 'filled'] as const).map((kind): [string, Card] => [kind, invitationOutcomeCard({ kind }, view, tr)]),
    ['cancelled invitation', invitationOutcomeCard({ kind: 'cancelled', reason: long }, view, tr)],
    ['shortlist', shortlistCard(view, Array.from({ length: 150 }, (_, i) => ({ name: `Person ${i}`, reasons })), tr)],
    ['accepted notice', acceptedNoticeCard('inv', long, view, tr)],
    ['thread', threadCard({ kind: 'accepted', name: 'Ola' }, view, tr)],
    ['profile', profileCard(profile, tr, new Date())],
    ['profile form', profileFormCard(profile, tr)],
    ['request form', requestFormCard(tr, { units: [{ id: 'u', nameNb: 'Økonomi', nameEn: 'Economics' }], programmes: [], withChannel: false })],
    ['request form, 40 programmes', requestFormCard(tr, catalog(4, 40))],
    ['admin panel', adminPanelCard(tr, { staff: Array.from({ length: 30 }, (_, i) => ({ displayName: `Person ${i}`, email: `p${i}@uni.example`, admin: i === 0 })), units: adminUnits, programmeCount: 3 })],
    ['admin panel, fresh install', adminPanelCard(tr, { staff: [], units: [], programmeCount: 0 })],
    ['unit form', unitFormCard(tr, adminUnits)],
    ['programme form', programmeFormCard(tr, adminUnits)],
  ];
}

const adminUnits = [{ code: 'ECON', nameNb: 'Økonomisk institutt', nameEn: 'Department of Economics' }, { code: 'SV', nameNb: 'Samfunnsvitenskapelig fakultet', nameEn: 'Faculty of Social Sciences' }];

/** `units` units and `programmes` programmes spread over them. */
function catalog(units: number, programmes: number): Omit<RequestFormOptions, 'withChannel'> & { withChannel: false } {
  return {
    units: Array.from({ length: units }, (_, i) => ({ id: `u${i}`, nameNb: `Enhet ${i}`, nameEn: `Unit ${i}` })),
    programmes: Array.from({ length: programmes }, (_, i) => ({ id: `p${i}`, nameNb: `Program ${String(i).padStart(3, '0')}`, nameEn: `Programme ${String(i).padStart(3, '0')}`, unitId: `u${i % units}` })),
    withChannel: false,
  };
}

const choiceSetOf = (json: { body: AdaptiveElement[] }, id: string) => json.body.find((element) => element.id === id) as { style?: string; isRequired?: boolean; choices: { title: string; value: string }[] } | undefined;

describe('Adaptive Cards for Teams', () => {
  it.each([...allCards('nb'), ...allCards('en')])('%s parses and validates, inside Teams limits', (_name, neutral) => {
    const json = toAdaptiveCard(neutral, neutral.inputs ? { form: 'form', label: 'Send', requiredText: 'Required.' } : undefined);
    const card = new AC.AdaptiveCard();
    const context = new AC.SerializationContext();
    card.parse(json, context);
    const parseEvents = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
    expect(parseEvents).toEqual([]);
    expect(card.validateProperties().validationEvents.map((event) => event.message)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThan(TEAMS_LIMITS.payloadBytes);
    expect((json.actions ?? []).length).toBeLessThanOrEqual(TEAMS_LIMITS.actions);
    expect(json.version).toBe('1.5');
  });

  it('puts each programme under its unit by prefixing the unit, in order, and keeps the unit choice set', () => {
    const tr = createTranslator('en', 'Europe/Oslo');
    const json = toAdaptiveCard(requestFormCard(tr, catalog(2, 4)), { form: 'form', label: 'Send', requiredText: 'Required.' });
    expect(choiceSetOf(json, 'programmeId')?.choices.map((choice) => choice.title)).toEqual(['Unit 0 – Programme 000', 'Unit 0 – Programme 002', 'Unit 1 – Programme 001', 'Unit 1 – Programme 003']);
    expect(choiceSetOf(json, 'programmeId')?.style).toBe('compact');
    expect(choiceSetOf(json, 'unitId')).toMatchObject({ isRequired: true, choices: [{ title: 'Unit 0', value: 'u0' }, { title: 'Unit 1', value: 'u1' }] });
  });

  it('lets people type to search a long choice set, and drops no option', () => {
    const tr = createTranslator('nb', 'Europe/Oslo');
    const json = toAdaptiveCard(requestFormCard(tr, catalog(3, 250)), { form: 'form', label: 'Send', requiredText: 'Required.' });
    const programmes = choiceSetOf(json, 'programmeId')!;
    expect(programmes.style).toBe('filtered');
    expect(programmes.choices).toHaveLength(250);
    expect(new Set(programmes.choices.map((choice) => choice.value)).size).toBe(250);
    expect(toAdaptiveCard(requestFormCard(tr, catalog(3, 15))).body.find((element) => element.id === 'programmeId')).toMatchObject({ style: 'compact' });
  });

  it('keeps a long multi-select compact (filtered is for single choices)', () => {
    const options = Array.from({ length: 30 }, (_, i) => ({ value: `v${i}`, label: `Option ${i}` }));
    const json = toAdaptiveCard({ inputs: [{ id: 'many', label: 'Many', kind: 'multiselect', required: false, options }] });
    expect(choiceSetOf(json, 'many')).toMatchObject({ style: 'compact' });
    expect(choiceSetOf(json, 'many')?.choices).toHaveLength(30);
  });

  it('would notice a card the library refuses', () => {
    const card = new AC.AdaptiveCard();
    card.parse({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] }, new AC.SerializationContext());
    expect(card.validateProperties().validationEvents.length).toBeGreaterThan(0);
  });
});
