// Issue 10, seen problem 10, over real HTTP: a Teams "14:30" on both Europe/Oslo daylight-saving
// days is stored as 14:30 Oslo time; a pause date saved again and again in a faculty west of UTC
// stays the same day; and invitations show dates in the reader's own time zone, named when it
// is not the faculty's.
import { eventually } from '../../support/eventually.ts';
import { cli } from '../../support/faculty.ts';
import { FakeConnector, teamsActivity } from '../../support/fake-connector.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { blockAction, postInteraction, viewSubmission } from '../../support/slack-requests.ts';
import { slackSteps } from './slack-steps.ts';

const KARI = { userId: '29:kari', aadObjectId: 'aad-kari', name: 'Kari' };
const CHANNEL = '19:staff@thread.tacv2';

describe('Teams: a time of day on the daylight-saving days', () => {
  let h: SlackHarness;
  let connector: FakeConnector;
  let counter = 0;

  beforeEach(async () => {
    h = await startSlackHarness();
    connector = await new FakeConnector().start();
    connector.addMember({ id: KARI.userId, aadObjectId: KARI.aadObjectId, name: 'Kari', email: 'kari@uni.example' });
  });

  afterEach(async () => {
    await connector.stop();
    await h.stop();
  });

  const post = (activity: Record<string, unknown>) => fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const inChannel = (fields: Parameters<typeof teamsActivity>[1]) => {
    const activity = teamsActivity(connector.url, fields);
    return { ...activity, conversation: { id: `${CHANNEL};messageid=${fields.id}`, conversationType: 'channel', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } } };
  };

  it.each([
    ['2027-03-28', '2027-03-28T12:30:00.000Z'],
    ['2027-10-31', '2027-10-31T13:30:00.000Z'],
  ])('stores 14:30 on %s as %s', async (day, instant) => {
    await post(inChannel({ id: `form-${(counter += 1)}`, type: 'message', ...KARI, text: '<at>Alumni Bridge</at> request' }));
    const values = {
      action: 'post_request', value: '', title: `Sommertid ${day}`, type: 'guest_lecture', unitId: h.unitId, description: 'Om tid.',
      expertise: '', startsAt: day, startsAt_time: '14:30', format: 'digital', needed: '1', replyBy: '2027-03-01',
    };
    expect((await post(inChannel({ id: `submit-${(counter += 1)}`, type: 'message', ...KARI, value: values, replyToId: 'activity-form' }))).status).toBe(200);
    const request = await eventually(() => h.service.database.prisma.request.findFirstOrThrow({ where: { title: `Sommertid ${day}` } }));
    expect(request.startsAt.toISOString()).toBe(instant);
  });
});

describe('Slack: a faculty west of UTC', () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness({ TIMEZONE: 'America/New_York' });
    h.slack.addUser({ id: 'UOLA', name: 'Ola', email: 'ola@example.no' });
  });

  afterEach(async () => {
    await h.stop();
  });

  type Block = { block_id?: string; element?: Record<string, unknown> };
  /** What Slack submits when the person presses Save without changing anything. */
  function unchanged(blocks: Block[]): Record<string, Record<string, unknown>> {
    const state: Record<string, Record<string, unknown>> = {};
    for (const block of blocks) {
      const element = block.element;
      if (!block.block_id || !element) continue;
      const value: Record<string, unknown> = { type: element.type };
      if ('initial_value' in element) value.value = element.initial_value;
      if ('initial_options' in element) value.selected_options = element.initial_options;
      if ('initial_option' in element) value.selected_option = element.initial_option;
      if ('initial_date' in element) value.selected_date = element.initial_date;
      state[block.block_id] = { [String(element.action_id ?? block.block_id)]: value };
    }
    return state;
  }

  async function openForm(): Promise<Block[]> {
    await postInteraction(h.base, blockAction(h.slack.url, 'UOLA', 'profile_edit', 'x', { channel: 'DOLA', ts: '1.1' }));
    return (h.slack.callsTo('views.open').at(-1)!.params.view as { blocks: Block[] }).blocks;
  }
  const pauseShown = (blocks: Block[]) => blocks.find((block) => block.block_id === 'pausedUntil')?.element?.initial_date;

  it('keeps a pause date the same day however often the profile is saved', async () => {
    await slackSteps(() => h).join('UOLA', ['mentoring']);
    let blocks = await openForm();
    const state = unchanged(blocks);
    state.pausedUntil = { pausedUntil: { type: 'datepicker', selected_date: '2027-03-14' } };
    expect(await (await postInteraction(h.base, viewSubmission('UOLA', 'edit_profile', state))).text()).toBe('');

    for (let save = 0; save < 3; save += 1) {
      blocks = await openForm();
      expect(pauseShown(blocks)).toBe('2027-03-14');
      expect(await (await postInteraction(h.base, viewSubmission('UOLA', 'edit_profile', unchanged(blocks)))).text()).toBe('');
    }
    const profile = await h.service.database.prisma.alumnusProfile.findFirstOrThrow();
    // The end of 14 March 2027 in New York (EDT, UTC−4, since the 14th's own change at 02:00).
    expect(profile.pausedUntil?.toISOString()).toBe('2027-03-15T03:59:59.999Z');
  });
});

describe('Slack: dates in the reader’s time zone', () => {
  let h: SlackHarness;
  const steps = slackSteps(() => h);

  beforeEach(async () => {
    h = await startSlackHarness();
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    h.slack.addUser({ id: 'UOLA', name: 'Ola', email: 'ola@example.no' });
    h.slack.addUser({ id: 'UNY', name: 'Nora', email: 'nora@example.com' });
  });

  afterEach(async () => {
    await h.stop();
  });

  it('shows an alumnus in New York the New York date, naming the zone; one in Oslo, plain Oslo dates', async () => {
    // Nora was imported by the admin with her time zone; Ola joined in Slack.
    const csv = 'email,name,slack_user_id,programme,timezone,engagement_types,consent_purposes,consent_given_at\nnora@example.com,Nora,UNY,MSC-ECON,America/New_York,guest_lecture,guest_lecture,2026-09-01\n';
    await cli(h.databaseEnv, ['import-alumni', 'alumni.csv', '--slack-team', 'T1'], { 'alumni.csv': csv });
    await steps.join('UOLA', ['guest_lecture']);
    // Reply by 1 March 2027: the end of that day in Oslo is 23:59 there, 17:59 the same day in New York.
    await steps.postRequest('UKARI', 'guest_lecture', {
      startsAt: { type: 'datetimepicker', selected_date_time: Date.parse('2027-03-10T09:00:00Z') / 1000 },
      replyBy: { type: 'datepicker', selected_date: '2027-03-01' },
    });

    const [nora, ola] = await eventually(() => {
      const found = [steps.invitationsOf('UNY')[0], steps.invitationsOf('UOLA')[0]];
      expect(found.every(Boolean)).toBe(true);
      return found.map((message) => steps.blocksText(message!));
    });
    // Starts 10 March 2027 09:00 UTC: 10:00 in Oslo, 04:00 in New York.
    expect(nora).toContain('1. mars 2027 (America/New York)');
    expect(nora).toContain('04:00 (America/New York)');
    expect(ola).toContain('1. mars 2027');
    expect(ola).toContain('10:00');
    expect(ola).not.toContain('America/New York');
    expect(ola).not.toContain('Europe/Oslo');
  });
});
