// Makes each scheduled run happen once across instances: the first instance to insert the
// claim row for a job × time slot runs it; the others skip. A coordinator that fails makes the
// run skip (node-cron's fail-closed rule), so a database outage never runs a job twice.
import type { PrismaClient } from '../generated/prisma/client.ts';

export class PrismaRunCoordinator {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly owner: string,
  ) {}

  async shouldRun(key: string, ttlMs: number): Promise<boolean> {
    const now = new Date();
    const result = await this.prisma.scheduledRun.createMany({
      data: [{ key: key.slice(0, 200), claimedBy: this.owner, claimedAt: now, expiresAt: new Date(now.getTime() + ttlMs) }],
      skipDuplicates: true,
    });
    return result.count === 1;
  }

  async onComplete(key: string): Promise<void> {
    await this.prisma.scheduledRun.updateMany({ where: { key: key.slice(0, 200), claimedBy: this.owner }, data: { doneAt: new Date() } });
  }

  /** Housekeeping: forget claims and processed events older than a week. */
  async prune(now: Date): Promise<{ runs: number; events: number }> {
    const before = new Date(now.getTime() - 7 * 86_400_000);
    const runs = await this.prisma.scheduledRun.deleteMany({ where: { claimedAt: { lt: before } } });
    const events = await this.prisma.processedEvent.deleteMany({ where: { receivedAt: { lt: before } } });
    return { runs: runs.count, events: events.count };
  }
}
