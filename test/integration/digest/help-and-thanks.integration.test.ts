// "I can help" from the digest, and the consent to be thanked by name, through the use cases.
import { offerHelp } from '../../../src/app/digest/offer-help.ts';
import { showProfile } from '../../../src/app/show-profile.ts';
import { updateProfile } from '../../../src/app/update-profile.ts';
import { profileFormInputs } from '../../../src/domain/messages/profile-cards.ts';
import { createTranslator } from '../../../src/domain/i18n/translator.ts';
import type { Card } from '../../../src/domain/cards.ts';
import { startCore, type CoreHarness } from '../../support/core.ts';
import { Story } from '../../support/story.ts';

let core: CoreHarness;
let story: Story;

beforeEach(async () => {
  core = await startCore();
  story = await new Story(core).setup();
});

afterEach(async () => {
  await core.close();
});

describe('"I can help" in the digest', () => {
  it('tells the owner once that a willing alumnus who was not asked can help', async () => {
    // Siri is pausing, so matching does not ask her; she can still offer herself.
    const siri = await story.alumnus('Siri', { pausedUntil: '2027-06-01T00:00:00Z' });
    const kari = await story.staff('Kari');
    const { request } = await kari.posts({ needed: 2 });
    expect(await offerHelp(core.ctx, siri.actor, request.id)).toEqual({ outcome: 'offered', title: request.title, ownerName: 'Kari' });
    expect(await offerHelp(core.ctx, siri.actor, request.id)).toMatchObject({ outcome: 'offered' });
    const notes = await core.database.prisma.outboxMessage.findMany({ where: { personId: kari.id, idempotencyKey: { startsWith: 'digest-help:' } } });
    expect(notes).toHaveLength(1);
    expect((notes[0]!.card as Card).text).toBe(`Siri så «${request.title}» i ukeoversikten og sier at de kan bidra. Ta kontakt, eller vent på svarene på invitasjonene.`);
  });

  it('answers someone without consent for the kind of work with the consent error', async () => {
    const kari = await story.staff('Kari');
    const { request } = await kari.posts();
    const per = await story.alumnus('Per', {}, ['mentoring']);
    await expect(offerHelp(core.ctx, per.actor, request.id)).rejects.toMatchObject({ code: 'no_consent' });
  });
});

describe('thanks by name', () => {
  it('is off until the alumnus says yes in the profile form, and can be turned off again', async () => {
    const ola = await story.alumnus('Ola');
    const tr = createTranslator('nb', 'Europe/Oslo');
    expect((await showProfile(core.ctx, ola.actor)).thanksByName).toBe(false);
    await updateProfile(core.ctx, ola.actor, { thanksByName: 'yes' });
    const view = await showProfile(core.ctx, ola.actor);
    expect(view.thanksByName).toBe(true);
    expect(profileFormInputs(view, tr).find((input) => input.id === 'thanksByName')).toMatchObject({ initial: 'yes', label: 'Takk meg med navn (ukeoversikten, den årlige takken)' });
    await updateProfile(core.ctx, ola.actor, { thanksByName: 'no', expertise: ['skatt'] });
    expect((await showProfile(core.ctx, ola.actor)).thanksByName).toBe(false);
  });
});
