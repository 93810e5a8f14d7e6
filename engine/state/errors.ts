/** Closed set of state failures; the CLI picks its message and exit code 1 from these. */
export type StateErrorKind =
  | 'corrupt'
  | 'unsupported-version'
  | 'foreign-lineage'
  | 'foreign-journal'
  | 'stale-write'
  | 'locked'
  | 'stale-lock'
  | 'lock-mismatch'
  | 'io';

/** A state problem the user can act on; the message names the file (or location) and the problem. */
export class StateError extends Error {
  constructor(
    readonly kind: StateErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StateError';
  }
}

/** Who holds a state lock, as stored in the lock (the lock file's JSON for the local backend). */
export interface LockInfo {
  readonly id: string;
  readonly operation: string;
  readonly who: string;
  readonly pid: number;
  readonly host: string;
  /** ISO 8601 time the lock was taken. */
  readonly created: string;
}

/** The state is locked by someone else, the lock is stale, or an unlock named the wrong lock. */
export class LockError extends StateError {
  constructor(
    kind: 'locked' | 'stale-lock' | 'lock-mismatch' | 'io',
    message: string,
    readonly holder?: LockInfo,
    options?: { cause?: unknown },
  ) {
    super(kind, message, options);
    this.name = 'LockError';
  }
}

/** A write refused because the stored state moved since this writer read it; nothing was overwritten. */
export class StaleWriteError extends StateError {
  constructor(
    message: string,
    readonly expectedSerial: number | undefined,
    readonly foundSerial: number | undefined,
  ) {
    super('stale-write', message);
    this.name = 'StaleWriteError';
  }
}

/** Human form of a duration, e.g. `250ms`, `42s`, `3m 5s`, `2h 7m`. */
export function formatAge(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/** The sentence describing a lock holder, shared by every backend's lock messages. */
export function describeHolder(h: LockInfo): string {
  return `${h.who} (operation "${h.operation}", since ${h.created}, pid ${h.pid}@${h.host})`;
}
