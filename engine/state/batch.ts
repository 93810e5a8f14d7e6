/** A promise with its settling functions, shared by every item of one batch. */
export interface BatchOutcome {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(e: unknown): void;
}

/** A new, unsettled batch outcome. */
export function batchOutcome(): BatchOutcome {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/**
 * Writes items in call order, one batch at a time: items pushed while a batch is being written
 * share the next write. A journal uses it so that parallel changes cost one durable write, not one
 * each, and so that what is stored is always a prefix of what was pushed. The items of a batch
 * share one promise, so a batch of a thousand changes costs one promise, not a thousand.
 */
export class WriteBatcher<T> {
  private queue: T[] = [];
  /** The outcome of the items in `queue`. */
  private next: BatchOutcome | undefined;
  private flushing: Promise<void> | undefined;

  /** `write` gets each batch (never empty); its failure rejects every push of that batch. */
  constructor(private readonly write: (batch: readonly T[]) => Promise<void>) {}

  /**
   * Resolves once the item's batch was written. Items of one batch get the same promise, and a
   * batch's promise settles only after every earlier batch's did.
   */
  push(item: T): Promise<void> {
    this.queue.push(item);
    this.next ??= batchOutcome();
    const batch = this.next;
    this.flushing ??= this.flush();
    return batch.promise;
  }

  /** Resolves when every item pushed so far has been written (or failed). */
  async idle(): Promise<void> {
    await this.flushing;
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      const done = this.next!;
      this.queue = [];
      this.next = undefined;
      try {
        await this.write(batch);
        done.resolve();
      } catch (e) {
        done.reject(e);
      }
    }
    this.flushing = undefined;
  }
}
