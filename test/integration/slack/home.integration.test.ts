// The App Home tab and the profile modal, over real HTTP.
import { eventually } from '../../support/eventually.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { blockAction, postCommand, postEvent, postInteraction, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';

describe('Slack: App Home and profile', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness();
    h.slack.addUser({ id: 'UOLA', name: 'Ola', email: 'ola@example.no' });
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
  });

  afterAll(async () => {
    await h.stop();
  });

  const homeOpened = (userId: string, eventId: string) =>
    postEvent(h.base, { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: eventId, event_time: 1, event: { type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' } });
  const lastHome = () => JSON.stringify((h.slack.callsTo('views.publish').at(-1)?.params.view as { blocks: unknown[] }).blocks);

  it('shows an alumnus their consent and profile, and lets them edit it with validation', async () => {
    await postCommand(h.base, slashCommand(h.slack.url, 'UOLA', 'join'));
    await postInteraction(h.base, viewSubmission('UOLA', 'give_consent', stateValues({ purposes: { selected_options: [{ value: 'mentoring' }] } })));
    expect((await homeOpened('UOLA', 'EvH1')).status).toBe(200);
    await eventually(() => expect(lastHome()).toContain('Du kan bli spurt om: mentorordning.'));
    expect(lastHome()).toContain('"action_id":"profile_edit"');
    expect(lastHome()).not.toContain('Forespørslene dine');

    await postInteraction(h.base, blockAction(h.slack.url, 'UOLA', 'profile_edit', 'x', { channel: 'DOLA', ts: '1.1' }));
    const modal = h.slack.callsTo('views.open').at(-1)!.params.view as { callback_id: string };
    expect(modal.callback_id).toBe('edit_profile');

    const bad = await postInteraction(h.base, viewSubmission('UOLA', 'edit_profile', stateValues({ languages: { value: 'norsk' }, maxAsksPerTerm: { value: '99' }, formats: { selected_options: [{ value: 'digital' }] } })));
    expect(await bad.json()).toEqual({ response_action: 'errors', errors: { languages: 'Bruk språkkoder på to bokstaver, for eksempel nb eller en.', maxAsksPerTerm: 'Skriv et tall fra 0 til 20.' } });

    const good = await postInteraction(h.base, viewSubmission('UOLA', 'edit_profile', stateValues({
      expertise: { value: 'Offentlig politikk, statistikk' },
      languages: { value: 'nb, en' },
      maxAsksPerTerm: { value: '2' },
      formats: { selected_options: [{ value: 'digital' }] },
      engagementTypes: { selected_options: [{ value: 'mentoring' }] },
    })));
    expect(await good.text()).toBe('');
    const profile = await h.service.database.prisma.alumnusProfile.findFirstOrThrow();
    expect(profile).toMatchObject({ expertise: ['public policy', 'statistics'], languages: ['nb', 'en'], maxAsksPerTerm: 2, formats: ['digital'] });
    expect(lastHome()).toContain('Kompetanse: public policy, statistics');
  });

  it('shows staff their requests and admins a status line', async () => {
    expect((await homeOpened('UKARI', 'EvH2')).status).toBe(200);
    await eventually(() => expect(lastHome()).toContain('Forespørslene dine'));
    expect(lastHome()).toContain('Du har ingen forespørsler ennå.');
    expect(lastHome()).toContain('åpne forespørsler');
  });
});
