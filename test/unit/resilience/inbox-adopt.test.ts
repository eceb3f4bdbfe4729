// Requests the HTTP front recorded and answered are worked on by the main thread beside the ones
// it answers itself (forms, option lists): a backlog of the front's never refuses those.
import { DEFAULT_INBOX_OPTIONS, Inbox } from '../../../src/inbox/inbox.ts';
import type { InboxStore } from '../../../src/ports-inbox.ts';
import { silentLogger } from '../../support/logger.ts';

const store = {} as InboxStore;

describe('the inbox with the HTTP front', () => {
  it('admits its own requests however many of the front’s it is working on', () => {
    const inbox = new Inbox(store, 'slack', silentLogger(), { ...DEFAULT_INBOX_OPTIONS, owner: 'i1', maxActive: 2 });
    const adopted = Array.from({ length: 50 }, (_, i) => inbox.adopt(`front-${i}`));
    expect(adopted[0]?.id).toBe('front-0');
    const first = inbox.admit();
    const second = inbox.admit();
    expect(first).not.toBeNull();
    expect(second).not.toBeNull();
    // Its own limit still holds.
    expect(inbox.admit()).toBeNull();
    first?.release();
    expect(inbox.admit()).not.toBeNull();
  });

  it('waits at the stop for the front’s requests still being worked on', async () => {
    const inbox = new Inbox(store, 'slack', silentLogger(), { ...DEFAULT_INBOX_OPTIONS, owner: 'i1' });
    const ticket = inbox.adopt('front-1');
    let stopped = false;
    const stopping = inbox.stop(2_000).then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(stopped).toBe(false);
    ticket.release();
    await stopping;
    expect(stopped).toBe(true);
  });
});
