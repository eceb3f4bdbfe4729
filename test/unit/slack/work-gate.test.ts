// The Slack inbox answers events, commands and button presses as soon as they are recorded and
// works on them behind a gate: at most N at once, the rest in arrival order.
import { answeredOnRecord, WorkGate } from '../../../src/platforms/slack/inbox.ts';

describe('answeredOnRecord', () => {
  it('answers events, commands and button presses on record; view submissions and options by their listener', () => {
    expect(answeredOnRecord({ type: 'event_callback', event_id: 'Ev1' })).toBe(true);
    expect(answeredOnRecord({ command: '/alumni', text: 'help' })).toBe(true);
    expect(answeredOnRecord({ type: 'block_actions', actions: [] })).toBe(true);
    expect(answeredOnRecord({ type: 'view_submission' })).toBe(false);
    expect(answeredOnRecord({ type: 'block_suggestion' })).toBe(false);
    expect(answeredOnRecord({ type: 'shortcut' })).toBe(false);
    expect(answeredOnRecord(null)).toBe(false);
  });
});

describe('WorkGate', () => {
  it('runs at most N pieces of work at once and starts the waiting ones in arrival order', async () => {
    const gate = new WorkGate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const runs = [0, 1, 2, 3, 4].map((n) =>
      gate.run(async () => {
        started.push(n);
        running += 1;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running -= 1;
        return n;
      }),
    );
    for (let round = 0; round < 5; round += 1) {
      await new Promise((resolve) => setImmediate(resolve));
      releases.shift()?.();
    }
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('lets the next one in when a piece of work fails', async () => {
    const gate = new WorkGate(1);
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });
});
