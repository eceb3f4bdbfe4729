// Issue 10, seen problem 9: one alumnus says the filling "yes" while another leaves at the
// same moment. Withdrawing consent used to lock invitations before the request and the filling
// yes the other way round, so one of them could fail with a deadlock (40P01). Over real HTTP,
// many times (bounded): both always succeed, and the outcome is consistent.
import type { PrismaStore } from '../../../src/db/store.ts';
import { eventually } from '../../support/eventually.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { slackSteps } from './slack-steps.ts';

const ROUNDS = 12;
const SORRY = 'Noe gikk galt';

describe('Slack: leaving at the moment of the filling yes', () => {
  let h: SlackHarness;
  const steps = slackSteps(() => h);

  beforeAll(async () => {
    h = await startSlackHarness();
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    for (let round = 1; round <= ROUNDS; round += 1) {
      h.slack.addUser({ id: `UYES${round}`, name: `Ja ${round}`, email: `yes${round}@example.no` });
      h.slack.addUser({ id: `ULEAVE${round}`, name: `Går ${round}`, email: `leave${round}@example.no` });
    }
  });

  afterAll(async () => {
    await h.stop();
  });

  it(`never fails either of them (${ROUNDS} rounds)`, async () => {
    for (let round = 1; round <= ROUNDS; round += 1) {
      const [yes, leaver] = [`UYES${round}`, `ULEAVE${round}`];
      await steps.join(yes, ['guest_lecture']);
      await steps.join(leaver, ['guest_lecture']);
      await steps.postRequest('UKARI', 'guest_lecture', { title: { type: 'plain_text_input', value: `Runde ${round}` } });
      const invitation = await eventually(() => {
        expect(steps.invitationsOf(leaver)).toHaveLength(1);
        expect(steps.invitationsOf(yes)).toHaveLength(1);
        return steps.invitationsOf(yes)[0]!;
      });

      const before = h.slack.responses.length;
      const [pressed, left] = await Promise.all([steps.press(yes, 'invitation_accept', invitation), steps.leave(leaver)]);
      expect([pressed.status, left.status]).toEqual([200, 200]);
      const answers = h.slack.responses.slice(before).map((response) => String(response.body.text ?? JSON.stringify(response.body)));
      expect(answers.filter((text) => text.includes(SORRY))).toEqual([]);

      const request = await h.service.database.prisma.request.findFirstOrThrow({ where: { title: `Runde ${round}` }, include: { invitations: { include: { person: { include: { identities: true } } } } } });
      const stateOf = (userId: string) => request.invitations.find((i) => i.person.identities.some((identity) => identity.userId === userId))?.state;
      expect({ request: request.state, yes: stateOf(yes), leaver: stateOf(leaver) }).toEqual({ request: 'filled', yes: 'accepted', leaver: 'withdrawn' });
      await steps.leave(yes);
    }
    // With one lock order for every use case they never even met in a deadlock to be retried.
    expect((h.service.ctx.store as PrismaStore).retries).toBe(0);
  }, 120_000);
});
