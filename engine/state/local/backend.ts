import { open, readdir, readFile, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Backend, LockRequest, ReadOptions, Snapshot } from '../backend.js';
import { type LockInfo, StaleWriteError, StateError } from '../errors.js';
import { decodeStateFile, encodeStateStream } from '../file/index.js';
import { waitForLock } from '../lock-wait.js';
import { State } from '../state.js';
import { atomicWrite, fingerprintOf } from './atomic.js';
import { LocalJournal } from './journal.js';
import { newLockInfo, removeLockFile, tryLockFile } from './lockfile.js';

/** The state file name in a configuration folder. */
export const STATE_FILENAME = 'runform.state.json';

/** Where the local backend keeps its files. */
export interface LocalBackendOptions {
  /** The configuration folder. */
  readonly dir: string;
  readonly filename?: string;
}

// What this handle last saw on disk: the stale-write check compares the stored file against it.
interface Seen {
  readonly lineage: string | undefined;
  readonly serial: number;
  readonly exists: boolean;
  readonly fingerprint: string | undefined;
}

/**
 * The default backend: `runform.state.json` in the configuration folder, with `.backup`
 * (the state before the operation), `.lock` and `.journal` beside it, all mode 0600.
 */
export class LocalBackend implements Backend {
  readonly path: string;
  readonly backupPath: string;
  readonly lockPath: string;
  readonly journalPath: string;
  readonly location: string;
  private seen: Seen | undefined;
  private backedUp = false;
  private journalHandle: LocalJournal | undefined;

  constructor(opts: LocalBackendOptions) {
    this.path = join(opts.dir, opts.filename ?? STATE_FILENAME);
    this.backupPath = `${this.path}.backup`;
    this.lockPath = `${this.path}.lock`;
    this.journalPath = `${this.path}.journal`;
    this.location = this.path;
  }

  async read(opts: ReadOptions = {}): Promise<Snapshot> {
    const file = await this.load();
    if (!file) {
      this.seen = { lineage: undefined, serial: 0, exists: false, fingerprint: undefined };
      return { state: new State(opts.expectLineage), exists: false };
    }
    const state = decodeStateFile(file.text, this.path);
    if (opts.expectLineage !== undefined && state.lineage !== opts.expectLineage) {
      throw foreignLineage(this.path, state.lineage, opts.expectLineage);
    }
    this.seen = { lineage: state.lineage, serial: state.serial, exists: true, fingerprint: file.fingerprint };
    return { state, exists: true };
  }

  write(state: State): Promise<number> {
    return this.writeGuarded(state, false);
  }

  /**
   * Replaces the stored state with `state` as it is, its lineage and serial included, skipping the
   * lineage and serial checks (`runform state push --force`). The caller holds the lock; the state
   * it replaces is kept as the backup.
   */
  async overwrite(state: State): Promise<void> {
    await this.writeGuarded(state, true);
  }

  private async writeGuarded(state: State, force: boolean): Promise<number> {
    try {
      return await this.writeChecked(state, force);
    } catch (e) {
      if (e instanceof StateError) throw e;
      throw new StateError('io', `cannot write ${this.path}: ${(e as Error).message}`, { cause: e });
    }
  }

  private async writeChecked(state: State, force: boolean): Promise<number> {
    const current = await this.current();
    const seen = this.seen;
    if (current) {
      if (force) {
        // Forced: what is stored is replaced whatever its lineage or serial.
      } else if (current.lineage !== state.lineage) {
        throw foreignLineage(this.path, current.lineage, state.lineage);
      } else if (!seen?.exists || seen.serial !== current.serial) {
        throw new StaleWriteError(
          `${this.path} changed since it was read (serial ${seen?.exists ? seen.serial : 'none'} then, ` +
            `${current.serial} now): another runform wrote it meanwhile. Nothing was overwritten; run the command again.`,
          seen?.exists ? seen.serial : undefined,
          current.serial,
        );
      }
      // The state as it was before this operation, kept once: later writes of the same operation leave it.
      if (!this.backedUp) await atomicWrite(this.backupPath, current.text ?? [await readFile(this.path)]);
    } else if (seen?.exists && !force) {
      throw new StaleWriteError(
        `${this.path} was removed since it was read (serial ${seen.serial}). Nothing was written; run the command again.`,
        seen.serial,
        undefined,
      );
    }
    this.backedUp = true;
    // Forced: the state's own serial. A first write keeps the serial the state already has (a
    // migrated state), at least 1.
    const next = force ? state.serial : current ? current.serial + 1 : Math.max(1, state.serial);
    const prev = state.serial;
    state.serial = next;
    let fingerprint: string;
    try {
      fingerprint = await atomicWrite(this.path, encodeStateStream(state));
    } catch (e) {
      state.serial = prev;
      throw e;
    }
    this.seen = { lineage: state.lineage, serial: next, exists: true, fingerprint };
    return next;
  }

