// Send slots for one dispatcher pass. Each row reserves the next slot of its conversation and of
// its workspace/tenant (shared by all instances through the database), in claim order, a whole
// pass at once: first the conversations' slots, then the workspaces' for the rows whose
// conversation slot is within the horizon. A row whose slot is further off than the horizon
// waits, untouched, in the database until then, and so do the rows after it in the same
// buckets; their slots are given back (the tail of each bucket, if nobody reserved after it).
// The pass stays short, and no slot is reserved for nothing (which, with a short lease, once
// pushed the slots ever further ahead).
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

interface Run {
  key: string;
  intervalMs: number;
  rows: OutboxRow[];
}

/** The rows by bucket, in claim order, with the bucket's spacing. */
function runsOf(rows: readonly OutboxRow[], keyOf: (row: OutboxRow) => string, intervalOf: (row: OutboxRow) => number): Map<string, Run> {
  const runs = new Map<string, Run>();
  for (const row of rows) {
    const run = runs.get(keyOf(row)) ?? { key: keyOf(row), intervalMs: intervalOf(row), rows: [] };
    run.rows.push(row);
    runs.set(run.key, run);
  }
  return runs;
}

export class SlotPlanner {
  constructor(
    private readonly store: DispatchStore,
    private readonly throttle: Partial<Record<Platform, ThrottleSpacing>>,
    private readonly db: <T>(work: Promise<T>) => Promise<T>,
  ) {}

  /** The rows that go in this pass with their slots (claim order); the others were given back to wait. */
  async plan(rows: readonly OutboxRow[], now: Date): Promise<{ planned: Planned[]; released: OutboxRow[] }> {
    const spacingOf = (row: OutboxRow) => this.throttle[row.platform]!;
    const free = rows.filter((row) => !this.throttle[row.platform]);
    const spaced = rows.filter((row) => this.throttle[row.platform]);
    const horizon = now.getTime() + SLOT_HORIZON_MS;
    const conversations = await this.reserve(runsOf(spaced, (row) => row.conversationKey, (row) => spacingOf(row).conversationMs), now);
    const inReach = spaced.filter((row) => conversations.get(row)! <= horizon);
    const workspaces = await this.reserve(runsOf(inReach, (row) => row.workspaceKey, (row) => spacingOf(row).workspaceMs), now);
    const slotOf = (row: OutboxRow) => Math.max(conversations.get(row)!, workspaces.get(row) ?? Infinity);
    const planned = new Set(inReach.filter((row) => slotOf(row) <= horizon));
    await this.giveBack(runsOf(spaced, (row) => row.conversationKey, (row) => spacingOf(row).conversationMs), conversations, planned);
    await this.giveBack(runsOf(inReach, (row) => row.workspaceKey, (row) => spacingOf(row).workspaceMs), workspaces, planned);
    // A row given back waits until its own slot, and never less than the rows before it in its conversation.
    const released: { id: string; at: Date }[] = [];
    const waitsUntil = new Map<string, number>();
    for (const row of spaced) {
      if (planned.has(row)) continue;
      const at = Math.max(conversations.get(row)!, workspaces.get(row) ?? 0, waitsUntil.get(row.conversationKey) ?? 0);
      waitsUntil.set(row.conversationKey, at);
      released.push({ id: row.id, at: new Date(at) });
    }
    if (released.length > 0) await this.db(this.store.releaseMany(released));
    return {
      planned: [...free.map((row) => ({ row, slot: now })), ...spaced.filter((row) => planned.has(row)).map((row) => ({ row, slot: new Date(slotOf(row)) }))],
      released: spaced.filter((row) => !planned.has(row)),
    };
  }

  /** Reserves each bucket's run of slots (one round trip); each row's slot, ms. */
  private async reserve(runs: Map<string, Run>, now: Date): Promise<Map<OutboxRow, number>> {
    const slots = new Map<OutboxRow, number>();
    if (runs.size === 0) return slots;
    const list = [...runs.values()];
    const firsts = await this.db(this.store.reserveRuns(list.map((run) => ({ key: run.key, intervalMs: run.intervalMs, count: run.rows.length })), now));
    list.forEach((run, index) => run.rows.forEach((row, position) => slots.set(row, firsts[index]!.getTime() + position * run.intervalMs)));
    return slots;
  }

  /** Gives back the tail of each run whose rows do not go in this pass (a suffix: slots grow along a run). */
  private async giveBack(runs: Map<string, Run>, slots: Map<OutboxRow, number>, planned: ReadonlySet<OutboxRow>): Promise<void> {
    const tails = [];
    for (const run of runs.values()) {
      const unused = run.rows.filter((row) => !planned.has(row));
      if (unused.length === 0) continue;
      const last = slots.get(run.rows[run.rows.length - 1]!)!;
      tails.push({ key: run.key, from: new Date(slots.get(unused[0]!)!), end: new Date(last + run.intervalMs) });
    }
    if (tails.length > 0) await this.db(this.store.giveBackRuns(tails));
  }
}
