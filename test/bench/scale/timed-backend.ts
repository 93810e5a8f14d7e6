import { performance } from 'node:perf_hooks';
import type { Backend, ChangeJournal } from '../../../engine/state/index.js';

// A backend wrapper that clocks what writing state costs an apply. Journal appends overlap the
// rest of the work (their fsyncs run off the main thread), so an append costs what it holds the
// main thread: the synchronous encoding, plus event-loop idle time while a journal write is
// pending (nothing else was left to do but wait for it). Compaction and the journal's removal
// run alone at the end and count whole.

const idleMs = () => performance.eventLoopUtilization().idle;

/** What writing state cost, in ms, by kind. */
export class WriteClock {
  /** Main-thread time inside append calls before they return their promise. */
  encodeMs = 0;
  /** Event-loop idle time while at least one append was pending. */
  waitMs = 0;
  /** Wall time of whole-state writes, journal removals and closes. */
  wholeMs = 0;
  /** Wall time during which at least one append was pending (it overlaps other work). */
  pendingMs = 0;
  appends = 0;
  private pending = 0;
  private since = 0;
  private idleSince = 0;

  /** Every cost that held the apply up. */
  get totalMs(): number {
    return this.encodeMs + this.waitMs + this.wholeMs;
  }

  /** Runs an append and accounts for it. */
  append(f: () => Promise<void>): Promise<void> {
    const t0 = performance.now();
    this.appends++;
    if (this.pending++ === 0) {
      this.since = t0;
      this.idleSince = idleMs();
    }
    let p: Promise<void>;
    try {
      p = f();
    } catch (e) {
      this.settled();
      throw e;
    } finally {
      this.encodeMs += performance.now() - t0;
    }
    return p.finally(() => this.settled());
  }

  private settled(): void {
    if (--this.pending === 0) {
      this.pendingMs += performance.now() - this.since;
      this.waitMs += idleMs() - this.idleSince;
    }
  }

  /** Runs a write that nothing overlaps and counts its whole wall time. */
  async whole<T>(f: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      this.wholeMs += performance.now() - t0;
    }
  }
}

/** `inner` with every state write clocked by `clock`; reads and locking pass through unclocked. */
export function timedBackend(inner: Backend, clock: WriteClock): Backend {
  return {
    get location() {
      return inner.location;
    },
    read: (o) => inner.read(o),
    write: (s) => clock.whole(() => inner.write(s)),
    lock: (r) => inner.lock(r),
    unlock: (id) => inner.unlock(id),
    forceUnlock: (id) => inner.forceUnlock(id),
    journal: (): ChangeJournal => {
      const j = inner.journal();
      return {
        get location() {
          return j.location;
        },
        append: (e) => clock.append(() => j.append(e)),
        readAll: () => j.readAll(),
        clear: () => clock.whole(() => j.clear()),
        close: () => clock.whole(() => j.close()),
      };
    },
  };
}

/**
 * `inner` with writes that keep nothing: the journal and the whole-state write return at once. An
 * apply against it does everything but write state, so the difference in wall time to the same
 * apply against the real backend bounds what state writing costs, indirect costs included (the
 * collector's work on journal text, waiting on fsyncs, the order in which work resumes after them).
 */
export function discardingBackend(inner: Backend): Backend {
  return {
    get location() {
      return inner.location;
    },
    read: (o) => inner.read(o),
    write: async (s) => s.serial,
    lock: (r) => inner.lock(r),
    unlock: (id) => inner.unlock(id),
    forceUnlock: (id) => inner.forceUnlock(id),
    journal: (): ChangeJournal => ({
      location: `${inner.location} (discarded)`,
      append: async () => {},
      readAll: async () => ({ entries: [], tornTail: false }),
      clear: async () => {},
      close: async () => {},
    }),
  };
}
