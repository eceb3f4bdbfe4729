// Send slots for one dispatcher pass. Each row reserves the next slot of its conversation and of
// its workspace/tenant (shared by all instances through the database), in claim order. A row
// whose slot is further off than the horizon gives its slots back and waits, untouched, until
// then, and so do the rows after it in the same buckets: the pass stays short, and no slot is
// reserved for nothing (which, with a short lease, once pushed the slots ever further ahead).
import type { Platform } from '../domain/vocabulary.ts';
import type { DispatchStore, OutboxRow } from '../ports.ts';

/** Minimum spacing between sends per conversation and per workspace/tenant, per platform. */
export interface ThrottleSpacing {
  conversationMs: number;
  workspaceMs: number;
}

export interface Planned {
  row: OutboxRow;
  slot: Date;
}

/** How far ahead a pass waits for a slot; rows further off wait in the database instead. */
export const SLOT_HORIZON_MS = 5_000;

const later = (a: Date | undefined, b: Date | undefined) => (a && b ? (a > b ? a : b) : (a ?? b));

export class SlotPlanner {
  private readonly blocked = new Map<string, Date>();

  constructor(
    private readonly store: DispatchStore,
    private readonly throttle: Partial<Record<Platform, ThrottleSpacing>>,
    private readonly db: <T>(work: Promise<T>) => Promise<T>,
  ) {}

  /** The row with its slot, or null when it was given back to wait (until its slot, or the slot of a row before it). */
  async plan(row: OutboxRow, now: Date): Promise<Planned | null> {
    const held = later(this.blocked.get(row.conversationKey), this.blocked.get(row.workspaceKey));
    if (held) {
      await this.db(this.store.release(row.id, held));
      this.blocked.set(row.conversationKey, held);
      return null;
    }
    const spacing = this.throttle[row.platform];
    if (!spacing) return { row, slot: now };
    const [conversation, workspace] = (await this.db(
      this.store.reserveSlots([{ key: row.conversationKey, intervalMs: spacing.conversationMs }, { key: row.workspaceKey, intervalMs: spacing.workspaceMs }], now),
    )) as [Date, Date];
    const slot = later(conversation, workspace)!;
    const horizon = new Date(now.getTime() + SLOT_HORIZON_MS);
    if (slot <= horizon) return { row, slot };
    await this.db(
      Promise.all([this.store.releaseSlot(row.conversationKey, conversation, spacing.conversationMs), this.store.releaseSlot(row.workspaceKey, workspace, spacing.workspaceMs)]),
    );
    await this.db(this.store.release(row.id, slot));
    this.blocked.set(row.conversationKey, slot);
    if (workspace > horizon) this.blocked.set(row.workspaceKey, workspace);
    return null;
  }
}