  async lock(req: LockRequest): Promise<LockInfo> {
    const info = await waitForLock(() => tryLockFile(this.lockPath, newLockInfo(req)), this.path, req);
    // A new operation starts: its first write keeps a backup again.
    this.backedUp = false;
    await this.removeDeadTempFiles();
    return info;
  }

  unlock(id: string): Promise<void> {
    return removeLockFile(this.lockPath, id, false);
  }

  forceUnlock(id: string): Promise<void> {
    return removeLockFile(this.lockPath, id, true);
  }

  journal(): LocalJournal {
    this.journalHandle ??= new LocalJournal(this.journalPath);
    return this.journalHandle;
  }

  // A writer killed between creating its temp file and renaming it (or, taking the lock, linking it)
  // leaves the temp file behind.
  // Only the lock holder writes, so under the lock any temp file of a dead process is garbage.
  private async removeDeadTempFiles(): Promise<void> {
    const prefix = `.${basename(this.path)}.`;
    const names = await readdir(dirname(this.path)).catch(() => [] as string[]);
    for (const name of names) {
      const m = name.startsWith(prefix) ? /^(?:lock\.)?(\d+)\.[0-9a-f]+\.tmp$/.exec(name.slice(prefix.length)) : null;
      if (m && !isAlive(Number(m[1]))) await unlink(join(dirname(this.path), name)).catch(() => {});
    }
  }

  // The stored lineage and serial. When the file is the one this handle last read or wrote
  // (same inode, size and mtime), it is not parsed again: a big state costs one parse per operation.
  private async current(): Promise<{ lineage: string; serial: number; text?: string } | undefined> {
    const probe = await this.fingerprint();
    if (probe === undefined) return undefined;
    const seen = this.seen;
    if (seen?.exists && seen.fingerprint === probe && seen.lineage !== undefined) {
      return { lineage: seen.lineage, serial: seen.serial };
    }
    const file = await this.load();
    if (!file) return undefined;
    const state = decodeStateFile(file.text, this.path);
    return { lineage: state.lineage, serial: state.serial, text: file.text };
  }

  private async fingerprint(): Promise<string | undefined> {
    try {
      return fingerprintOf(await stat(this.path, { bigint: true }));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw ioError(this.path, e);
    }
  }

  // Reads text and fingerprint through one descriptor, so that both describe the same file version.
  private async load(): Promise<{ text: string; fingerprint: string } | undefined> {
    let fh: Awaited<ReturnType<typeof open>>;
    try {
      fh = await open(this.path, 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw ioError(this.path, e);
    }
    try {
      const fingerprint = fingerprintOf(await fh.stat({ bigint: true }));
      return { text: await fh.readFile('utf8'), fingerprint };
    } catch (e) {
      throw ioError(this.path, e);
    } finally {
      await fh.close();
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function ioError(path: string, e: unknown): StateError {
  return new StateError('io', `cannot read ${path}: ${(e as Error).message}`, { cause: e });
}

function foreignLineage(location: string, found: string, expected: string): StateError {
  return new StateError(
    'foreign-lineage',
    `${location} belongs to another state (lineage ${found}, expected ${expected}). ` +
      'It was left untouched; check that you are in the right configuration folder.',
  );
}
