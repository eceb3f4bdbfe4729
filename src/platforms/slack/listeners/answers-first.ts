// Form answers before the work behind them. A request form is answered by its listener on the
// main thread, which also runs the first waves behind earlier answers (matching over every
// alumnus: most of a submission's CPU). Work behind an answer starts only while no form is being
// answered, and at most `max` at once, so a burst of submissions is answered at the pace of its
// short part; the first waves follow as soon as the burst has passed. (A first wave that waits
// too long is also sent by the invite-first-waves job.)
export class AnswersFirst {
  private answering = 0;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  /** The part someone waits for. */
  async answer<T>(work: () => Promise<T>): Promise<T> {
    this.answering += 1;
    try {
      return await work();
    } finally {
      this.answering -= 1;
      this.wake();
    }
  }

  /** The part behind the answer: waits for a free place and a moment with no answer in progress. */
  async behind<T>(work: () => Promise<T>): Promise<T> {
    while (this.answering > 0 || this.running >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.wake();
    }
  }

  private wake(): void {
    if (this.answering > 0) return;
    // Each woken waiter checks again; one that finds no place (a new answer began) waits again.
    for (const resolve of this.waiting.splice(0, this.max - this.running)) resolve();
  }
}
