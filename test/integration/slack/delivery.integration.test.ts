// Delivery through the outbox against a misbehaving Slack: rate limits with Retry-After and
// server errors are retried until the message lands once; a permanent refusal marks that one
// message dead with its reason and holds nothing else up.
import { eventually } from '../../support/eventually.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { postCommand, postInteraction, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';

const DAY = 86_400_000;
const ALUMNI = ['UA', 'UB', 'UC', 'UD'];

describe('Slack: delivery through the outbox', () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness();
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    for (const id of ['UA', 'UB', 'UC', 'UD']) h.slack.addUser({ id, name: id, email: `${id}@example.no` });
    for (const id of ['UA', 'UB', 'UC', 'UD']) {
      await postCommand(h.base, slashCommand(h.slack.url, id, 'join'));
      await postInteraction(h.base, viewSubmission(id, 'give_consent', stateValues({ purposes: { selected_options: [{ value: 'guest_lecture' }] } })));
    }
  });

  afterEach(async () => {
    await h.stop();
  });

  async function postRequest() {
    const response = await postInteraction(
      h.base,
      viewSubmission('UKARI', 'post_request', stateValues({
        title: { value: 'Panel' },
        type: { selected_option: { value: 'guest_lecture' } },
        unitId: { selected_option: { value: h.unitId } },
        description: { value: 'Om skatt.' },
        startsAt: { selected_date_time: Math.floor((Date.now() + 30 * DAY) / 1000) },
        format: { selected_option: { value: 'digital' } },
        needed: { value: '1' },
        replyBy: { selected_date: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10) },
        channel: { selected_conversation: 'CSTAFF' },
      })),
    );
    expect(await response.text()).toBe('');
  }

  const invitesTo = (userId: string) => h.slack.messagesIn(userId).filter((m) => JSON.stringify(m.metadata ?? '').includes(':invite'));

  it('retries after 429 (honouring Retry-After) and 5xx, delivering each invitation exactly once', async () => {
    h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    h.slack.failNext('chat.postMessage', { status: 503 });
    h.slack.failNext('chat.postMessage', { status: 500 });
    await postRequest();
    await eventually(async () => {
      // Three of the four (equally good, so which three varies by request) get one invitation each.
      expect(ALUMNI.map((id) => invitesTo(id).length).sort()).toEqual([0, 1, 1, 1]);
      expect(await h.service.database.prisma.outboxMessage.count({ where: { state: 'pending' } })).toBe(0);
    }, 20_000);
    expect(h.slack.messagesIn('CSTAFF').filter((m) => !m.thread_ts)).toHaveLength(1);
    const rows = await h.service.database.prisma.outboxMessage.findMany();
    expect(rows.filter((row) => row.state !== 'sent').map((row) => [row.kind, row.state, row.lastError])).toEqual([]);
    expect(rows.some((row) => row.attempts > 1)).toBe(true);
  });

  it('asks the next candidate when an invitation cannot reach someone who left', async () => {
    h.slack.refuseChannel('UB', 'user_disabled');
    // UB fits best (the others only come on campus; the panel is digital), so UB is asked first.
    for (const id of ['UA', 'UC', 'UD']) {
      const saved = await postInteraction(h.base, viewSubmission(id, 'edit_profile', stateValues({
        formats: { selected_options: [{ value: 'campus' }] }, maxAsksPerTerm: { value: '3' }, engagementTypes: { selected_options: [{ value: 'guest_lecture' }] },
      })));
      expect(await saved.text()).toBe('');
    }
    await postRequest();
    await eventually(async () => {
      expect(invitesTo('UD')).toHaveLength(1);
      const dead = await h.service.database.prisma.outboxMessage.findMany({ where: { state: 'dead' } });
      expect(dead.map((row) => [row.kind, row.lastError])).toEqual([['invitation', 'user_disabled']]);
      // Who else is in the first wave is shuffled: the one asked in UB's place may be sent last.
      for (const id of ['UA', 'UC']) expect(invitesTo(id)).toHaveLength(1);
    }, 10_000);
    expect(invitesTo('UB')).toHaveLength(0);
  });

  it('tells the owner when the request card cannot be posted, and still invites', async () => {
    h.slack.refuseChannel('CSTAFF', 'channel_not_found');
    await postRequest();
    await eventually(() => {
      const notice = h.slack.messagesIn('UKARI').map((m) => m.text).find((text) => text.includes('Jeg fikk ikke lagt ut'));
      expect(notice).toContain('channel_not_found');
      expect(ALUMNI.map((id) => invitesTo(id).length).sort()).toEqual([0, 1, 1, 1]);
    }, 10_000);
  });
});

describe('Slack: a send interrupted by a crash', () => {
  it('is not sent again when Slack already has it (found by its metadata key)', async () => {
    const h = await startSlackHarness();
    try {
      const prisma = h.service.database.prisma;
      const person = await prisma.person.create({ data: { displayName: 'Ola', identities: { create: { platform: 'slack', workspaceId: 'T1', userId: 'UOLA' } } } });
      const key = `direct:${person.id}:hello`;
      // The crashed instance got this far: Slack accepted the message, the outbox never heard.
      await fetch(`${h.slack.url}/api/chat.postMessage`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-fake-token', 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'UOLA', text: 'Hei', metadata: { event_type: 'alumni_bridge_outbox', event_payload: { key } } }),
      });
      await prisma.outboxMessage.create({
        data: {
          platform: 'slack', kind: 'direct', card: { text: 'Hei' }, idempotencyKey: key, conversationKey: 'slack:T1:dm:UOLA', workspaceKey: 'slack:T1',
          target: { address: { kind: 'person', personId: person.id }, workspaceId: 'T1' }, personId: person.id,
          leaseOwner: 'an-instance-that-died', leaseUntil: new Date(Date.now() - 1_000),
        },
      });
      h.service.dispatcher?.kick();
      await eventually(async () => expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: key } })).state).toBe('sent'));
      expect(h.slack.deliveries.get(key)).toBe(1);
      expect(h.slack.callsTo('conversations.history')).toHaveLength(1);
    } finally {
      await h.stop();
    }
  });
});
