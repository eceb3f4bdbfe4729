// The HTTP front's thread dying (a crash, an out-of-memory end) does not take the service down:
// the main thread logs it and starts the front again on the same port; Slack's requests are
// answered and worked on again, and what the old thread recorded was not lost.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { eventually } from '../../support/eventually.ts';
import { postCommand, slashCommand } from '../../support/slack-requests.ts';
import { startTrustHarness, type TrustHarness } from '../trust/support.ts';

jest.setTimeout(120_000);

describe('the HTTP front stopping unexpectedly', () => {
  let h: TrustHarness;
  beforeAll(async () => {
    h = await startTrustHarness();
  });
  afterAll(async () => {
    const socketDir = path.dirname(h.service.front!.socketPath);
    expect(existsSync(socketDir)).toBe(true);
    await h.stop();
    // The main thread's socket directory is removed at the stop.
    expect(existsSync(socketDir)).toBe(false);
  });

  it('is started again on the same port, and answers and works as before', async () => {
    expect(h.service.front).not.toBeNull();
    h.slack.addUser({ id: 'UCRASH1', name: 'Crash Person', email: 'crash@alumni.example' });
    expect((await postCommand(h.base, slashCommand(h.slack.url, 'UCRASH1', 'help'))).status).toBe(200);
    await eventually(() => expect(h.slack.responses.filter((reply) => reply.id === 'cmd-UCRASH1')).toHaveLength(1), 20_000);

    const old = h.service.front!.thread();
    await old.terminate();
    await eventually(() => expect(h.logText()).toContain('the HTTP front stopped unexpectedly; starting it again'), 20_000);
    await eventually(async () => {
      expect(h.service.front!.thread()).not.toBe(old);
      const response = await postCommand(h.base, slashCommand(h.slack.url, 'UCRASH1', 'help'));
      expect(response.status).toBe(200);
    }, 30_000, 200);
    await eventually(() => expect(h.slack.responses.filter((reply) => reply.id === 'cmd-UCRASH1').length).toBeGreaterThanOrEqual(2), 30_000);
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
  });
});
