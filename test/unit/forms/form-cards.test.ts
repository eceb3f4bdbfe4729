// How forms read in chat: buttons for ratings and choices, a named engagement on the first
// question, the anonymity note, and the owner's summary (names, or only totals from three answers).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formDefinitionSchema, type ParsedFormDefinition } from '../../../src/domain/forms/definition.ts';
import { startProgress } from '../../../src/domain/forms/engine.ts';
import { questionCard } from '../../../src/domain/forms/form-cards.ts';
import { ownerSummaryCard, type FormResult } from '../../../src/domain/forms/summary.ts';
import { createTranslator } from '../../../src/domain/i18n/translator.ts';
import { cardToBlocks } from '../../../src/platforms/slack/blocks.ts';
import { toAdaptiveCard } from '../../../src/platforms/teams/adaptive-cards.ts';

const en = createTranslator('en', 'Europe/Oslo');
const nb = createTranslator('nb', 'Europe/Oslo');
const talk: ParsedFormDefinition = formDefinitionSchema.parse(JSON.parse(readFileSync(path.join(__dirname, '../../../forms/alumnus-talk.json'), 'utf8')));
const anonymous: ParsedFormDefinition = { ...talk, key: 'alumnus-anon', anonymous: true };
const engagement = { title: 'Tax policy lecture', type: 'guest_lecture' as const, startsAt: new Date('2027-02-10T09:00:00Z') };
const SID = '0190f3c4-0000-7000-8000-000000000001';

describe('a question in chat', () => {
  it('names the engagement first, and offers the rating as five buttons carrying the turn', () => {
    const card = questionCard({ sessionId: SID, form: talk, engagement, progress: startProgress() }, en);
    expect(card.title).toBe('Feedback: Tax policy lecture');
    expect(card.text).toContain('“Tax policy lecture” (guest lecture, 10 February 2027)');
    expect(card.text).toContain('1. How did it go, all in all?');
    expect(card.actions?.map((a) => [a.id, a.label, a.value])).toEqual([
      ['form_answer_1', '1 · Poor', `${SID}|1|1`],
      ['form_answer_2', '2 · Fair', `${SID}|1|2`],
      ['form_answer_3', '3 · Good', `${SID}|1|3`],
      ['form_answer_4', '4 · Very good', `${SID}|1|4`],
      ['form_answer_5', '5 · Excellent', `${SID}|1|5`],
    ]);
    expect(card.context).toBe('Question 1 of 5 · Write “back” to go back, “stop” to continue later');
  });

  it('asks free text as a typed reply, with Skip when optional, in Norwegian too', () => {
    const card = questionCard({ sessionId: SID, form: talk, engagement, progress: { step: 4, answers: { overall: 4 }, editing: false, turn: 7 } }, nb);
    expect(card.text).toContain('5. Noe vi bør gjøre annerledes neste gang?');
    expect(card.text).toContain('Skriv svaret som en melding (høyst 1000 tegn).');
    expect(card.actions?.map((a) => [a.id, a.label])).toEqual([['form_skip', 'Hopp over']]);
    expect(card.context).toContain('Spørsmål 5 av 5 (valgfritt)');
  });

  it('tells the alumnus before the first answer that a form is anonymous', () => {
    const card = questionCard({ sessionId: SID, form: anonymous, engagement, progress: startProgress() }, en);
    expect(card.text).toContain('This form is anonymous: staff see only totals, and only once at least three people have answered.');
  });

  it('renders on both platforms within their limits (six buttons at most in Teams)', () => {
    const optionalRating: ParsedFormDefinition = { ...talk, questions: [{ ...talk.questions[0]!, required: false }] };
    const card = questionCard({ sessionId: SID, form: optionalRating, engagement, progress: startProgress() }, en);
    expect(card.actions).toHaveLength(6);
    expect(toAdaptiveCard(card).actions).toHaveLength(6);
    const actionIds = JSON.stringify(cardToBlocks(card)).match(/"action_id":"[a-z_0-9]+"/g) ?? [];
    expect(new Set(actionIds).size).toBe(actionIds.length); // Slack wants unique action ids in a block
  });
});

describe("the owner's summary", () => {
  const result = (name: string, state: FormResult['state'], overall: number, form = talk): FormResult => ({ personName: name, state, form, answers: state === 'completed' ? { overall, preparation: 4, level: 'right', again: true, comment: `From ${name}` } : {} });

  it('lists named answers per person and who did not answer', () => {
    const card = ownerSummaryCard(engagement, [result('Ola', 'completed', 5), result('Per', 'expired', 0)], en);
    expect(card.text).toContain('1 of 2 contributors answered.');
    expect(card.sections).toEqual([
      { heading: 'Ola', lines: ['How did it go, all in all?: 5 – Excellent', 'How well did the faculty prepare you (information, practical arrangements)?: 4 – Very good', 'How did the level suit the students?: About right', 'Would you like to do this again?: Yes', 'Anything we should do differently next time?: «From Ola»'] },
      { heading: 'Per', lines: ['Did not answer before the form closed.'] },
    ]);
  });

  it('shows an anonymous form only as totals, and only from three answers', () => {
    const two = ownerSummaryCard(engagement, [result('Ola', 'completed', 5, anonymous), result('Per', 'completed', 3, anonymous)], en);
    expect(JSON.stringify(two)).not.toContain('Ola');
    expect(two.sections).toEqual([{ heading: 'Anonymous answers', lines: ['2 answers so far. Anonymous answers are shown as totals from 3 answers on.'] }]);
    const three = ownerSummaryCard(engagement, [result('Ola', 'completed', 5, anonymous), result('Per', 'completed', 3, anonymous), result('Kim', 'completed', 4, anonymous)], en);
    expect(JSON.stringify(three)).not.toMatch(/Ola|Per|Kim/);
    expect(three.sections?.[0]?.lines).toEqual([
      'How did it go, all in all?: average 4.0 of 5 (3 answers)',
      'How well did the faculty prepare you (information, practical arrangements)?: average 4.0 of 5 (3 answers)',
      'How did the level suit the students?: Too basic: 0, About right: 3, Too advanced: 0',
      'Would you like to do this again?: 3 yes, 0 no',
    ]);
  });
});
