// Requests that do not come from Slack are refused before anything happens: bad signatures,
// missing headers, timestamps outside five minutes either way. Malformed input never gives a 5xx.
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { blockAction, postCommand, postEvent, postInteraction, postSigned, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';

describe('Slack: request verification and bad input', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness();
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
  });

  afterAll(async () => {
    await h.stop();
  });

  const rowsWritten = async () => {
    const prisma = h.service.database.prisma;
    return (await prisma.person.count()) + (await prisma.processedEvent.count()) + (await prisma.request.count()) + (await prisma.outboxMessage.count());
  };

  it('answers url_verification with the challenge', async () => {
    const response = await postEvent(h.base, { type: 'url_verification', token: 'legacy', challenge: 'c-123' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'c-123' });
  });

  it.each([
    ['a wrong signature', { secret: 'not-the-secret' }],
    ['missing headers', { omitHeaders: true }],
    ['a timestamp six minutes old', { timestamp: Math.floor(Date.now() / 1000) - 360 }],
    ['a timestamp six minutes in the future', { timestamp: Math.floor(Date.now() / 1000) + 360 }],
  ])('refuses %s with 401 and writes nothing', async (_label, options) => {
    const before = await rowsWritten();
    const event = { type: 'event_callback', team_id: 'T1', event_id: `Ev-${Math.random()}`, event: { type: 'team_join', user: { id: 'UKARI' } } };
    expect((await postEvent(h.base, event, options)).status).toBe(401);
    expect((await postCommand(h.base, slashCommand(h.slack.url, 'UKARI', 'help'), options)).status).toBe(401);
    expect(await rowsWritten()).toBe(before);
    expect(h.slack.calls).toHaveLength(0);
  });

  it('never answers malformed bodies with a 5xx', async () => {
    for (const [body, type] of [
      ['{not json', 'application/json'],
      ['payload=%7Bbroken', 'application/x-www-form-urlencoded'],
      ['', 'application/x-www-form-urlencoded'],
      ['payload=' + encodeURIComponent(JSON.stringify({ type: 'mystery' })), 'application/x-www-form-urlencoded'],
    ] as const) {
      const response = await postSigned(h.base, body, type);
      expect(response.status).toBeLessThan(500);
    }
  });

  it('ignores an unknown action id and an unknown modal politely', async () => {
    const action = await postInteraction(h.base, blockAction(h.slack.url, 'UKARI', 'delete_everything', 'x', { channel: 'DKARI', ts: '1.1' }));
    expect(action.status).toBeLessThan(500);
    const view = await postInteraction(h.base, viewSubmission('UKARI', 'unknown_modal', {}));
    expect(view.status).toBeLessThan(500);
  });

  it('answers politely when Slack cannot tell who the user is', async () => {
    const response = await postCommand(h.base, slashCommand(h.slack.url, 'UGHOST', 'profile'));
    expect(response.status).toBe(200);
    expect(String(h.slack.responses.at(-1)?.body.text)).toContain('Noe gikk galt hos oss. Ingenting ble endret');
  });

  it('answers an unknown subcommand with the help text', async () => {
    const response = await postCommand(h.base, slashCommand(h.slack.url, 'UKARI', 'dance'));
    expect(response.status).toBe(200);
    expect(String(h.slack.responses.at(-1)?.body.text)).toContain('/alumni request');
  });

  it('answers a forged or stale button value without changing anything', async () => {
    const before = await h.service.database.prisma.invitation.count();
    const response = await postInteraction(h.base, blockAction(h.slack.url, 'UKARI', 'invitation_accept', 'not-a-uuid', { channel: 'DKARI', ts: '1.1' }));
    expect(response.status).toBe(200);
    expect(String(h.slack.responses.at(-1)?.body.text)).toMatch(/fant det ikke|Noe gikk galt/);
    expect(await h.service.database.prisma.invitation.count()).toBe(before);
  });
});

describe('Slack: a modal submitted twice', () => {
  it('creates one request', async () => {
    const h = await startSlackHarness();
    try {
      h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
      const values = stateValues({
        title: { value: 'Panel' },
        type: { selected_option: { value: 'evaluation_panel' } },
        unitId: { selected_option: { value: h.unitId } },
        description: { value: 'Evaluering av masterprogrammet.' },
        startsAt: { selected_date_time: Math.floor((Date.now() + 30 * 86_400_000) / 1000) },
        format: { selected_option: { value: 'either' } },
        needed: { value: '3' },
        replyBy: { selected_date: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10) },
        channel: { selected_conversation: 'CSTAFF' },
      });
      const submissions = await Promise.all([1, 2].map(() => postInteraction(h.base, viewSubmission('UKARI', 'post_request', values))));
      for (const response of submissions) expect(await response.text()).toBe('');
      expect(await h.service.database.prisma.request.count()).toBe(1);
    } finally {
      await h.stop();
    }
  });
});
