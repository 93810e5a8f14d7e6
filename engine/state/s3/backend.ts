import type { Backend, LockRequest, ReadOptions, Snapshot } from '../backend.js';
import { LockError, type LockInfo, StaleWriteError, StateError } from '../errors.js';
import { decodeStateFile, encodeStateBytes } from '../file/index.js';
import { State } from '../state.js';
import { ObjectJournal } from './journal.js';
import { LOCK_RENEW_MS, LOCK_STALE_AFTER_MS, type LockTiming, ObjectLock } from './lock.js';
import { ObjectStore } from './objects.js';
import { DEFAULT_WORKSPACE, type S3Settings, WORKSPACE_PREFIX, workspaceKey } from './settings.js';

/** Knobs for tests: the lock heartbeat's timing. */
export interface S3BackendOptions {
  readonly lockTiming?: LockTiming;
}

// What this handle last saw of the state object: the next write is conditional on its ETag.
interface Seen {
  readonly lineage: string;
  readonly serial: number;
  readonly etag: string;
}

/**
 * The state as one S3 object, with `<key>.lock`, `<key>.backup` and `<key>.journal/` beside it.
 * Every write is conditional on the ETag this handle read (or on there being no object yet), so a
 * concurrent writer is refused, never overwritten.
 */
export class S3Backend implements Backend {
  readonly key: string;
  readonly location: string;
  private readonly store: ObjectStore;
  private readonly objectLock: ObjectLock;
  private journalHandle: ObjectJournal | undefined;
  /** undefined: never read; null: read, and no state was stored. */
  private seen: Seen | null | undefined;
  private backedUp = false;

  constructor(
    readonly settings: S3Settings,
    readonly workspace: string = DEFAULT_WORKSPACE,
    opts: S3BackendOptions = {},
  ) {
    this.key = workspaceKey(settings, workspace);
    this.store = new ObjectStore(settings);
    this.location = this.store.url(this.key);
    this.objectLock = new ObjectLock(
      this.store,
      `${this.key}.lock`,
      opts.lockTiming ?? { renewMs: LOCK_RENEW_MS, staleAfterMs: LOCK_STALE_AFTER_MS },
    );
  }

  async read(opts: ReadOptions = {}): Promise<Snapshot> {
    const obj = await this.store.get(this.key);
    if (!obj) {
      this.seen = null;
      return { state: new State(opts.expectLineage), exists: false };
    }
    const state = decodeStateFile(obj.text, this.location);
    if (opts.expectLineage !== undefined && state.lineage !== opts.expectLineage) {
      throw foreignLineage(this.location, state.lineage, opts.expectLineage);
    }
    this.seen = { lineage: state.lineage, serial: state.serial, etag: obj.etag };
    return { state, exists: true };
  }

  async write(state: State): Promise<number> {
    this.checkLock();
    const seen = this.seen;
    if (seen && seen.lineage !== state.lineage) throw foreignLineage(this.location, seen.lineage, state.lineage);
    // A first write keeps the serial the state already has (a migrated state), at least 1.
    return this.put(state, seen ? seen.serial + 1 : Math.max(1, state.serial));
  }

  /**
   * Replaces the stored state with `state` as it is, lineage and serial included (`state push
   * --force`, or a migration into a workspace that holds only the empty state its creation wrote).
   * Still conditional on the object being as this handle read it.
   */
  async overwrite(state: State): Promise<void> {
    await this.put(state, state.serial);
  }

  private checkLock(): void {
    if (this.objectLock.lost) {
      throw new LockError('lock-mismatch', `${this.objectLock.lost}; nothing was written to ${this.location}.`);
    }
  }

  private async put(state: State, next: number): Promise<number> {
    this.checkLock();
    const seen = this.seen;
    // The state as it was before this operation, kept once per lock: later writes leave it.
    if (seen && !this.backedUp) await this.store.copy(this.key, `${this.key}.backup`);
    this.backedUp = true;
    const prev = state.serial;
    state.serial = next;
    const bytes = encodeStateBytes(state);
    let etag: string | 'precondition-failed';
    try {
      etag = await this.store.put(this.key, bytes, seen ? { ifMatch: seen.etag } : { ifAbsent: true });
    } catch (e) {
      state.serial = prev;
      throw e;
    }
    if (etag === 'precondition-failed') {
      // Even identical bytes are refused: another writer may have produced them from the same serial.
      const current = await this.store.get(this.key);
      state.serial = prev;
      throw this.refusal(seen, current?.text, state.lineage);
    }
    this.seen = { lineage: state.lineage, serial: next, etag };
    return next;
  }

  // Why a conditional write was refused, from what is stored now.
  private refusal(seen: Seen | null | undefined, storedText: string | undefined, lineage: string): StateError {
    const then = seen ? String(seen.serial) : 'none';
    if (storedText === undefined) {
      return new StaleWriteError(
        `${this.location} was removed since it was read (serial ${then}). Nothing was written; run the command again.`,
        seen?.serial,
        undefined,
      );
    }
    const current = decodeStateFile(storedText, this.location);
    if (current.lineage !== lineage) return foreignLineage(this.location, current.lineage, lineage);
    return new StaleWriteError(
      `${this.location} changed since it was read (serial ${then} then, ${current.serial} now): ` +
        'another runform wrote it meanwhile. Nothing was overwritten; run the command again.',
      seen?.serial,
      current.serial,
    );
  }

  async lock(req: LockRequest): Promise<LockInfo> {
    const info = await this.objectLock.lock(req, this.location);
    // A new operation starts: its first write keeps a backup again.
    this.backedUp = false;
    return info;
  }

  unlock(id: string): Promise<void> {
    return this.objectLock.remove(id, false);
  }

  forceUnlock(id: string): Promise<void> {
    return this.objectLock.remove(id, true);
  }

  journal(): ObjectJournal {
    this.journalHandle ??= new ObjectJournal(this.store, `${this.key}.journal/`);
    return this.journalHandle;
  }

  /** Closes the connections to the server; the handle must not be used afterwards. */
  close(): Promise<void> {
    return this.store.destroy();
  }
}

/** Opens the S3 backend for a workspace (`default` is the state at `key` itself). */
export function createS3Backend(
  settings: S3Settings,
  workspace: string = DEFAULT_WORKSPACE,
  opts: S3BackendOptions = {},
): S3Backend {
  return new S3Backend(settings, workspace, opts);
}

/**
 * The workspaces that have a state in the bucket for these settings, sorted, `default` first when
 * its state exists. A workspace is listed once its first state write happened.
 */
export async function listS3Workspaces(settings: S3Settings): Promise<string[]> {
  const store = new ObjectStore(settings);
  try {
    const names: string[] = [];
    for (const k of await store.list(WORKSPACE_PREFIX)) {
      const rest = k.slice(WORKSPACE_PREFIX.length);
      const slash = rest.indexOf('/');
      if (slash > 0 && rest.slice(slash + 1) === settings.key) names.push(rest.slice(0, slash));
    }
    names.sort();
    if (await store.get(settings.key)) names.unshift(DEFAULT_WORKSPACE);
    return names;
  } finally {
    await store.destroy();
  }
}

function foreignLineage(location: string, found: string, expected: string): StateError {
  return new StateError(
    'foreign-lineage',
    `${location} belongs to another state (lineage ${found}, expected ${expected}). ` +
      'It was left untouched; check the backend settings (bucket, key) and the workspace.',
  );
}
