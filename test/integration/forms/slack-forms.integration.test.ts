// Feedback forms over real HTTP on Slack: from "Mark as held" to the owner's summary and the
// request closed; bad answers; a restart half-way; two forms at once; a reminder and the expiry
// with the clock moved forward. Everything is reached through chat, from an empty database.
import { eventually } from '../../support/eventually.ts';
import { cli } from '../../support/faculty.ts';
import { buttonsOf, buttonValue, readable, type SlackMessage } from '../lifecycle/lifecycle-harness.ts';
import { buttonLabels, DAY, FormsLife } from './forms-harness.ts';

const TITLE = 'Gjesteforelesning om skatt';

describe('Feedback forms in Slack', () => {
  let life: FormsLife;

  afterEach(async () => {
    await life?.stop();
  });

  /** Ola says yes to a lecture in 30 days; Kari confirms; the day after the lecture. Returns the request card. */
  async function heldLecture(title = TITLE, alumnus = 'UA', name = 'Ola', startsInDays = 30): Promise<SlackMessage> {
    const card = await life.post({ title, needed: 1, startsInDays });
    await eventually(() => expect(life.invitesTo(alumnus).filter((m) => readable(m).includes(title))).toHaveLength(1));
    await life.press(alumnus, 'invitation_accept', life.invitesTo(alumnus).filter((m) => readable(m).includes(title))[0]!);
    const notice = await life.dmWith('UKARI', `${name} sa ja til «${title}»`);
    await life.press('UKARI', 'request_confirm', notice);
    await life.settle();
    return card;
  }

  it('takes a whole form from "Mark as held" to the owner\'s summary, and closes the request', async () => {
    life = await FormsLife.begin();
    await life.join('UA', 'Ola');
    const card = await heldLecture();
    expect(buttonsOf(life.current(card))).toEqual(['request_cancel', 'request_complete']);
    // Too early: the lecture has not happened yet.
    expect(await life.press('UKARI', 'request_complete', life.current(card))).toContain('har ikke begynt ennå');
    life.clock.advance(31 * DAY);
    // Only the owner (or an admin) may mark it as held.
    expect(await life.press('UA', 'request_complete', life.current(card))).toBe('Bare Kari, som la ut forespørselen, eller en admin kan gjøre dette. Ingenting ble endret.');
    expect(await life.press('UKARI', 'request_complete', life.current(card))).toBe(`«${TITLE}» er merket som gjennomført. Tilbakemeldingsskjemaene er på vei til dem som bidro, og til deg.`);

    // Ola: the first question names the engagement, with the rating as buttons.
    const q1 = await life.question('UA', 'Hvordan gikk det, alt i alt?');
    expect(readable(q1)).toContain(`«${TITLE}» (gjesteforelesning,`);
    expect(buttonLabels(q1)).toEqual(['1 · Dårlig', '2 · Middels', '3 · Bra', '4 · Svært bra', '5 · Utmerket']);
    await life.press('UA', 'form_answer_4', q1);
    // Answered in place: the answer shows and the buttons are gone.
    expect(buttonsOf(life.current(q1))).toEqual([]);
    expect(readable(life.current(q1))).toContain('Ditt svar: 4 – Svært bra');

    const q2 = await life.question('UA', '2. Hvor godt forberedte fakultetet deg');
    await life.say('UA', '9');
    await life.dmWith('UA', '9 er ikke på skalaen. Svar med et helt tall fra 1 til 5.');
    await life.say('UA', '5');
    await life.settle();
    expect(readable(life.current(q2))).toContain('Ditt svar: 5 – Utmerket');
    const q3 = await life.question('UA', '3. Hvordan passet nivået');
    await life.press('UA', 'form_answer_2', q3);
    await life.question('UA', '4. Vil du gjerne gjøre dette igjen?');
    await life.say('UA', 'ja');
    await life.question('UA', '5. Noe vi bør gjøre annerledes');
    await life.say('UA', 'x'.repeat(1001));
    await life.dmWith('UA', 'Det er 1001 tegn; høyst 1000 får plass.');
    await life.say('UA', 'Mer tid til spørsmål.');
    const review = await life.question('UA', 'Her er svarene dine.');
    expect(readable(review)).toContain('3. Hvordan passet nivået for studentene? — Passe');
    await life.say('UA', '1');
    await life.question('UA', '1. Hvordan gikk det, alt i alt?');
    await life.say('UA', '5');
    const review2 = await life.question('UA', 'Her er svarene dine.');
    expect(readable(review2)).toContain('1. Hvordan gikk det, alt i alt? — 5 – Utmerket');
    await life.press('UA', 'form_submit', review2);
    expect(readable(life.current(review2))).toContain('Takk! Svarene dine er lagret.');

    // Kari answers the owner's form; then the request closes and she gets the summary.
    const k1 = await life.question('UKARI', 'Ville du invitert dem igjen?');
    await life.press('UKARI', 'form_answer_1', k1);
    await life.say('UKARI', '4');
    await life.say('UKARI', 'hopp over');
    await life.say('UKARI', 'Alt.');
    await life.question('UKARI', 'Her er svarene dine.');
    await life.say('UKARI', 'send');
    const summary = await life.dmWith('UKARI', `Tilbakemeldinger om «${TITLE}»`);
    expect(readable(summary)).toContain('1 av 1 bidragsytere svarte.');
    expect(readable(summary)).toContain('Hvordan gikk det, alt i alt?: 5 – Utmerket');
    expect(readable(summary)).toContain('«Mer tid til spørsmål.»');
    await eventually(async () => expect(await life.h.service.database.prisma.request.findFirst({ select: { state: true } })).toEqual({ state: 'closed' }));
    await life.settle();
    expect(readable(life.current(card))).toContain('Avsluttet');
    expect(buttonsOf(life.current(card))).toEqual([]);

    // Stored as the digest and the reports read it: numbers under the questions' ids.
    const sessions = await life.h.service.database.prisma.formSession.findMany({ include: { form: true }, orderBy: { createdAt: 'asc' } });
    expect(sessions.map((s) => [s.form.key, s.form.version, s.state, s.subjectType])).toEqual([
      ['alumnus-talk', 1, 'completed', 'invitation'],
      ['staff-owner', 1, 'completed', 'request'],
    ]);
    expect(sessions[0]!.answers).toEqual({ overall: 5, preparation: 5, level: 'right', again: true, comment: 'Mer tid til spørsmål.' });
    expect(sessions[1]!.answers).toEqual({ invite_again: true, goals: 4, change: 'Alt.' });
    // … and the reports read them.
    const report = await cli(life.h.databaseEnv, ['report', 'feedback']);
    expect(report).toContain('overall;Ola;5;');
    expect(report).toContain('invite_again;Kari;true;');
  });

  it('answers bad input, stale buttons, strangers and finished forms plainly, and stores nothing wrong', async () => {
    life = await FormsLife.begin();
    await life.join('UA', 'Ola');
    await life.join('UB', 'Per');
    const card = await heldLecture();
    life.clock.advance(31 * DAY);
    await life.press('UKARI', 'request_complete', life.current(card));
    const q1 = await life.question('UA', 'Hvordan gikk det, alt i alt?');
    // Per presses Ola's button (a forwarded or forged press): refused, nothing stored.
    expect(await life.press('UB', 'form_answer_5', q1, buttonValue(q1, 'form_answer_5'))).toBe('Dette skjemaet er noen andres, så du kan ikke svare på det. Ingenting ble endret.');
    await life.say('UA', 'kjempebra');
    await life.dmWith('UA', 'Svar med et tall fra 1 til 5, eller trykk på en knapp.');
    await life.say('UA', 'hopp over');
    await life.dmWith('UA', 'Dette spørsmålet må besvares; det kan ikke hoppes over.');
    const stale = buttonValue(q1, 'form_answer_2');
    await life.press('UA', 'form_answer_3', q1);
    await life.question('UA', '2. Hvor godt');
    // The old button again (from a copy of the message as it was): nothing changes.
    expect(await life.press('UA', 'form_answer_2', q1, stale)).toBe('Den knappen hører til en eldre melding. Ingenting ble endret; svar heller på det nyeste spørsmålet.');
    // A forged value off the scale.
    const q2 = await life.question('UA', '2. Hvor godt');
    const forged = buttonValue(q2, 'form_answer_1').replace(/\|1$/, '|42');
    expect(await life.press('UA', 'form_answer_1', q2, forged)).toContain('42 er ikke på skalaen');
    const session = await life.h.service.database.prisma.formSession.findFirst({ where: { subjectType: 'invitation' } });
    expect(session?.answers).toEqual({ overall: 3 });
    // Stop: typed messages go to the commands again; `/alumni feedback` picks the form up.
    await life.say('UA', 'stopp');
    await life.dmWith('UA', 'Satt på pause');
    await life.say('UA', 'hjelp');
    await life.dmWith('UA', 'tilbakemeldingsskjemaer (fortsett der du slapp)');
    const listed = await life.command('UA', 'feedback');
    expect(listed).toContain('Du har 1 åpent tilbakemeldingsskjema:');
    expect(listed).toContain('ved spørsmål 2 av 5');
    await eventually(async () => expect((await life.question('UA', '2. Hvor godt')).ts).not.toBe(q2.ts), 10_000);
  });

  it('picks a form up where it was after a restart', async () => {
    life = await FormsLife.begin();
    await life.join('UA', 'Ola');
    const card = await heldLecture();
    life.clock.advance(31 * DAY);
    await life.press('UKARI', 'request_complete', life.current(card));
    await life.question('UA', '1. Hvordan gikk det');
    await life.say('UA', '4');
    await life.question('UA', '2. Hvor godt');
    await life.restart();
    await life.say('UA', '2');
    const q3 = await life.question('UA', '3. Hvordan passet nivået');
    await life.press('UA', 'form_answer_3', q3);
    await life.question('UA', '4. Vil du gjerne');
    const session = await life.h.service.database.prisma.formSession.findFirst({ where: { subjectType: 'invitation' } });
    expect(session?.answers).toEqual({ overall: 4, preparation: 2, level: 'too_advanced' });
    // Staff see the form definitions in chat (alumni do not).
    expect(await life.command('UKARI', 'feedback forms')).toContain('• alumnus-talk v1: Tilbakemelding etter gjesteforelesning eller karriereprat – for alumner, gjesteforelesning og karriereprat, 5 spørsmål; brukt én gang');
    expect(await life.command('UA', 'feedback forms')).toBe('Du har ikke lov til å gjøre dette.');
  });

  it('runs two forms one after the other, each naming its engagement', async () => {
    life = await FormsLife.begin();
    await life.join('UA', 'Ola');
    await heldLecture('Forelesning A');
    await heldLecture('Forelesning B', 'UA', 'Ola', 32);
    life.clock.advance(33 * DAY);
    await life.runJob('complete-requests');
    const first = await life.question('UA', '1. Hvordan gikk det');
    const firstTitle = readable(first).includes('Forelesning A') ? 'Forelesning A' : 'Forelesning B';
    const secondTitle = firstTitle === 'Forelesning A' ? 'Forelesning B' : 'Forelesning A';
    expect(readable(first)).toContain(`«${firstTitle}»`);
    const listed = await life.command('UA', 'feedback');
    expect(listed).toContain('Du har 2 åpne tilbakemeldingsskjemaer:');
    for (const answer of ['5', '4', '2', 'nei', 'hopp over', 'send']) await life.say('UA', answer);
    await life.dmWith('UA', `Neste: noen spørsmål om et annet oppdrag, «${secondTitle}»`);
    const second = await life.question('UA', `Tilbakemelding: ${secondTitle}`);
    expect(readable(second)).toContain('1. Hvordan gikk det');
    await life.say('UA', '3');
    await life.question('UA', `2. Hvor godt`);
    const sessions = await life.h.service.database.prisma.formSession.findMany({ where: { subjectType: 'invitation' }, orderBy: { completedAt: 'asc' } });
    expect(sessions.map((s) => [s.state, s.answers])).toEqual(expect.arrayContaining([['completed', { overall: 5, preparation: 4, level: 'right', again: false }], ['active', { overall: 3 }]]));
  });

  it('reminds once, then closes the form politely, and the request closes without the missing answers', async () => {
    life = await FormsLife.begin();
    await life.join('UA', 'Ola');
    const card = await heldLecture();
    life.clock.advance(31 * DAY);
    await life.press('UKARI', 'request_complete', life.current(card));
    const q1 = await life.question('UA', '1. Hvordan gikk det');
    const late = buttonValue(q1, 'form_answer_4');
    expect(await life.runJob('feedback-forms')).toEqual({ reminded: 0, expired: 0 });
    life.clock.advance(7 * DAY + 60_000);
    expect(await life.runJob('feedback-forms')).toEqual({ reminded: 2, expired: 0 });
    await life.dmWith('UA', 'En påminnelse: tilbakemeldingen din om «Gjesteforelesning om skatt»');
    expect(await life.runJob('feedback-forms')).toEqual({ reminded: 0, expired: 0 });
    life.clock.advance(7 * DAY);
    expect(await life.runJob('feedback-forms')).toEqual({ reminded: 0, expired: 2 });
    await life.dmWith('UA', 'Tilbakemeldingsskjemaet om «Gjesteforelesning om skatt» (gjesteforelesning,');
    await life.settle();
    expect(buttonsOf(life.current(q1))).toEqual([]);
    // A late answer is refused politely.
    expect(await life.press('UA', 'form_answer_4', q1, late)).toBe('Dette skjemaet er stengt, så det kan ikke legges til flere svar. Ingenting ble endret.');
    const summary = await life.dmWith('UKARI', 'Tilbakemeldinger om «Gjesteforelesning om skatt»');
    expect(readable(summary)).toContain('0 av 1 bidragsytere svarte.');
    expect(readable(summary)).toContain('Svarte ikke før skjemaet stengte.');
    expect(await life.h.service.database.prisma.request.findFirst({ select: { state: true } })).toEqual({ state: 'closed' });
  });
});
