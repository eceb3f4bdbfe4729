// Issue 10, seen problem 8: the per-term cap can never be exceeded. Over real HTTP: alumni who
// have been asked twice (cap 3) are matched by two requests posted at the same moment; each
// person gets at most the one ask they have left. And an invitation that expired while still
// waiting in the outbox (never sent) does not count against the cap.
import { recordInvitationSent } from '../../../src/app/deliver-invitation.ts';
import { expireInvitations } from '../../../src/app/expire-invitations.ts';
import { postRequest } from '../../../src/app/post-request.ts';
import { resolvePerson } from '../../../src/app/resolve-person.ts';
import { updateProfile } from '../../../src/app/update-profile.ts';
import { eventually } from '../../support/eventually.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { equalAlumni, requestInput, startImportedCore, WORKSPACE, type ImportedCore } from './imported-core.ts';
import { slackSteps } from './slack-steps.ts';

const ALUMNI = Array.from({ length: 8 }, (_, i) => `UALUM${i + 1}`);

describe('Slack: requests posted at once never take more than someone has left this term', () => {
  let h: SlackHarness;
  const steps = slackSteps(() => h);

  beforeEach(async () => {
    h = await startSlackHarness();
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    for (const id of ALUMNI) h.slack.addUser({ id, name: id, email: `${id.toLowerCase()}@example.no` });
  });

  afterEach(async () => {
    await h.stop();
  });

  const asks = () => h.service.database.prisma.invitation.groupBy({ by: ['personId'], _count: { _all: true } });

  it('asks everyone once more, not more, when four requests match them at the same moment', async () => {
    for (const id of ALUMNI) await steps.join(id, ['guest_lecture']);
    // Two earlier requests ask all eight (cap 3 by default): everyone is at cap − 1.
    for (let i = 0; i < 2; i += 1) await steps.postRequest('UKARI', 'guest_lecture', { needed: { type: 'number_input', value: '3' } });
    await eventually(() => expect(ALUMNI.every((id) => steps.invitationsOf(id).length === 2)).toBe(true));

    await Promise.all(Array.from({ length: 4 }, () => steps.postRequest('UKARI', 'guest_lecture', { needed: { type: 'number_input', value: '3' } })));

    const perPerson = await asks();
    expect(perPerson).toHaveLength(8);
    expect(perPerson.map((row) => row._count._all)).toEqual(Array(8).fill(3));
    await eventually(() => expect(ALUMNI.map((id) => steps.invitationsOf(id).length)).toEqual(Array(8).fill(3)));
  });
});

describe('an invitation that expired before it was sent', () => {
  let core: ImportedCore;

  beforeEach(async () => {
    core = await startImportedCore(equalAlumni(1));
  });

  afterEach(async () => {
    await core.close();
  });

  it('does not count against the cap', async () => {
    const alumnus = await resolvePerson(core.ctx, { platform: 'slack', workspaceId: WORKSPACE, userId: 'UA00001', displayName: 'Alumnus', locale: 'nb-NO' });
    await updateProfile(core.ctx, alumnus, { maxAsksPerTerm: 1 });
    const first = await postRequest(core.ctx, core.admin, requestInput(core, { title: 'Første', startsAt: '2026-12-10T09:00:00Z', replyBy: '2026-12-01T12:00:00Z' }));
    expect(first.invited).toBe(1);
    // The message never went out (say, the platform was down) and the reply deadline passed.
    core.clock.set('2026-12-02T09:00:00Z');
    await expireInvitations(core.ctx);
    const expired = await core.database.prisma.invitation.findFirstOrThrow({ where: { requestId: first.request.id } });
    expect(expired).toMatchObject({ state: 'expired', sentAt: null });

    const second = await postRequest(core.ctx, core.admin, requestInput(core, { title: 'Andre', replyBy: '2026-12-20T12:00:00Z' }));
    expect(second.invited).toBe(1);
  });

  it('still leaves someone alone once a sent invitation used up the term', async () => {
    const alumnus = await resolvePerson(core.ctx, { platform: 'slack', workspaceId: WORKSPACE, userId: 'UA00001', displayName: 'Alumnus', locale: 'nb-NO' });
    await updateProfile(core.ctx, alumnus, { maxAsksPerTerm: 1 });
    const first = await postRequest(core.ctx, core.admin, requestInput(core, { title: 'Første', startsAt: '2026-12-10T09:00:00Z', replyBy: '2026-12-01T12:00:00Z' }));
    const [invitation] = await core.database.prisma.invitation.findMany({ where: { requestId: first.request.id } });
    await recordInvitationSent(core.ctx, invitation!.id, 'slack', { channel: 'D1', ts: '1.1' });
    core.clock.set('2026-12-02T09:00:00Z');
    await expireInvitations(core.ctx);
    expect(await core.database.prisma.invitation.findFirstOrThrow({ where: { requestId: first.request.id } })).toMatchObject({ state: 'expired' });
    expect((await postRequest(core.ctx, core.admin, requestInput(core, { title: 'Andre', replyBy: '2026-12-20T12:00:00Z' }))).invited).toBe(0);
  });
});
