// Issue 10, seen problem 4: joining again with a wider consent widens matching. Over real HTTP:
// Ola joins for guest lectures, leaves, joins again adding mentoring, and is then asked to mentor.
import { eventually } from '../../support/eventually.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { slackSteps } from './slack-steps.ts';

describe('Slack: joining again with a wider consent', () => {
  let h: SlackHarness;
  const steps = slackSteps(() => h);

  beforeEach(async () => {
    h = await startSlackHarness();
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    h.slack.addUser({ id: 'UOLA', name: 'Ola', email: 'ola@example.no' });
  });

  afterEach(async () => {
    await h.stop();
  });

  it('asks about mentoring once the person has joined again for it', async () => {
    await steps.join('UOLA', ['guest_lecture']);
    expect((await steps.leave('UOLA')).status).toBe(200);
    await steps.join('UOLA', ['guest_lecture', 'mentoring']);

    await steps.postRequest('UKARI', 'mentoring');
    const invitation = await eventually(() => {
      expect(steps.invitationsOf('UOLA')).toHaveLength(1);
      return steps.invitationsOf('UOLA')[0]!;
    });
    expect(steps.blocksText(invitation)).toContain('Mentor for masterstudenter');
  });

  it('asks nobody about mentoring when the person joined again for guest lectures only', async () => {
    await steps.join('UOLA', ['guest_lecture', 'mentoring']);
    expect((await steps.leave('UOLA')).status).toBe(200);
    await steps.join('UOLA', ['guest_lecture']);

    await steps.postRequest('UKARI', 'mentoring');
    await eventually(() => expect(h.slack.messagesIn('CSTAFF').length).toBeGreaterThan(0));
    await steps.postRequest('UKARI', 'guest_lecture');
    await eventually(() => expect(steps.invitationsOf('UOLA')).toHaveLength(1));
    const requests = await h.service.database.prisma.request.findMany({ select: { type: true, _count: { select: { invitations: true } } } });
    expect(requests).toEqual(expect.arrayContaining([{ type: 'mentoring', _count: { invitations: 0 } }, { type: 'guest_lecture', _count: { invitations: 1 } }]));
  });
});
