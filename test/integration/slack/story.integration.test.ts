// The whole story in Slack, over real HTTP: signed requests to the running service, and the
// bot's Web API calls received by a local fake Slack.
import { eventually } from '../../support/eventually.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { blockAction, postCommand, postEvent, postInteraction, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';

const DAY = 86_400_000;

describe.each([
  ['PostgreSQL server', false],
  ['embedded PGlite', true],
])('Slack: the request story on %s', (_database, embedded) => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness({}, { embedded });
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    h.slack.addUser({ id: 'UOLA', name: 'Ola', email: 'ola@example.no' });
    h.slack.addUser({ id: 'USIRI', name: 'Siri', email: 'siri@example.no', locale: 'en-US' });
    h.slack.addUser({ id: 'UPER', name: 'Per', email: 'per@example.no' });
  });

  afterEach(async () => {
    await h.stop();
  });

  async function join(userId: string) {
    expect((await postCommand(h.base, slashCommand(h.slack.url, userId, 'join'))).status).toBe(200);
    const opened = h.slack.callsTo('views.open').at(-1)!;
    expect((opened.params.view as { callback_id: string }).callback_id).toBe('give_consent');
    const response = await postInteraction(h.base, viewSubmission(userId, 'give_consent', stateValues({ purposes: { type: 'multi_static_select', selected_options: [{ value: 'guest_lecture' }] } })));
    expect(response.status).toBe(200);
  }

  function requestValues(overrides: Record<string, Record<string, unknown>> = {}) {
    return stateValues({
      title: { type: 'plain_text_input', value: 'Gjesteforelesning <!channel> om skatt' },
      type: { type: 'static_select', selected_option: { value: 'guest_lecture' } },
      unitId: { type: 'static_select', selected_option: { value: h.unitId } },
      programmeId: { type: 'static_select', selected_option: { value: h.programmeId } },
      course: { type: 'plain_text_input', value: null },
      description: { type: 'plain_text_input', value: 'Nitti minutter for andreårsstudenter.' },
      expertise: { type: 'plain_text_input', value: 'skatt, offentlig politikk' },
      startsAt: { type: 'datetimepicker', selected_date_time: Math.floor((Date.now() + 40 * DAY) / 1000) },
      format: { type: 'static_select', selected_option: { value: 'campus' } },
      needed: { type: 'number_input', value: '1' },
      replyBy: { type: 'datepicker', selected_date: new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10) },
      channel: { type: 'conversations_select', selected_conversation: 'CSTAFF' },
      ...overrides,
    });
  }

  const dmOf = (userId: string) => h.slack.messagesIn(userId);
  const blocksText = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);
  /** The invitations a user got (as they look now), recognised by their metadata. */
  const invitationsOf = (userId: string) =>
    dmOf(userId).filter((message) => JSON.stringify(message.metadata ?? '').includes(':invite'));
  const buttonValue = (message: { blocks: unknown[] }, actionId: string) =>
    new RegExp(`"action_id":"${actionId}","value":"([0-9a-f-]+)"`).exec(blocksText(message))![1]!;

  it('runs from the command to a filled request, telling everyone', async () => {
    await join('UOLA');
    await join('USIRI');

    expect((await postCommand(h.base, slashCommand(h.slack.url, 'UKARI', 'request'))).status).toBe(200);
    const modal = h.slack.callsTo('views.open').at(-1)!.params.view as { callback_id: string; blocks: { block_id?: string }[] };
    expect(modal.callback_id).toBe('post_request');
    expect(modal.blocks.map((block) => block.block_id).filter(Boolean)).toEqual(['title', 'type', 'unitId', 'programmeId', 'course', 'description', 'expertise', 'startsAt', 'format', 'needed', 'replyBy', 'reviewShortlist', 'channel']);

    const submitted = await postInteraction(h.base, viewSubmission('UKARI', 'post_request', requestValues()));
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe('');

    const card = await eventually(() => {
      const [posted] = h.slack.messagesIn('CSTAFF');
      expect(posted).toBeDefined();
      return posted!;
    });
    // Typed mentions reach Slack escaped (mrkdwn) or as plain text, never as a live <!channel>.
    expect(card.text).toContain('Gjesteforelesning &lt;!channel&gt; om skatt');
    expect(blocksText(card).replace(/"type":"plain_text","text":"[^"]*"/g, '')).not.toContain('<!channel>');
    const olaInvite = await eventually(() => {
      expect(invitationsOf('UOLA')).toHaveLength(1);
      expect(invitationsOf('USIRI')).toHaveLength(1);
      return invitationsOf('UOLA')[0]!;
    });
    expect(blocksText(olaInvite)).toContain('Kan du bidra?');
    expect(blocksText(invitationsOf('USIRI')[0]!)).toContain('Can you help?');
    expect(dmOf('UPER')).toHaveLength(0);

    const invitationId = buttonValue(olaInvite, 'invitation_accept');
    const pressed = await postInteraction(h.base, blockAction(h.slack.url, 'UOLA', 'invitation_accept', invitationId, { channel: olaInvite.channel, ts: olaInvite.ts }));
    expect(pressed.status).toBe(200);
    expect(blocksText(invitationsOf('UOLA')[0]!)).toContain('Takk for at du sa ja!');

    await eventually(() => {
      const thread = h.slack.messagesIn('CSTAFF').filter((message) => message.thread_ts === card.ts).map((message) => message.text);
      expect(thread).toEqual(expect.arrayContaining(['Ola sa ja (1 av 1).', 'Forespørselen er fylt. Takk, alle sammen!']));
      expect(blocksText(invitationsOf('USIRI')[0]!)).toContain('This request has been filled. Thank you for your interest!');
      expect(blocksText(h.slack.messagesIn('CSTAFF')[0]!)).toContain('Fylt · 1 av 1 plass er tatt');
    });

    // A second press on the same button changes nothing and says so, politely.
    await postInteraction(h.base, blockAction(h.slack.url, 'UOLA', 'invitation_accept', invitationId, { channel: olaInvite.channel, ts: olaInvite.ts }));
    expect(h.slack.responses.at(-1)?.body.text).toContain('allerede besvart');
  });

  it('shows the owner the shortlist first when asked, and invites when the owner says so', async () => {
    await join('UOLA');
    await postInteraction(h.base, viewSubmission('UKARI', 'post_request', requestValues({ reviewShortlist: { reviewShortlist: { selected_option: { value: 'yes' } } }.reviewShortlist! })));
    const shortlist = await eventually(() => {
      const message = h.slack.messagesIn('UKARI').find((m) => blocksText(m).includes('Kortliste for'));
      expect(message).toBeDefined();
      return message!;
    });
    expect(blocksText(shortlist)).toContain('1. Ola');
    expect(invitationsOf('UOLA')).toHaveLength(0);
    await postInteraction(h.base, blockAction(h.slack.url, 'UKARI', 'request_open', buttonValue(shortlist, 'request_open'), { channel: shortlist.channel, ts: shortlist.ts }));
    await eventually(() => expect(invitationsOf('UOLA')).toHaveLength(1));
  });

  it('answers invalid modal input next to the field, in the user language, writing nothing', async () => {
    const response = await postInteraction(h.base, viewSubmission('UKARI', 'post_request', requestValues({ needed: { needed: { type: 'number_input', value: '0' } }.needed!, title: { type: 'plain_text_input', value: '' } })));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ response_action: 'errors', errors: { title: 'Må fylles ut.', needed: 'Skriv et tall fra 1 til 50.' } });
    expect(await h.service.database.prisma.request.count()).toBe(0);
  });

  it('handles a retried event once', async () => {
    const event = { token: 'legacy', team_id: 'T1', api_app_id: 'A1', type: 'event_callback', event_id: 'Ev0001', event_time: 1, event: { type: 'team_join', user: { id: 'UPER', name: 'per' } } };
    expect((await postEvent(h.base, event)).status).toBe(200);
    expect((await postEvent(h.base, event, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } })).status).toBe(200);
    await eventually(() => expect(dmOf('UPER')).toHaveLength(1));
    expect(blocksText(dmOf('UPER')[0]!)).toContain('Velkommen til alumninettverket!');
    expect(blocksText(dmOf('UPER')[0]!)).not.toContain('Kan du bidra?');
  });
});
