import { retryDelay } from '../../src/jobs/outbox-dispatcher.ts';

describe('retry delay', () => {
  it('doubles per attempt with jitter between half and the whole', () => {
    expect(retryDelay(1, undefined, () => 0)).toBe(500);
    expect(retryDelay(1, undefined, () => 1)).toBe(1_000);
    expect(retryDelay(4, undefined, () => 1)).toBe(8_000);
  });

  it('never waits less than Retry-After', () => {
    expect(retryDelay(1, 30_000, () => 0)).toBe(30_000);
  });

  it('is capped at five minutes', () => {
    expect(retryDelay(30, undefined, () => 1)).toBe(300_000);
  });
});
