// A request's reply deadline and its end, over HTTP (real service, fake Slack): an unfilled
// request tells its owner, with their choices, and those who said yes where things stand; the
// owner keeps asking or goes ahead with fewer; a request completes after its engagement
// whether it filled or not.
import { eventually } from '../../support/eventually.ts';
import { buttonsOf, buttonValue, DAY, Life, readable } from './lifecycle-harness.ts';

describe('Lifecycle: the reply deadline (Slack over HTTP)', () => {
  let life: Life;

  afterEach(async () => {
    await life.stop();
  });

  it('tells the owner (with their choices) and those who said yes when the deadline passes unfilled; going ahead fills it', async () => {
    life = await Life.start();
    for (const id of ['UA', 'UB', 'UC']) await life.join(id);
    const card = await life.post({ needed: 2, replyInDays: 5 });
    await eventually(() => expect(['UA', 'UB', 'UC'].map((id) => life.invitesTo(id).length)).toEqual([1, 1, 1]));
    await life.press('UA', 'invitation_accept', life.invitesTo('UA')[0]!);
    await life.settle();

    life.clock.advance(6 * DAY);
    await life.runJob('expire-invitations');
    await life.runJob('pass-deadlines');
    await life.settle();

    const notice = await life.dmWith('UKARI', 'Svarfristen for «Gjesteforelesning om skatt» er ute');
    expect(readable(notice)).toContain('1 av 2 plasser er tatt');
    expect(buttonsOf(notice)).toEqual(['request_extend', 'request_lower', 'request_cancel']);
    expect(readable(await life.dmWith('UA', 'Svarfristen for'))).toContain('Kari bestemmer om det blir noe av, og du hører fra oss uansett.');
    for (const id of ['UB', 'UC']) expect(readable(life.invitesTo(id)[0]!)).toContain('Invitasjonen gikk ut uten svar.');
    expect(life.thread(card)).toContain('Svarfristen er ute med 1 av 2 plasser tatt. Kari bestemmer hva som skjer videre.');
    expect(readable(life.current(card))).toContain('Åpen · svarfristen er ute · 1 av 2 plasser er tatt');
    // Run again, nothing new is said.
    expect(await life.runJob('pass-deadlines')).toEqual({ told: 0 });

    await life.press('UKARI', 'request_lower', notice);
    await life.settle();
    expect(readable(life.current(notice))).toContain('«Gjesteforelesning om skatt» går videre med 1 person.');
    expect(buttonsOf(life.current(notice))).toEqual([]);
    expect(readable(life.current(card))).toContain('Fylt · 1 av 1 plass er tatt');
    expect(life.thread(card).slice(-2)).toEqual(['Kari går videre med 1 person.', 'Forespørselen er fylt. Takk, alle sammen!']);
    expect(readable(await life.dmWith('UA', 'blir noe av'))).toContain('Kari går videre med dem som har sagt ja, også deg.');
  });

  it('keeps asking for another week when the owner says so, and the next person is asked', async () => {
    life = await Life.start({ MATCH_OVERSAMPLE: '1' });
    for (const id of ['UA', 'UB']) await life.join(id);
    const card = await life.post({ needed: 1, replyInDays: 5 });
    const first = await eventually(() => {
      const asked = ['UA', 'UB'].filter((id) => life.invitesTo(id).length === 1);
      expect(asked).toHaveLength(1);
      return asked[0]!;
    });
    const other = first === 'UA' ? 'UB' : 'UA';
    life.clock.advance(6 * DAY);
    await life.runJob('expire-invitations');
    await life.runJob('pass-deadlines');
    await life.settle();
    const notice = await life.dmWith('UKARI', 'Svarfristen for');
    expect(readable(notice)).toContain('Ingen har sagt ja ennå.');
    expect(buttonsOf(notice)).toEqual(['request_extend', 'request_cancel']);
    expect(life.invitesTo(other)).toHaveLength(0);

    const oldValue = buttonValue(notice, 'request_extend');
    await life.press('UKARI', 'request_extend', notice);
    await life.settle();
    expect(readable(life.current(notice))).toContain('Jeg spør videre til');
    await eventually(() => expect(life.invitesTo(other)).toHaveLength(1));
    expect(life.thread(card).filter((line) => line.startsWith('Kari spør videre til'))).toHaveLength(1);
    expect(readable(life.current(card))).toContain('Åpen · 0 av 1 plass er tatt');
    // A press on an old copy of the notice does not move the deadline twice; the owner is told so.
    const before = await life.h.service.database.prisma.request.findFirstOrThrow();
    expect(await life.press('UKARI', 'request_extend', notice, oldValue)).toMatch(/^Jeg spør allerede videre til .+\. Ingenting ble endret\.$/);
    expect((await life.h.service.database.prisma.request.findFirstOrThrow()).replyBy).toEqual(before.replyBy);
  });

  it('completes a request after its engagement, filled or not', async () => {
    life = await Life.start();
    for (const id of ['UA', 'UB', 'UC']) await life.join(id);
    const card = await life.post({ needed: 2, replyInDays: 5, startsInDays: 20 });
    await eventually(() => expect(life.invitesTo('UA')).toHaveLength(1));
    await life.press('UA', 'invitation_accept', life.invitesTo('UA')[0]!);
    life.clock.advance(21 * DAY);
    await life.runJob('expire-invitations');
    await life.runJob('pass-deadlines');
    expect(await life.runJob('complete-requests')).toEqual({ completed: 1 });
    await life.settle();
    expect(readable(life.current(card))).toContain('Gjennomført · 1 av 2 plasser er tatt');
    const request = await life.h.service.database.prisma.request.findFirstOrThrow();
    expect(request.state).toBe('completed');
  });
});
