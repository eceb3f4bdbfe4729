// Answers, withdrawals, confirmations and cancellations over HTTP (real service, fake Slack):
// nobody is left misinformed, an old button never brings back an old state, and every press
// on an old message is answered for the presser's role.
import { eventually } from '../../support/eventually.ts';
import { buttonsOf, buttonValue, Life, readable } from './lifecycle-harness.ts';

describe('Lifecycle: answers and their ends (Slack over HTTP)', () => {
  let life: Life;

  afterEach(async () => {
    await life.stop();
  });

  it('never lets an old "Tell me more" bring a filled request back to life', async () => {
    life = await Life.start();
    for (const id of ['UA', 'UB']) await life.join(id);
    await life.post({ needed: 1 });
    await eventually(() => expect(['UA', 'UB'].map((id) => life.invitesTo(id).length)).toEqual([1, 1]));
    const old = { ...life.invitesTo('UB')[0]! };
    const more = buttonValue(old, 'invitation_more');
    await life.press('UA', 'invitation_accept', life.invitesTo('UA')[0]!);
    await life.settle();
    expect(readable(life.invitesTo('UB')[0]!)).toContain('Denne forespørselen er fylt.');

    const answer = await life.press('UB', 'invitation_more', old, more);
    expect(answer).toBe('Denne forespørselen er fylt, så invitasjonen er ikke lenger åpen. Ingenting ble endret.');
    await life.settle();
    expect(buttonsOf(life.invitesTo('UB')[0]!)).toEqual([]);
    expect(readable(life.invitesTo('UB')[0]!)).toContain('Denne forespørselen er fylt.');
  });

  it('never shows an older request card after a newer one, even when the older edit is retried last', async () => {
    life = await Life.start({ OUTBOX_RETRY_BASE_MS: '1500' });
    for (const id of ['UA', 'UB', 'UC']) await life.join(id);
    const card = await life.post({ needed: 2 });
    await eventually(() => expect(['UA', 'UB'].map((id) => life.invitesTo(id).length)).toEqual([1, 1]));
    // The card's next edit ("1 of 2") fails once and is retried with back-off; meanwhile the request fills.
    life.h.slack.failNextIn('chat.update', 'CSTAFF', { status: 500 });
    await life.press('UA', 'invitation_accept', life.invitesTo('UA')[0]!);
    await eventually(() => expect(life.h.slack.callsTo('chat.update').filter((call) => call.params.channel === 'CSTAFF').length).toBeGreaterThan(0));
    await life.press('UB', 'invitation_accept', life.invitesTo('UB')[0]!);
    await life.settle();
    await eventually(async () => expect(await life.h.service.database.prisma.outboxMessage.count({ where: { state: 'pending' } })).toBe(0), 10_000);
    expect(readable(life.current(card))).toContain('Fylt · 2 av 2 plasser er tatt');
  });

  it("retires the owner's Confirm button once confirmed, and answers a second press for the owner", async () => {
    life = await Life.start();
    await life.join('UA', 'Ola');
    await life.post({ needed: 1 });
    await eventually(() => expect(life.invitesTo('UA')).toHaveLength(1));
    await life.press('UA', 'invitation_accept', life.invitesTo('UA')[0]!);
    const notice = await life.dmWith('UKARI', 'Ola sa ja til');
    const confirm = buttonValue(notice, 'request_confirm');
    expect(await life.press('UKARI', 'request_confirm', notice)).toBeUndefined();
    await life.settle();
    expect(buttonsOf(life.current(notice))).toEqual(['request_complete']);
    expect(readable(life.current(notice))).toContain('Du bekreftet Ola for «Gjesteforelesning om skatt».');
    expect(await life.press('UKARI', 'request_confirm', notice, confirm)).toBe('Du har allerede bekreftet Ola. Ingenting ble endret.');
    // Someone else pressing it is told who may.
    life.h.slack.addUser({ id: 'UPER', name: 'Per', email: 'per@uni.example' });
    expect(await life.press('UPER', 'request_confirm', notice, confirm)).toBe('Bare Kari, som la ut forespørselen, eller en admin kan gjøre dette. Ingenting ble endret.');
  });

  it('tells everyone who said yes, confirmed included, when a request is cancelled', async () => {
    life = await Life.start();
    await life.join('UA', 'Ola');
    const card = await life.post({ needed: 1 });
    await eventually(() => expect(life.invitesTo('UA')).toHaveLength(1));
    await life.press('UA', 'invitation_accept', life.invitesTo('UA')[0]!);
    await life.press('UKARI', 'request_confirm', await life.dmWith('UKARI', 'Ola sa ja til'));
    await life.dmWith('UA', 'Du er bekreftet for');
    await life.press('UKARI', 'request_cancel', life.current(card));
    await life.settle();
    const note = await life.dmWith('UA', 'er avlyst');
    expect(readable(note)).toContain('Du trenger ikke komme.');
    expect(readable(life.invitesTo('UA')[0]!)).toContain('Denne forespørselen ble avlyst.');
    expect(buttonsOf(life.invitesTo('UA')[0]!)).toEqual([]);
    expect(readable(life.current(card))).toContain('Avlyst');
  });

  it('lets an alumnus withdraw after saying yes: the owner is told, the request opens again and the next person is asked', async () => {
    life = await Life.start({ MATCH_OVERSAMPLE: '1' });
    for (const id of ['UA', 'UB']) await life.join(id);
    const card = await life.post({ needed: 1 });
    const [yes, next] = await eventually(() => {
      const asked = ['UA', 'UB'].filter((id) => life.invitesTo(id).length === 1);
      expect(asked).toHaveLength(1);
      return [asked[0]!, asked[0] === 'UA' ? 'UB' : 'UA'];
    });
    await life.press(yes, 'invitation_accept', life.invitesTo(yes)[0]!);
    await life.settle();
    expect(readable(life.current(card))).toContain('Fylt · 1 av 1 plass er tatt');
    const accepted = { ...life.invitesTo(yes)[0]! };
    expect(buttonsOf(accepted)).toEqual(['invitation_withdraw']);

    await life.press(yes, 'invitation_withdraw', accepted);
    await life.settle();
    expect(readable(life.invitesTo(yes)[0]!)).toContain('Du har trukket deg. Kari har fått beskjed.');
    expect(readable(await life.dmWith('UKARI', 'kan likevel ikke delta'))).toContain('Jeg spør neste person på lista.');
    await eventually(() => expect(life.invitesTo(next)).toHaveLength(1));
    expect(readable(life.current(card))).toContain('Åpen · 0 av 1 plass er tatt');
    expect(life.thread(card)).toContain(`${yes.slice(1)} kan likevel ikke delta (0 av 1).`);
    expect(buttonsOf(life.current(await life.dmWith('UKARI', 'sa ja til')))).toEqual([]);
    // A second press on the old message changes nothing and says so.
    expect(await life.press(yes, 'invitation_withdraw', accepted, buttonValue(accepted, 'invitation_withdraw'))).toBe('Denne invitasjonen er ikke lenger åpen. Ingenting ble endret.');
  });

  it('says nobody is left instead of promising the next person, tells the owner, and asks whoever joins next', async () => {
    life = await Life.start();
    await life.join('UA');
    const card = await life.post({ needed: 1 });
    await eventually(() => expect(life.invitesTo('UA')).toHaveLength(1));
    await life.press('UA', 'invitation_decline', life.invitesTo('UA')[0]!);
    await life.settle();
    expect(life.thread(card).slice(-2)).toEqual(['En invitasjon ble avslått.', 'Det er ingen flere alumni som passer å spørre nå (0 av 1 plasser er tatt).']);
    expect(life.thread(card).join('\n')).not.toContain('jeg spør neste');
    const notice = await life.dmWith('UKARI', 'Ingen flere å spørre for «Gjesteforelesning om skatt»');
    expect(buttonsOf(notice)).toEqual(['request_cancel']);

    await life.join('UB');
    await eventually(() => expect(life.invitesTo('UB')).toHaveLength(1));
    expect(life.thread(card).at(-1)).toBe('Jeg har invitert 1 person.');
  });
});
