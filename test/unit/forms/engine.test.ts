// The form engine as conversations: each case is a transcript of what the person types (or
// presses: "[turn:value]") and what the bot says back, in English.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formDefinitionSchema, type Answers, type ParsedFormDefinition } from '../../../src/domain/forms/definition.ts';
import { advance, SKIP_VALUE, SUBMIT_VALUE, startProgress, type FormInput, type FormProgress } from '../../../src/domain/forms/engine.ts';
import { questionCard } from '../../../src/domain/forms/form-cards.ts';
import { createTranslator } from '../../../src/domain/i18n/translator.ts';

const en = createTranslator('en', 'Europe/Oslo');
const load = (name: string): ParsedFormDefinition => formDefinitionSchema.parse(JSON.parse(readFileSync(path.join(__dirname, '../../../forms', name), 'utf8')));
const talk = load('alumnus-talk.json'); // overall (rating), preparation (rating), level (choice), again (yes/no), comment (text, optional)
const engagement = { title: 'Tax policy lecture', type: 'guest_lecture' as const, startsAt: new Date('2027-02-10T09:00:00Z') };

/** What the bot says after one turn: the question it asks (first line), a problem, or what happened. */
function say(form: ParsedFormDefinition, progress: FormProgress, input: FormInput): { progress: FormProgress; said: string } {
  const step = advance(form, progress, input);
  const reply = step.reply;
  if (reply.kind === 'retry') return { progress: step.progress, said: en.t(`forms.problem.${reply.problem.key}`, reply.problem.params) };
  if (reply.kind !== 'ask') return { progress: step.progress, said: `(${reply.kind})` };
  const text = questionCard({ sessionId: '00000000-0000-4000-8000-000000000000', form, engagement, progress: step.progress }, en).text ?? '';
  return { progress: step.progress, said: text.split('\n\n').find((part) => /^\d+\. /.test(part) || part.startsWith('Here are')) ?? text };
}

/** Runs a transcript: lines alternate "> typed" (or "> [turn:value]") and the bot's expected words. */
function run(form: ParsedFormDefinition, turns: readonly (readonly [string, string])[], start: FormProgress = startProgress()): FormProgress {
  let progress = start;
  for (const [said, expected] of turns) {
    const button = /^\[(\d+):(.*)\]$/.exec(said);
    const input: FormInput = button ? { kind: 'button', turn: Number(button[1]), value: button[2]! } : { kind: 'typed', text: said };
    const next = say(form, progress, input);
    expect(`${said} → ${next.said}`).toContain(`${said} → ${expected}`);
    progress = next.progress;
  }
  return progress;
}

const ALL_ANSWERED: Answers = { overall: 4, preparation: 5, level: 'right', again: true, comment: 'More time for questions.' };

