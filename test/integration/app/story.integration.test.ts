// The whole story through the use cases on PostgreSQL, with no chat platform:
// staff posts → the best-matching alumni are asked → they answer → the request fills →
// the others are thanked → the owner confirms.
import { cancelRequest } from '../../../src/app/cancel-request.ts';
import { startCore, type CoreHarness } from '../../support/core.ts';
import { Story } from '../../support/story.ts';

describe('the request story', () => {
  let core: CoreHarness;
  let story: Story;

  beforeEach(async () => {
    core = await startCore();
    story = await new Story(core).setup();
  });

  afterEach(async () => {
    await core.close();
  });

  it('asks the best matches, fills on the first yes, thanks the rest, and confirms', async () => {
    const kari = await story.staff('Kari');
    const expert = await story.alumnus('Ola', { expertise: ['Offentlig politikk'], programmes: [{ programmeId: story.programmeId, graduationYear: 2016 }] });
    const related = await story.alumnus('Siri', { expertise: ['public policy'] });
    const third = await story.alumnus('Per', { programmes: [{ programmeId: story.programmeId, graduationYear: 2020 }] });
    const noConsentForThis = await story.alumnus('Nora', { expertise: ['public policy'] }, ['mentoring']);
    const fourth = await story.alumnus('Liv', {});

    const { request, invited } = await kari.posts();
    expect(invited).toBe(3);
    await story.deliver();

    // The request card is in the channel, and the three best matches have their invitation.
    expect(story.requestCard(request.id)?.title).toBe('Gjesteforelesning om offentlig politikk');
    expect(expert.lastCard()?.title).toBe('Kan du bidra? Gjesteforelesning om offentlig politikk');
    expect(expert.lastCard()?.text).toContain('Hvorfor deg: kompetanse: public policy; Master i samfunnsøkonomi 2016');
    expect(related.inbox()).toHaveLength(1);
    expect(third.inbox()).toHaveLength(1);
    expect(fourth.inbox()).toHaveLength(0);
    expect(noConsentForThis.inbox()).toHaveLength(0);
    expect(story.thread(request.id)).toEqual(['Jeg har invitert 3 personer.']);

    // Siri says no; the next candidate is asked so three stay out.
    await related.presses('invitation_decline');
    await story.deliver();
    expect(fourth.inbox()).toHaveLength(1);

    // Ola says yes: the request fills, the owner is told, the others are thanked.
    const answer = await expert.presses('invitation_accept');
    expect(answer).toMatchObject({ filled: true, card: { text: 'Takk for at du sa ja! Kari bekrefter med deg.' } });
    await story.deliver();
    expect(story.thread(request.id)).toEqual([
      'Jeg har invitert 3 personer.',
      'En invitasjon ble avslått; jeg spør neste person på lista.',
      'Jeg har invitert 1 person.',
      'Ola sa ja (1 av 1).',
      'Forespørselen er fylt. Takk, alle sammen!',
    ]);
    expect(third.lastCard()?.text).toBe('Denne forespørselen er fylt. Takk for interessen!');
    expect(fourth.lastCard()?.text).toBe('Denne forespørselen er fylt. Takk for interessen!');
    // Siri, who said no, still reads her own answer, not the news that it filled.
    expect(related.lastCard()?.text).toBe('Takk for svaret. Vi spør deg ikke mer om denne forespørselen.');
    expect(story.requestCard(request.id)?.facts).toContainEqual({ label: 'Status', value: 'Fylt · 1 av 1 plass er tatt' });

    // A late press on a withdrawn invitation changes nothing.
    await expect(third.presses('invitation_accept')).rejects.toMatchObject({ code: 'already_answered' });

    // Kari confirms Ola from the notice she got.
    expect(kari.lastCard()?.title).toBe('Ola sa ja til «Gjesteforelesning om offentlig politikk»');
    await kari.presses('request_confirm');
    await story.deliver();
    expect(expert.lastCard()?.text).toBe('Du er bekreftet for «Gjesteforelesning om offentlig politikk». Kari tar kontakt med detaljene.');
    expect(story.thread(request.id).at(-1)).toBe('Kari bekreftet Ola.');
  });

  it('speaks to each alumnus in their own language', async () => {
    const kari = await story.staff('Kari');
    const english = await story.alumnus('Emma', { expertise: ['public policy'], locale: 'en' });
    await kari.posts();
    await story.deliver();
    expect(english.lastCard()?.title).toBe('Can you help? Gjesteforelesning om offentlig politikk');
    expect(english.lastCard()?.actions?.map((action) => action.label)).toEqual(['Yes, I can', 'Not this time', 'Tell me more']);
  });

  it('cancels with a reason: everyone asked is told, unsent invitations are stopped', async () => {
    const kari = await story.staff('Kari');
    const ola = await story.alumnus('Ola', { expertise: ['public policy'] });
    const siri = await story.alumnus('Siri', { expertise: ['public policy'] });
    const first = await kari.posts({ needed: 2 });
    await story.deliver();
    await ola.presses('invitation_accept');
    const second = await kari.posts({ title: 'Panel om skatt' });
    expect(second.invited).toBe(2);

    await cancelRequest(core.ctx, kari.actor, first.request.id, 'Emnet er flyttet');
    await cancelRequest(core.ctx, kari.actor, second.request.id);
    await story.deliver();

    // Ola had said yes: her invitation says so, and a new message makes sure she does not come.
    expect(ola.inbox().map((d) => d.card.text)).toContain('Denne forespørselen ble avlyst: Emnet er flyttet');
    expect(ola.lastCard()).toMatchObject({ title: '«Gjesteforelesning om offentlig politikk» er avlyst', text: 'Begrunnelsen: Emnet er flyttet. Du trenger ikke komme. Takk for at du sa ja!' });
    expect(siri.lastCard()?.text).toBe('Denne forespørselen ble avlyst: Emnet er flyttet');
    expect(siri.inbox().map((d) => d.kind)).toEqual(['invitation', 'invitation_update']);
    expect(story.thread(first.request.id).at(-1)).toBe('Forespørselen ble avlyst: Emnet er flyttet');
    expect(story.requestCard(second.request.id)?.facts).toContainEqual({ label: 'Status', value: 'Avlyst' });
  });

  it('refuses an illegal change with a typed error and changes nothing', async () => {
    const kari = await story.staff('Kari');
    const { request } = await kari.posts();
    await cancelRequest(core.ctx, kari.actor, request.id);
    await expect(cancelRequest(core.ctx, kari.actor, request.id)).rejects.toMatchObject({ code: 'illegal_transition' });
    const stored = await core.database.prisma.request.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored.state).toBe('cancelled');
  });
});
