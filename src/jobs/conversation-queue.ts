// The rows of one conversation in one dispatcher pass, handled one after the other in the order
// they were planned (a conversation's messages keep their order), while other conversations go
// on side by side. A row that is held back (its platform paused, a thread parent not posted
// yet) holds back the rows after it: they are given back to wait, so none overtakes it. When the
// database fails while a row is recorded, the rest keep their leases, which run out.
import type { OutboxRow } from '../ports.ts';
import type { Outcome } from './delivery-failures.ts';
import type { Planned } from './slot-planner.ts';

export class ConversationQueue {
  private tail: Promise<void> = Promise.resolve();
  private readonly outcomes: Outcome[] = [];
  private heldUntil: Date | null = null;
  private broken = false;

  constructor(
    private readonly handle: (planned: Planned) => Promise<Outcome>,
    private readonly giveBack: (row: OutboxRow, until: Date) => Promise<void>,
    private readonly failed: (error: unknown) => void,
  ) {}

  /** Handles the row after the rows pushed before it (it may be planned while they are under way). */
  push(planned: Planned): void {
    this.tail = this.tail.then(() => this.step(planned));
  }

  /** The outcomes, once every row pushed so far is done. */
  async finished(): Promise<Outcome[]> {
    await this.tail;
    return this.outcomes;
  }

  private async step(planned: Planned): Promise<void> {
    if (this.broken) return;
    try {
      if (this.heldUntil) return await this.giveBack(planned.row, this.heldUntil);
      const outcome = await this.handle(planned);
      this.outcomes.push(outcome);
      if (outcome.holdUntil !== null) this.heldUntil = outcome.holdUntil;
    } catch (error) {
      this.broken = true;
      this.failed(error);
    }
  }
}
