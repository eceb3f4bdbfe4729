// The request form is answered before its first wave: the modal closes as soon as the request is
// recorded, the invitations (matching over the alumni) go out right behind the answer, and the
// `invite-first-waves` job sends any first wave that did not go out (a failed try, an instance
// that stopped in between) exactly once, however many instances run it. A first wave that fails
// for good is not lost silently: the owner is told in their language. Real HTTP to the running
// service, on a fresh PostgreSQL database; the matching is held or broken through the service's
// store, the way a slow or failing database would.
import { findActor } from '../../../src/app/find-actor.ts';
import { FIRST_WAVE_GRACE_MS } from '../../../src/app/invite-first-wave.ts';
import { submitRequest } from '../../../src/app/post-request.ts';
import { openDatabase } from '../../../src/db/database.ts';
import { PrismaStore } from '../../../src/db/store.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { JOBS } from '../../../src/jobs/schedules.ts';
import type { AppContext, Repositories, Store } from '../../../src/ports.ts';
import { eventually } from '../../support/eventually.ts';
import { silentLogger } from '../../support/logger.ts';
import { postCommand, postInteraction, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';
import type { SlackHarness } from '../../support/slack-service.ts';
import { slackSteps } from '../matching/slack-steps.ts';
import { startTrustHarness, type TrustHarness } from '../trust/support.ts';

const DAY = 86_400_000;
const FAILED_KEY = { idempotencyKey: { endsWith: ':owner:first-wave-failed' } };

/** The service's matching, changed: every search for candidates goes through `around` first. */
function aroundMatching(ctx: AppContext, around: () => Promise<void>): void {
  const store: Store = ctx.store;
  const wrap = (repos: Repositories): Repositories => ({
    ...repos,
    candidates: {
      findCandidates: async (query) => {
        await around();
        return repos.candidates.findCandidates(query);
      },
      reserve: (query, ids) => repos.candidates.reserve(query, ids),
    },
  });
  ctx.store = { transaction: (work, options) => store.transaction((repos) => work(wrap(repos)), options) };
}

/** Matching waits until `release()`; `reached` settles when a search is waiting. */
function holdMatching(ctx: AppContext): { reached: Promise<void>; release: () => void } {
  let release = () => undefined as void;
  let reachedNow = () => undefined as void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const reached = new Promise<void>((resolve) => (reachedNow = resolve));
  aroundMatching(ctx, async () => {
    reachedNow();
    await gate;
  });
  return { reached, release };
}

/** The next `times` searches for candidates fail with `error()`, as a lost database connection would. */
function breakMatching(ctx: AppContext, times: number, error: () => Error): void {
  let left = times;
  aroundMatching(ctx, async () => {
    if (left <= 0) return;
    left -= 1;
    throw error();
  });
}

const firstWaveJob = JOBS.find((job) => job.id === 'invite-first-waves')!;

/** The service's clock, moved past the time the job leaves a first wave to the listener that answered. */
function afterGrace(ctx: AppContext): void {
  ctx.clock = { now: () => new Date(Date.now() + FIRST_WAVE_GRACE_MS + 1_000) };
}

describe('Slack: the request form is answered before its first wave', () => {
  let t: TrustHarness;
  let h: SlackHarness;
  const steps = slackSteps(() => h);
  const blocksText = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);
  const prisma = () => t.service.database.prisma;

  async function start(processBeforeResponse: boolean, env: Record<string, string> = {}): Promise<void> {
    t = await startTrustHarness({ WORKING_HOURS: 'always', ...env }, { processBeforeResponse });
    const unit = await t.service.database.prisma.unit.findUniqueOrThrow({ where: { code: 'ECON' } });
    const programme = await t.service.database.prisma.programme.findUniqueOrThrow({ where: { code: 'MSC-ECON' } });
    h = { ...t, unitId: unit.id, programmeId: programme.id };
    // The instance's own scheduler is stopped: the job runs only when a test runs it (and so when it says).
    await t.service.stopSteps.find((step) => step.name === 'jobs')!.run();
    t.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    t.slack.addUser({ id: 'USIRI', name: 'Siri', email: 'siri@uni.example', locale: 'en-US' });
    t.slack.addUser({ id: 'UOLA', name: 'Ola', email: 'ola@example.no' });
    t.slack.addUser({ id: 'UPER', name: 'Per', email: 'per@example.no' });
  }

  afterEach(async () => {
    await t?.stop();
  });

  /** Each joins with the command, then sends the form it opened (answered first, the command's work may come later). */
  async function twoAlumni(): Promise<void> {
    for (const userId of ['UOLA', 'UPER']) {
      const opened = t.slack.callsTo('views.open').length;
      expect((await postCommand(t.base, slashCommand(t.slack.url, userId, 'join'))).status).toBe(200);
      await eventually(() => expect(t.slack.callsTo('views.open')).toHaveLength(opened + 1));
      const consent = await postInteraction(t.base, viewSubmission(userId, 'give_consent', stateValues({ purposes: { type: 'multi_static_select', selected_options: [{ value: 'guest_lecture' }] } })));
      expect(consent.status).toBe(200);
    }
  }

  const invitedBoth = () =>
    eventually(() => {
      expect(steps.invitationsOf('UOLA')).toHaveLength(1);
      expect(steps.invitationsOf('UPER')).toHaveLength(1);
    });

  it('closes the form and posts the card while the matching still runs; the invitations follow', async () => {
    await start(false);
    await twoAlumni();
    const held = holdMatching(t.service.ctx);

    // postRequest checks the answer: HTTP 200 with an empty body, so the modal closes.
    await steps.postRequest('UKARI', 'guest_lecture');
    await held.reached;
    expect(await prisma().invitation.count()).toBe(0);
    await eventually(() => expect(t.slack.messagesIn('CSTAFF')).toHaveLength(1));

    held.release();
    await invitedBoth();
  });

  it('sends the invitations with the first-wave job when the try behind the answer failed', async () => {
    await start(true);
    await twoAlumni();
    breakMatching(t.service.ctx, 1, () => new Error('Connection terminated unexpectedly'));

    await steps.postRequest('UKARI', 'guest_lecture');
    expect(await prisma().invitation.count()).toBe(0);
    expect(await prisma().request.findFirstOrThrow()).toMatchObject({ state: 'open' });
    expect(t.logText()).toContain('the first wave of a request failed');

    afterGrace(t.service.ctx);
    expect(await firstWaveJob.run(t.service.ctx)).toMatchObject({ invited: 2 });
    await invitedBoth();
    expect(await prisma().outboxMessage.count({ where: FAILED_KEY })).toBe(0);
  });

  it('sends a first wave left behind by a crash exactly once, even from two instances at once', async () => {
    await start(true);
    await twoAlumni();
    expect((await postCommand(t.base, slashCommand(t.slack.url, 'UKARI', 'request'))).status).toBe(200);
    const kari = (await findActor(t.service.ctx, 'slack', 'T1', 'UKARI'))!;

    // What the listener does before its answer, and then the instance stops.
    await submitRequest(t.service.ctx, kari, {
      title: 'Gjesteforelesning om skatt',
      type: 'guest_lecture',
      unitId: h.unitId,
      programmeId: h.programmeId,
      description: 'Nitti minutter for andreårsstudenter.',
      expertise: ['skatt'],
      startsAt: new Date(Date.now() + 40 * DAY),
      format: 'campus',
      needed: 1,
      replyBy: new Date(Date.now() + 20 * DAY),
      channel: { platform: 'slack', workspaceId: 'T1', channelId: 'CSTAFF' },
    }, { platform: 'slack', id: 'VCRASH:h' });
    await eventually(async () => expect((await prisma().request.findFirstOrThrow()).messageRef).not.toBeNull());
    expect(t.slack.messagesIn('CSTAFF')).toHaveLength(1);
    expect(await prisma().invitation.count()).toBe(0);

    // Left to its listener for a while; then two instances run the job at once: the first holds
    // the request while it matches, the second waits for it.
    expect(await firstWaveJob.run(t.service.ctx)).toMatchObject({ invited: 0 });
    expect(await prisma().invitation.count()).toBe(0);
    afterGrace(t.service.ctx);
    const other = await openDatabase({ kind: 'postgres', url: t.databaseEnv.DATABASE_URL! }, silentLogger(), { migrate: false });
    try {
      const second: AppContext = { ...t.service.ctx, store: new PrismaStore(other.prisma) };
      const held = holdMatching(t.service.ctx);
      const first = firstWaveJob.run(t.service.ctx);
      await held.reached;
      const late = firstWaveJob.run(second);
      await eventually(async () => {
        const waiting = await prisma().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM requests%FOR UPDATE%'`;
        expect(Number(waiting[0]!.n)).toBeGreaterThan(0);
      });
      held.release();
      expect(await Promise.all([first, late])).toEqual([
        { invited: 2, shortlists: 0, givenUp: 0 },
        { invited: 0, shortlists: 0, givenUp: 0 },
      ]);
    } finally {
      await other.close();
    }

    await invitedBoth();
    const invited = await prisma().invitation.findMany({ select: { personId: true } });
    expect(new Set(invited.map((row) => row.personId)).size).toBe(2);
    expect(invited).toHaveLength(2);
    expect(await firstWaveJob.run(t.service.ctx)).toMatchObject({ invited: 0 });
  });

  it('tells the owner, in their language, when the first wave fails for good', async () => {
    await start(true, { ADMIN_EMAILS: 'kari@uni.example,siri@uni.example' });
    await twoAlumni();
    const failedDm = (userId: string, title: string) => steps.dmOf(userId).filter((message) => blocksText(message).includes(title));

    // Refused by the core: given up at once.
    breakMatching(t.service.ctx, 1, () => new DomainError('not_found', 'a unit the request names is gone'));
    await steps.postRequest('UKARI', 'guest_lecture');
    await eventually(() => expect(failedDm('UKARI', 'Invitasjonene til «Mentor for masterstudenter» kunne ikke sendes')).toHaveLength(1));
    expect(blocksText(failedDm('UKARI', 'kunne ikke sendes')[0]!)).toContain('Avlys forespørselen og legg den ut på nytt');

    // Failing again and again: tried behind the answer, then by the job, and given up on the fifth failure.
    breakMatching(t.service.ctx, 5, () => new Error('Connection terminated unexpectedly'));
    await steps.postRequest('USIRI', 'guest_lecture', { title: { type: 'plain_text_input', value: 'Career talk' } });
    afterGrace(t.service.ctx);
    for (let run = 0; run < 3; run += 1) await expect(firstWaveJob.run(t.service.ctx)).rejects.toThrow('Connection terminated');
    expect(await prisma().outboxMessage.count({ where: FAILED_KEY })).toBe(1);
    expect(await firstWaveJob.run(t.service.ctx)).toMatchObject({ givenUp: 1 });
    await eventually(() => expect(failedDm('USIRI', 'The invitations for “Career talk” could not be sent')).toHaveLength(1));
    expect(blocksText(failedDm('USIRI', 'could not be sent')[0]!)).toContain('Please cancel the request and post it again');

    expect(await firstWaveJob.run(t.service.ctx)).toMatchObject({ invited: 0, givenUp: 0 });
    expect(await prisma().outboxMessage.count({ where: FAILED_KEY })).toBe(2);
    expect(await prisma().invitation.count()).toBe(0);
  });

  it('tells the owner nobody matched, as before, which is no failure', async () => {
    await start(true);
    await steps.postRequest('UKARI', 'guest_lecture');
    await eventually(() => expect(steps.dmOf('UKARI').filter((message) => blocksText(message).includes('Ingen flere å spørre for «Mentor for masterstudenter»'))).toHaveLength(1));
    expect(await prisma().outboxMessage.count({ where: FAILED_KEY })).toBe(0);
  });
});
