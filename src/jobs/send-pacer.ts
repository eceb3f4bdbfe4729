// Keeps this instance's own sends to one workspace under its rate, counted as the platform counts
// (the last second), one below it for the jitter on the way. The slots reserved in the database
// space the sends of all instances; this only stops late sends (a busy CPU, a slow read) from
// catching up in a burst that would earn nothing but answers of 429.
import type { Platform } from '../domain/vocabulary.ts';
import type { OutboxRow } from '../ports.ts';
import type { ThrottleSpacing } from './slot-planner.ts';

export class SendPacer {
  /** When this instance's sends to each workspace left in the last second, Date.now() ms. */
  private readonly sent = new Map<string, number[]>();

  constructor(
    private readonly throttle: Partial<Record<Platform, ThrottleSpacing>>,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly stopped: () => boolean,
  ) {}

  /** Waits, right before the request leaves, until the row's workspace has room in the last second. */
  async pace(row: OutboxRow): Promise<void> {
    const spacing = this.throttle[row.platform]?.workspaceMs;
    if (!spacing) return;
    const limit = Math.max(1, Math.floor(1000 / spacing) - 1);
    const sent = this.sent.get(row.workspaceKey) ?? [];
    this.sent.set(row.workspaceKey, sent);
    for (;;) {
      const now = Date.now();
      while (sent.length > 0 && sent[0]! <= now - 1000) sent.shift();
      if (sent.length < limit || this.stopped()) break;
      await this.sleep(sent[0]! + 1001 - now);
    }
    sent.push(Date.now());
  }
}
