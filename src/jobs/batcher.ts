// Gathers single requests made close together into one call: the first request opens a window,
// and the batch goes when the window ends or is full. Each caller gets its own answer (or the
// batch's error). Used for the database work of a send, so that many sends share a round trip.
export class Batcher<In, Out> {
  private waiting: { item: In; resolve: (out: Out) => void; reject: (error: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (items: In[]) => Promise<Out[]>,
    private readonly windowMs: number,
    private readonly maxItems: number,
  ) {}

  add(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.waiting.length >= this.maxItems) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    this.run(batch.map((entry) => entry.item)).then(
      (outs) => batch.forEach((entry, index) => entry.resolve(outs[index]!)),
      (error: unknown) => batch.forEach((entry) => entry.reject(error)),
    );
  }
}
