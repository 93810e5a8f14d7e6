// The bound on concurrent provider calls. It covers the calls only: a change waiting for its
// record to become durable holds no slot, so records from many changes share each fsync.

/** Thrown to a change still waiting for a slot when the apply stops: its call was never made. */
export class NotStarted extends Error {
  constructor() {
    super('stopped before its provider call started');
    this.name = 'NotStarted';
  }
}

/** Runs at most `limit` calls at once, first come first served; `close` turns the waiting ones away. */
export class CallLimiter {
  private active = 0;
  private waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  private head = 0;
  private closed = false;

  constructor(private readonly limit: number) {}

  /** Runs `f` once a slot is free. */
  async run<T>(f: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await f();
    } finally {
      this.release();
    }
  }

  /** From now on no call starts; callers still waiting get NotStarted. Calls under way go on. */
  close(): void {
    this.closed = true;
    const rest = this.waiting.slice(this.head);
    this.waiting = [];
    this.head = 0;
    for (const w of rest) w.reject(new NotStarted());
  }

  private acquire(): Promise<void> {
    if (this.closed) return Promise.reject(new NotStarted());
    if (this.active < this.limit) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(): void {
    if (this.head < this.waiting.length) {
      const next = this.waiting[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.waiting.length) {
        this.waiting = this.waiting.slice(this.head);
        this.head = 0;
      }
      next.resolve();
    } else this.active--;
  }
}
