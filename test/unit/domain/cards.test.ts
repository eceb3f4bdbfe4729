import { CARD_LIMITS, card } from '../../../src/domain/cards.ts';
import { createTranslator } from '../../../src/domain/i18n/translator.ts';
import { invitationCard, invitationOutcomeCard } from '../../../src/domain/messages/invitation-cards.ts';
import { requestCard } from '../../../src/domain/messages/request-card.ts';
import { requestFormCard } from '../../../src/domain/messages/request-form.ts';
import type { RequestView } from '../../../src/domain/messages/request-view.ts';

const view: RequestView = {
  id: 'req-1',
  title: 'Guest lecture: policy analysis in practice',
  type: 'guest_lecture',
  description: 'Ninety minutes for second-year students.',
  unit: { nb: 'Økonomisk institutt', en: 'Department of Economics' },
  programme: { nb: 'Master i samfunnsøkonomi', en: 'MSc Economics' },
  course: 'ECON4000',
  expertise: ['public policy'],
  startsAt: new Date('2027-02-10T09:00:00Z'),
  endsAt: null,
  format: 'campus',
  needed: 2,
  replyBy: new Date('2027-01-20T12:00:00Z'),
  ownerName: 'Kari Nordmann',
  state: 'open',
  cancelReason: null,
  committed: 1,
};

describe('neutral cards', () => {
  it('clip every text to limits both platforms accept', () => {
    const huge = card({
      title: 'x'.repeat(500),
      text: 'y'.repeat(10_000),
      facts: Array.from({ length: 20 }, (_, i) => ({ label: `l${i}`, value: 'v'.repeat(1000) })),
    });
    expect(huge.title).toHaveLength(CARD_LIMITS.title);
    expect(huge.text).toHaveLength(CARD_LIMITS.text);
    expect(huge.facts).toHaveLength(CARD_LIMITS.facts);
    expect(huge.facts?.[0]?.value.length).toBe(CARD_LIMITS.factValue);
  });

  it('give an invitation the three answer buttons with the invitation id as value', () => {
    const invitation = invitationCard('inv-9', view, [{ code: 'expertise', tags: ['public policy'] }], createTranslator('en', 'Europe/Oslo'));
    expect(invitation.actions?.map((action) => [action.id, action.value])).toEqual([
      ['invitation_accept', 'inv-9'],
      ['invitation_decline', 'inv-9'],
      ['invitation_more', 'inv-9'],
    ]);
    expect(invitation.text).toContain('Why you: expertise: public policy');
    expect(invitation.text).toContain('Please answer by 20 January 2027.');
  });

  it('show the request in the reader language, with progress and a cancel button while open', () => {
    const nb = requestCard(view, createTranslator('nb', 'Europe/Oslo'));
    expect(nb.facts).toContainEqual({ label: 'Enhet', value: 'Økonomisk institutt' });
    expect(nb.facts).toContainEqual({ label: 'Status', value: 'Åpen · 1 av 2 plasser er tatt' });
    expect(nb.actions?.[0]).toMatchObject({ id: 'request_cancel', value: 'req-1' });
    const closed = requestCard({ ...view, state: 'cancelled', cancelReason: 'Course moved' }, createTranslator('en', 'Europe/Oslo'));
    expect(closed.actions).toBeUndefined();
    expect(closed.facts).toContainEqual({ label: 'Status', value: 'Cancelled: Course moved' });
  });

  it('replace the buttons with a thank-you when the request fills', () => {
    const filled = invitationOutcomeCard({ kind: 'filled' }, view, createTranslator('nb', 'Europe/Oslo'));
    expect(filled.actions).toBeUndefined();
    expect(filled.text).toBe('Denne forespørselen er fylt. Takk for interessen!');
  });
});

describe('the request form', () => {
  it('describes every request field once, with limits, for both platforms to render', () => {
    const form = requestFormCard(createTranslator('en', 'Europe/Oslo'), {
      units: [{ id: 'u1', nameNb: 'Økonomisk institutt', nameEn: 'Department of Economics' }],
      programmes: [],
      withChannel: true,
    });
    expect(form.inputs?.map((input) => input.id)).toEqual(['title', 'type', 'unitId', 'programmeId', 'course', 'description', 'expertise', 'startsAt', 'format', 'needed', 'replyBy', 'reviewShortlist', 'channel']);
    expect(form.inputs?.find((input) => input.id === 'needed')).toMatchObject({ kind: 'number', min: 1, max: 50, required: true });
    expect(form.inputs?.find((input) => input.id === 'unitId')?.options).toEqual([{ value: 'u1', label: 'Department of Economics' }]);
    expect(form.inputs?.find((input) => input.id === 'type')?.options).toHaveLength(11);
  });
});
