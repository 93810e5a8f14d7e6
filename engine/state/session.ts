import type { Backend, ChangeJournal, ReadOptions } from './backend.js';
import { applyChange, type StateChange } from './change.js';
import { type LockInfo, StateError } from './errors.js';
import { replayJournal } from './replay.js';
import type { State } from './state.js';

/** Options for opening a session: the lock request plus the read options. */
export interface SessionOptions extends ReadOptions {
  readonly operation: string;
  readonly who?: string;
  readonly lockTimeoutMs?: number;
  readonly lockPollMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Reads the state as a plan sees it, without locking or writing: the stored state plus any
 * journal a crashed run left (replayed in memory only).
 */
export async function readState(backend: Backend, opts: ReadOptions = {}): Promise<State> {
  return (await recover(backend, opts)).state;
}

// The stored state with a leftover journal applied, and what it took to get there.
async function recover(backend: Backend, opts: ReadOptions) {
  const snap = await backend.read(opts);
  const journal = backend.journal();
  const leftover = await journal.readAll();
  const outcome = replayJournal(snap.state, snap.exists, leftover, {
    state: backend.location,
    journal: journal.location,
  });
  if (outcome === 'replayed') snap.state.replayed = leftover.entries.length;
  // A first run's journal names the lineage of a state not written yet: it must still be the expected one.
  if (opts.expectLineage !== undefined && snap.state.lineage !== opts.expectLineage) {
    throw new StateError(
      'foreign-journal',
      `${journal.location} belongs to state lineage ${snap.state.lineage}, expected ${opts.expectLineage}. ` +
        'It was not replayed and nothing was changed.',
    );
  }
  return { state: snap.state, journal, outcome, tornTail: leftover.tornTail };
}

/**
 * A locked, durable view of the state for one operation. Each `record` is on disk when it
 * returns, at a cost that does not grow with the state; `close` folds the changes into one
 * whole-state write and releases the lock.
 */
export class StateSession {
  private base: number;
  private seq = 0;
  private failed: unknown;
  private closed = false;
  /** Appends not yet settled (they never reject: a failure is kept in `failed`). */
  private readonly inFlight = new Set<Promise<void>>();
  private lastAppend: Promise<void> | undefined;

  private constructor(
    private readonly backend: Backend,
    private readonly journal: ChangeJournal,
    /** The lock held for the whole session. */
    readonly lock: LockInfo,
    /** The current state, with every recorded change applied. */
    readonly state: State,
    /**
     * The state as a reader saw it before the session compacted a leftover journal (readState
     * replays it in memory only): a plan made from that matches this state though the serial moved on.
     */
    readonly readAs: { readonly serial: number; readonly replayed: number } = { serial: state.serial, replayed: 0 },
  ) {
    this.base = state.serial;
  }

  /**
   * Locks the state, reads it, and recovers from a crashed run: a leftover journal is replayed and
   * compacted before anything else happens. On failure the lock is released again.
   */
  static async open(backend: Backend, opts: SessionOptions): Promise<StateSession> {
    const lock = await backend.lock({
      operation: opts.operation,
      ...(opts.who === undefined ? {} : { who: opts.who }),
      ...(opts.lockTimeoutMs === undefined ? {} : { timeoutMs: opts.lockTimeoutMs }),
      ...(opts.lockPollMs === undefined ? {} : { pollMs: opts.lockPollMs }),
      ...(opts.signal === undefined ? {} : { signal: opts.signal }),
    });
    try {
      const { state, journal, outcome, tornTail } = await recover(
        backend,
        opts.expectLineage === undefined ? {} : { expectLineage: opts.expectLineage },
      );
      const readAs = { serial: state.serial, replayed: state.replayed };
      if (outcome === 'replayed') await backend.write(state);
      state.replayed = 0;
      // Cleared before any new line is appended, so a torn tail can never run into a new line.
      if (outcome !== 'empty' || tornTail) await journal.clear();
      return new StateSession(backend, journal, lock, state, readAs);
    } catch (e) {
      await backend.unlock(lock.id).catch(() => {});
      throw e;
    }
  }

  /** True when changes were recorded since the last compaction. */
  get dirty(): boolean {
    return this.seq > 0;
  }

  /**
   * Applies a change to `state` and makes it durable; it is on disk when the promise resolves.
   * Concurrent calls are fine: they share fsyncs and keep their order.
   */
  record(change: StateChange): Promise<void> {
    if (this.closed) throw new Error('StateSession.record after close');
    if (this.failed !== undefined) {
      return Promise.reject(
        new StateError('io', 'the state journal failed earlier; no further change can be made durable', {
          cause: this.failed,
        }),
      );
    }
    applyChange(this.state, change);
    this.seq++;
    const p = this.journal.append({ lineage: this.state.lineage, base: this.base, seq: this.seq, change });
    // The changes of one batch share a promise: it is watched once, not once per change.
    if (p !== this.lastAppend) {
      this.lastAppend = p;
      const watched: Promise<void> = p.then(
        () => {
          this.inFlight.delete(watched);
        },
        (e: unknown) => {
          this.failed ??= e;
          this.inFlight.delete(watched);
        },
      );
      this.inFlight.add(watched);
    }
    return p;
  }

  /** Folds the recorded changes into one whole-state write (serial + 1) and empties the journal; keeps the lock. */
  async commit(): Promise<void> {
    await Promise.all([...this.inFlight]);
    if (this.failed !== undefined) {
      throw new StateError('io', 'the state journal failed; the state was not compacted', { cause: this.failed });
    }
    if (!this.dirty) return;
    await this.backend.write(this.state);
    await this.journal.clear();
    this.base = this.state.serial;
    this.seq = 0;
  }

  /**
   * Commits, then releases the journal and the lock. A failed commit still unlocks, and leaves the
   * journal for the next run to replay; the first error is the one thrown.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    let failure: unknown;
    try {
      await this.commit();
    } catch (e) {
      failure = e;
    }
    this.closed = true;
    try {
      await this.journal.close();
      await this.backend.unlock(this.lock.id);
    } catch (e) {
      failure ??= e;
    }
    if (failure !== undefined) throw failure;
  }
}