describe('the form engine, as transcripts', () => {
  const cases: { name: string; turns: [string, string][]; answers?: Answers; state?: Partial<FormProgress> }[] = [
    {
      name: 'answers every question by typing, then sends',
      turns: [
        ['4', '2. How well did the faculty prepare you'],
        ['5', '3. How did the level suit the students?'],
        ['about right', '4. Would you like to do this again?'],
        ['ja', '5. Anything we should do differently next time?'],
        ['More time for questions.', 'Here are your answers'],
        ['send', '(submitted)'],
      ],
      answers: ALL_ANSWERED,
    },
    {
      name: 'answers with buttons, which carry the turn they were shown in',
      turns: [
        ['[1:4]', '2. How well'],
        ['[2:5]', '3. How did the level'],
        ['[3:right]', '4. Would you like'],
        ['[4:yes]', '5. Anything'],
        [`[5:${SKIP_VALUE}]`, 'Here are your answers'],
        [`[6:${SUBMIT_VALUE}]`, '(submitted)'],
      ],
      answers: { overall: 4, preparation: 5, level: 'right', again: true },
    },
    {
      name: 'refuses ratings off the scale and words that are not ratings, and asks again',
      turns: [
        ['7', '7 is not on the scale. Please answer with a whole number from 1 to 5.'],
        ['0', '0 is not on the scale'],
        ['3.5', '3.5 is not on the scale'],
        ['great', 'Please answer with a number from 1 to 5, or press a button.'],
        ['Very good', '2. How well'],
      ],
      answers: { overall: 4 },
    },
    {
      name: 'refuses a choice that is not offered, takes its number',
      turns: [
        ['3', '2.'],
        ['4', '3.'],
        ['medium', 'Please choose one of the options: press a button, or write its number (1 to 3).'],
        ['9', 'Please choose one of the options'],
        ['2', '4. Would you like'],
        ['maybe', 'Please answer yes or no.'],
        ['nei', '5.'],
      ],
      answers: { overall: 3, preparation: 4, level: 'right', again: false },
    },
    {
      name: 'refuses text over the limit and keeps the question',
      state: { step: 4, answers: { overall: 4, preparation: 5, level: 'right', again: true }, turn: 5 },
      turns: [
        ['x'.repeat(1001), 'That is 1001 characters; at most 1000 fit.'],
        ['Shorter.', 'Here are your answers'],
      ],
      answers: { overall: 4, preparation: 5, level: 'right', again: true, comment: 'Shorter.' },
    },
    {
      name: 'skips an optional question but not a required one',
      turns: [
        ['skip', 'This question needs an answer; it cannot be skipped.'],
        ['5', '2.'],
        ['4', '3.'],
        ['1', '4.'],
        ['yes', '5.'],
        ['hopp over', 'Here are your answers'],
      ],
      answers: { overall: 5, preparation: 4, level: 'too_basic', again: true },
    },
    {
      name: 'goes back and changes an earlier answer',
      turns: [
        ['back', 'This is the first question; there is nothing before it.'],
        ['2', '2.'],
        ['tilbake', '1. How did it go'],
        ['5', '2.'],
      ],
      answers: { overall: 5 },
    },
    {
      name: 'changes an answer from the summary and comes back to it',
      state: { step: 5, answers: ALL_ANSWERED, turn: 6 },
      turns: [
        ['wrong', 'Write “send” to send your answers, or the number of a question (1 to 5)'],
        ['9', 'Write “send”'],
        ['2', '2. How well'],
        ['3', 'Here are your answers'],
        ['back', '5. Anything'],
      ],
      answers: { ...ALL_ANSWERED, preparation: 3 },
    },
    {
      name: 'pauses on stop, wherever it is',
      turns: [
        ['4', '2.'],
        ['stopp', '(paused)'],
        ['5', '3.'],
      ],
      answers: { overall: 4, preparation: 5 },
    },
    {
      name: 'ignores a button from an older message',
      turns: [
        ['[1:4]', '2.'],
        ['[1:2]', '(stale)'],
        ['[2:3]', '3.'],
      ],
      answers: { overall: 4, preparation: 3 },
    },
    {
      name: 'does not send before the end',
      turns: [[`[1:${SUBMIT_VALUE}]`, 'Answer the remaining questions first.']],
      answers: {},
    },
  ];

  it.each(cases)('$name', ({ turns, answers, state }) => {
    const progress = run(talk, turns, { ...startProgress(), ...state });
    if (answers) expect(progress.answers).toEqual(answers);
  });

  it('resumes from stored progress exactly where it stopped (a restart is only a reload)', () => {
    const before = run(talk, [['4', '2.'], ['5', '3.']]);
    const stored = JSON.parse(JSON.stringify(before)) as FormProgress;
    run(talk, [['2', '4. Would you like']], stored);
  });
});

describe('form definitions', () => {
  it('ship valid defaults for alumni after talks and panels, and for owners', () => {
    const forms = ['alumnus-talk.json', 'alumnus-panel.json', 'alumnus-general.json', 'staff-owner.json'].map(load);
    expect(forms.map((form) => [form.key, form.audience, form.requestTypes])).toEqual([
      ['alumnus-talk', 'alumnus', ['guest_lecture', 'career_talk']],
      ['alumnus-panel', 'alumnus', ['evaluation_panel', 'programme_council', 'board_seat']],
      ['alumnus-general', 'alumnus', []],
      ['staff-owner', 'owner', []],
    ]);
    expect(forms[3]!.questions[0]!.text.en).toBe('Would you invite them again?');
  });

  it('refuses a bad definition with the place of each problem', async () => {
    const { definitionProblems } = await import('../../../src/domain/forms/definition.ts');
    const bad = { ...JSON.parse(JSON.stringify(talk)), questions: [{ id: 'x', kind: 'rating', text: { nb: 'Hei', en: '' }, labels: { nb: ['a'], en: ['a', 'b', 'c', 'd', 'e'] } }, { id: 'x', kind: 'yesno', text: { nb: 'a', en: 'b' } }] };
    const result = definitionProblems(bad);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.some((p) => p.startsWith('questions.0.text.en'))).toBe(true);
    expect(problems.some((p) => p.startsWith('questions.0.labels.nb'))).toBe(true);
  });
});
