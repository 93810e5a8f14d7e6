import { performance } from 'node:perf_hooks';
import type { Backend, ChangeJournal } from '../../../engine/state/index.js';

// A backend wrapper that clocks every call that writes state (journal appends, compaction, the
// journal's removal) so that a benchmark can say what share of an apply went to making it durable.

/** Intervals during which at least one state write was in progress, and how many calls made them. */
export class WriteClock {
  private readonly intervals: [number, number][] = [];
  calls = 0;

  /** Runs `f` and keeps the interval it took. */
  async time<T>(f: () => Promise<T>): Promise<T> {
    const start = performance.now();
    this.calls++;
    try {
      return await f();
    } finally {
      this.intervals.push([start, performance.now()]);
    }
  }

  /** Milliseconds covered by at least one interval (overlapping appends that share an fsync count once). */
  busyMs(): number {
    const sorted = [...this.intervals].sort((a, b) => a[0] - b[0]);
    let total = 0;
    let from = 0;
    let to = -Infinity;
    for (const [s, e] of sorted) {
      if (s > to) {
        if (to > -Infinity) total += to - from;
        from = s;
        to = e;
      } else if (e > to) to = e;
    }
    return to > -Infinity ? total + (to - from) : 0;
  }
}

/** `inner` with every state write clocked by `clock`; reads and locking pass through unclocked. */
export function timedBackend(inner: Backend, clock: WriteClock): Backend {
  return {
    get location() {
      return inner.location;
    },
    read: (o) => inner.read(o),
    write: (s) => clock.time(() => inner.write(s)),
    lock: (r) => inner.lock(r),
    unlock: (id) => inner.unlock(id),
    forceUnlock: (id) => inner.forceUnlock(id),
    journal: (): ChangeJournal => {
      const j = inner.journal();
      return {
        get location() {
          return j.location;
        },
        append: (e) => clock.time(() => j.append(e)),
        readAll: () => j.readAll(),
        clear: () => clock.time(() => j.clear()),
        close: () => clock.time(() => j.close()),
      };
    },
  };
}
