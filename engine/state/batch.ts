interface Waiter {
  readonly item: string;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Collects appends and writes them in batches: items that arrive while a write is in flight all go
 * in the next write, in call order. Each append resolves once the write holding it is durable.
 * Journals use it so that parallel changes share one fsync or one INSERT.
 */
export class AppendBatcher {
  private queue: Waiter[] = [];
  private flushing: Promise<void> | undefined;

  /** `write` makes a batch durable; its failure rejects every append of that batch. */
  constructor(private readonly write: (items: string[]) => Promise<void>) {}

  append(item: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Resolves when nothing is being written. */
  async idle(): Promise<void> {
    await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.write(batch.map((w) => w.item));
        for (const w of batch) w.resolve();
      } catch (e) {
        for (const w of batch) w.reject(e);
      }
    }
    this.flushing = undefined;
  }
}
