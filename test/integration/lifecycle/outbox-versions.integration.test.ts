// The outbox's side of "never back in time", on PostgreSQL: updates to one message fold into one
// row with a version, and a send that rendered an older version does not count as the last.
import { PrismaDispatchStore } from '../../../src/db/dispatch-store.ts';
import { textCard } from '../../../src/domain/cards.ts';
import type { OutboxEntry } from '../../../src/ports.ts';
import { startCore, type CoreHarness } from '../../support/core.ts';

describe('coalesced message updates', () => {
  let core: CoreHarness;

  beforeEach(async () => {
    core = await startCore();
  });

  afterEach(async () => {
    await core.close();
  });

  const update = (text: string): OutboxEntry => ({
    idempotencyKey: 'request:r1:card-update',
    kind: 'request_card_update',
    address: { kind: 'channel', channel: { platform: 'slack', workspaceId: 'T1', channelId: 'CSTAFF' } },
    card: textCard(text),
  });
  const enqueue = (entry: OutboxEntry) => core.ctx.store.transaction((repos) => repos.outbox.enqueue([entry]));
  const rows = () => core.database.prisma.outboxMessage.findMany();

  it('keeps one row per message, bumping its version and making it pending again', async () => {
    const store = new PrismaDispatchStore(core.database.prisma);
    await enqueue(update('Open · 1 of 2'));
    const [claimed] = await store.claimDue('me', ['slack'], new Date(Date.now() + 1000), 10, 60_000);
    expect(claimed).toMatchObject({ version: 1 });
    // While that send is on its way, the request fills: the same row gets version 2.
    await enqueue(update('Filled · 2 of 2'));
    expect(await store.markSent(claimed!.id, { channelId: 'CSTAFF', messageId: '1.0' }, new Date(), claimed!.version)).toBe(false);
    expect(await rows()).toMatchObject([{ state: 'pending', version: 2, leaseOwner: null, card: { text: 'Filled · 2 of 2' } }]);

    const [again] = await store.claimDue('me', ['slack'], new Date(Date.now() + 1000), 10, 60_000);
    expect(again).toMatchObject({ id: claimed!.id, version: 2 });
    expect(await store.markSent(again!.id, { channelId: 'CSTAFF', messageId: '1.0' }, new Date(), again!.version)).toBe(true);
    expect(await rows()).toMatchObject([{ state: 'sent', version: 2 }]);

    // A later change, identical in its counts to an earlier one, is not dropped.
    await enqueue(update('Open · 1 of 2'));
    expect(await rows()).toMatchObject([{ state: 'pending', version: 3, card: { text: 'Open · 1 of 2' } }]);
  });

  it('keeps a later time when the row already waits (an in-place edit, a back-off)', async () => {
    await enqueue({ ...update('A'), delayMs: 60_000 });
    const [waiting] = await rows();
    await enqueue(update('B'));
    const [after] = await rows();
    expect(after!.nextAttemptAt).toEqual(waiting!.nextAttemptAt);
    expect(after!.version).toBe(2);
  });
});
