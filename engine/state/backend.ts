import type { StateChange } from './change.js';
import type { LockInfo } from './errors.js';
import type { State } from './state.js';

/** Options for reading a state. */
export interface ReadOptions {
  /** Refuse the state unless it has this lineage (the caller's plan or configuration names it). */
  readonly expectLineage?: string;
}

/** A state as read, and whether it existed (a first run reads an empty state). */
export interface Snapshot {
  readonly state: State;
  readonly exists: boolean;
}

/** Reads the stored state. The handle remembers the serial it read, for the writer's stale check. */
export interface StateReader {
  read(opts?: ReadOptions): Promise<Snapshot>;
}

/**
 * Writes a whole state with serial + 1, keeping its lineage. Refused (nothing overwritten) when the
 * stored serial moved since this handle last read or wrote it, or the stored lineage differs.
 * Sets `state.serial` to the new serial and returns it.
 */
export interface StateWriter {
  write(state: State): Promise<number>;
}

/** What a caller says when it takes the lock. */
export interface LockRequest {
  /** The operation shown to whoever finds the state locked, e.g. "apply". */
  readonly operation: string;
  /** Who is operating; defaults to the OS user. */
  readonly who?: string;
  /** How long to wait for a held lock; 0 (the default) fails at once. */
  readonly timeoutMs?: number;
  /** Interval between attempts while waiting. */
  readonly pollMs?: number;
  readonly signal?: AbortSignal;
}

/** Locks the state for the length of an operation. */
export interface StateLocker {
  /** Takes the lock or fails with a LockError naming the holder (or saying the lock is stale). */
  lock(req: LockRequest): Promise<LockInfo>;
  /** Releases a lock this handle took. */
  unlock(id: string): Promise<void>;
  /** Removes a lock left behind by someone else, only when `id` matches it (`runform force-unlock ID`). */
  forceUnlock(id: string): Promise<void>;
}

/** One finished change, bound to the lineage and serial of the state it applies to. */
export interface JournalEntry {
  readonly lineage: string;
  /** The serial of the stored state that this change applies on top of. */
  readonly base: number;
  /** 1, 2, 3 … within a base: a gap means a lost line. */
  readonly seq: number;
  readonly change: StateChange;
}

/** What a journal holds: whole entries in order, and whether a torn (half-written) last entry was dropped. */
export interface JournalContents {
  readonly entries: readonly JournalEntry[];
  readonly tornTail: boolean;
}

/**
 * The durable record of changes made since the last whole-state write. Local: an append-only,
 * fsynced file. A remote backend may map it to a row per change, or to compare-and-set snapshots.
 */
export interface ChangeJournal {
  /** Where the journal lives, for messages. */
  readonly location: string;
  /** Durable when the promise resolves; concurrent appends keep their call order. */
  append(entry: JournalEntry): Promise<void>;
  readAll(): Promise<JournalContents>;
  /** Forgets every entry, once they are in the stored state. */
  clear(): Promise<void>;
  /** Releases what the journal holds open. */
  close(): Promise<void>;
}

/** A state backend: reader, writer, locker, and the change journal. Nothing above assumes a local file. */
export interface Backend extends StateReader, StateWriter, StateLocker {
  /** Where the state lives, for messages (a file name, a table, a bucket key). */
  readonly location: string;
  /** The journal beside this state. */
  journal(): ChangeJournal;
  /**
   * Replaces the stored state as it is, lineage and serial included, skipping the lineage and
   * serial checks (`runform state push --force`). The caller holds the lock. Optional: a backend
   * without it refuses a forced push.
   */
  overwrite?(state: State): Promise<void>;
}
