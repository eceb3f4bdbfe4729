// People in Teams: the profile card and its edit form, and one person on both platforms who
// gets each invitation once, where they asked to be reached.
import { eventually } from '../../support/eventually.ts';
import { FakeConnector, teamsActivity } from '../../support/fake-connector.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { postCommand, postInteraction, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';

const OLA = { userId: '29:ola', aadObjectId: 'aad-ola', name: 'Ola' };
const DAY = 86_400_000;

describe('Teams: profile and people on both platforms', () => {
  let h: SlackHarness;
  let connector: FakeConnector;
  let counter = 0;

  beforeEach(async () => {
    h = await startSlackHarness();
    connector = await new FakeConnector().start();
    connector.addMember({ id: OLA.userId, aadObjectId: OLA.aadObjectId, name: 'Ola', email: 'ola@example.no' });
    h.slack.addUser({ id: 'UOLA', name: 'Ola', email: 'ola@example.no' });
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
  });

  afterEach(async () => {
    await connector.stop();
    await h.stop();
  });

  const post = (fields: Partial<Parameters<typeof teamsActivity>[1]>) =>
    fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(teamsActivity(connector.url, { id: `a-${(counter += 1)}`, type: 'message', ...OLA, ...fields })) });
  const last = () => JSON.stringify(connector.calls.filter((call) => call.method !== 'GET').at(-1)?.body ?? {});

  it('shows the profile and edits it, with problems on the form', async () => {
    await post({ type: 'conversationUpdate', membersAdded: [{ id: '28:alumni-bot' }] });
    await post({ value: { action: 'give_consent', value: '', purposes: 'mentoring' } });
    await post({ text: 'profil' });
    expect(last()).toContain('Du kan bli spurt om: mentorordning.');
    expect(last()).toContain('"action":"profile_edit"');
    await post({ value: { action: 'profile_edit', value: 'x' } });
    expect(last()).toContain('"action":"edit_profile"');
    await post({ value: { action: 'edit_profile', value: '', languages: 'norsk', formats: 'digital', maxAsksPerTerm: '2' }, replyToId: 'form' });
    expect(last()).toContain('Bruk språkkoder på to bokstaver');
    await post({ value: { action: 'edit_profile', value: '', expertise: 'KI, statistikk', languages: 'nb,en', formats: 'digital', maxAsksPerTerm: '2', preferredPlatform: 'teams' }, replyToId: 'form' });
    expect(last()).toContain('Kompetanse: artificial intelligence, statistics');
    const person = await h.service.database.prisma.person.findFirstOrThrow({ where: { email: 'ola@example.no' } });
    expect(person.preferredPlatform).toBe('teams');
  });

  it('is one person on Slack and Teams, invited once, where they prefer', async () => {
    await postCommand(h.base, slashCommand(h.slack.url, 'UOLA', 'join'));
    await postInteraction(h.base, viewSubmission('UOLA', 'give_consent', stateValues({ purposes: { selected_options: [{ value: 'guest_lecture' }] } })));
    await post({ type: 'conversationUpdate', membersAdded: [{ id: '28:alumni-bot' }] });
    await post({ value: { action: 'edit_profile', value: '', formats: 'digital,campus', maxAsksPerTerm: '3', engagementTypes: 'guest_lecture', preferredPlatform: 'teams' } });
    expect(await h.service.database.prisma.person.count({ where: { email: 'ola@example.no' } })).toBe(1);

    await postInteraction(h.base, viewSubmission('UKARI', 'post_request', stateValues({
      title: { value: 'Gjesteforelesning' },
      type: { selected_option: { value: 'guest_lecture' } },
      unitId: { selected_option: { value: h.unitId } },
      description: { value: 'Om statistikk.' },
      startsAt: { selected_date_time: Math.floor((Date.now() + 30 * DAY) / 1000) },
      format: { selected_option: { value: 'digital' } },
      needed: { value: '1' },
      replyBy: { selected_date: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10) },
      channel: { selected_conversation: 'CSTAFF' },
    })));
    await eventually(() => expect(connector.calls.filter((call) => JSON.stringify(call.body).includes('Kan du bidra? Gjesteforelesning'))).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(h.slack.messagesIn('UOLA').filter((m) => JSON.stringify(m.blocks).includes('Kan du bidra?'))).toHaveLength(0);
  });
});
