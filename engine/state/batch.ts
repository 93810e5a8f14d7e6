interface Waiter<T> {
  readonly item: T;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/**
 * Writes items in call order, one batch at a time: items pushed while a batch is being written
 * share the next write. A journal uses it so that parallel changes cost one durable write, not one
 * each, and so that what is stored is always a prefix of what was pushed.
 */
export class WriteBatcher<T> {
  private queue: Waiter<T>[] = [];
  private flushing: Promise<void> | undefined;

  /** `write` gets each batch (never empty); its failure rejects every push of that batch. */
  constructor(private readonly write: (batch: readonly T[]) => Promise<void>) {}

  /** Resolves once the item's batch was written. */
  push(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  /** Resolves when every item pushed so far has been written (or failed). */
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
