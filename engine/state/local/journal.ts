import { constants as fsConstants } from 'node:fs';
import { type FileHandle, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChangeJournal, JournalContents, JournalEntry } from '../backend.js';
import { type BatchOutcome, batchOutcome } from '../batch.js';
import { StateError } from '../errors.js';
import { decodeJournalLine, JournalBytes } from '../file/index.js';
import { fsyncDir, PRIVATE_MODE } from './atomic.js';

// On Linux, with O_DSYNC each write returns once its bytes (and the file's new length) are on disk,
// so a batch costs one call instead of a write and a datasync. Elsewhere datasync follows each
// write: on macOS it flushes the drive's cache too (F_FULLFSYNC), which O_DSYNC does not.
const DSYNC = process.platform === 'linux' && fsConstants.O_DSYNC !== undefined;
// No O_APPEND: every write goes to the place its lines were given, so that writes can run side by side.
const WRITE_FLAGS = fsConstants.O_WRONLY | fsConstants.O_CREAT | (DSYNC ? fsConstants.O_DSYNC : 0);
/** Writes under way at once, at most: the thread pool that runs them has four threads. */
const MAX_WRITES = 4;
/** Lines waiting while writes are under way start a write of their own from this many bytes. */
const PART_BYTES = 262_144;

/**
 * The change journal as an append-only file of JSON lines beside the state. Appends that arrive
 * while a write is under way share a later durable write, so parallel changes cost one disk flush.
 *
 * Writes may run side by side: a burst of changes (thousands of creates finishing in one turn of
 * the event loop) would otherwise wait for one write, made only once the burst is over, while the
 * disk could have written most of it during the burst. Each write has its own place in the file,
 * and appends are confirmed strictly in order: a change is durable when every line before it is too.
 * A crash may leave a later write on disk after the gap of an unfinished earlier one; the gap reads
 * as NUL bytes, and the journal is read up to it (see readAll). Nothing after it was confirmed.
 */
export class LocalJournal implements ChangeJournal {
  private fh: FileHandle | undefined;
  private opening: Promise<FileHandle> | undefined;
  /** The file's length when it was opened: the places given to lines count from there. */
  private base = 0;
  // Lines are encoded into `lines` as they are appended; a write takes whatever is there, which is
  // exactly the lines of the appends it confirms (both happen in call order, synchronously).
  private readonly lines = new JournalBytes();
  /** The outcome shared by the lines not yet given to a write. */
  private waiting: BatchOutcome | undefined;
  private flushSoon = false;
  /** Writes under way. */
  private writes = 0;
  /** Where the next write goes (from `base`): the end of the file once every write is done. */
  private end = 0;
  /** The last confirmation: each runs after the one before it. It never rejects. */
  private confirmed: Promise<void> = Promise.resolve();
  /** The failure of an append; no later append is written, until the file is cleared. */
  private broken: StateError | undefined;
  /** After a failure: where the file is cut back to (from `base`) once no write is under way. */
  private cutTo: number | undefined;

  constructor(readonly path: string) {}

  get location(): string {
    return this.path;
  }

  append(entry: JournalEntry): Promise<void> {
    this.lines.add(entry);
    this.waiting ??= batchOutcome();
    const durable = this.waiting.promise;
    if (this.writes === 0 || (this.writes < MAX_WRITES && this.lines.size >= PART_BYTES)) this.startWrite();
    else if (!this.flushSoon) {
      // What the rest of this turn appends goes in one write, started once the turn is over.
      this.flushSoon = true;
      setImmediate(() => {
        this.flushSoon = false;
        if (this.writes < MAX_WRITES) this.startWrite();
      });
    }
    return durable;
  }

  /** Gives the waiting lines a place in the file and starts writing them. */
  private startWrite(): void {
    const done = this.waiting;
    if (done === undefined) return;
    this.waiting = undefined;
    const chunks = this.lines.take();
    if (this.broken) {
      done.reject(this.laterFailure());
      return;
    }
    let size = 0;
    for (const c of chunks) size += c.length;
    const at = this.end;
    this.end += size;
    this.writes++;
    const written = this.writeAt(chunks, at).finally(() => {
      this.writes--;
    });
    const before = this.confirmed;
    this.confirmed = this.confirm(written, before, at, done);
  }

  private async writeAt(chunks: readonly Buffer[], at: number): Promise<void> {
    const fh = this.fh ?? (await this.open());
    let pos = this.base + at;
    for (const c of chunks) {
      for (let off = 0; off < c.length; ) {
        const { bytesWritten } = await fh.write(c, off, c.length - off, pos);
        off += bytesWritten;
        pos += bytesWritten;
      }
    }
    if (!DSYNC) await fh.datasync();
  }

  private open(): Promise<FileHandle> {
    this.opening ??= (async () => {
      const fh = await open(this.path, WRITE_FLAGS, PRIVATE_MODE);
      try {
        await fsyncDir(dirname(this.path));
        this.base = (await fh.stat()).size;
      } catch (e) {
        await fh.close();
        throw e;
      }
      this.fh = fh;
      return fh;
    })();
    return this.opening;
  }

  /**
   * Settles the appends of one write once it and every write before it are done. When a write
   * fails, its appends and every later one are refused, and once no write is under way the file
   * is cut back to the lines before it: lines queued behind a failed one must never follow its
   * torn remains, or a gap in its sequence, which would make the journal unreadable.
   */
  private async confirm(written: Promise<void>, before: Promise<void>, at: number, done: BatchOutcome): Promise<void> {
    let failure: unknown;
    try {
      await written;
    } catch (e) {
      failure = e;
    }
    await before;
    const earlier = this.broken;
    if (earlier === undefined && failure !== undefined) {
      this.broken = new StateError('io', `cannot append to ${this.path}: ${(failure as Error).message}`, {
        cause: failure,
      });
      this.cutTo = at;
    }
    if (this.broken !== undefined && this.cutTo !== undefined && this.writes === 0) {
      const cut = this.cutTo;
      this.cutTo = undefined;
      this.end = cut;
      // If this fails too, a torn last line is left, which a reader drops.
      await this.fh
        ?.truncate(this.base + cut)
        .then(() => this.fh?.datasync())
        .catch(() => {});
    }
    if (earlier !== undefined) done.reject(this.laterFailure());
    else if (this.broken !== undefined) done.reject(this.broken);
    else done.resolve();
    // Lines that waited for a free write.
    if (this.waiting !== undefined && !this.flushSoon && this.writes < MAX_WRITES) this.startWrite();
  }

  private laterFailure(): StateError {
    return new StateError('io', `${this.path}: an earlier append failed, so no later change is appended`, {
      cause: this.broken,
    });
  }

  async readAll(): Promise<JournalContents> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], tornTail: false };
      throw new StateError('io', `cannot read ${this.path}: ${(e as Error).message}`, { cause: e });
    }
    const lines = text.split('\n');
    // Every appended line ends with a newline; text after the last one is a write cut short by a crash.
    // Its record() never returned, so dropping it loses nothing that was promised.
    const tail = lines.pop()!;
    // The gap of a write a crash cut short, with a later write after it, reads as NUL bytes: the
    // journal ends at the line holding the first of them. Nothing from there on was confirmed.
    const gap = lines.findIndex((l) => l.includes('\0'));
    const whole = gap < 0 ? lines : lines.slice(0, gap);
    const entries = whole.map((l, i) => decodeJournalLine(l, this.path, i + 1));
    return { entries, tornTail: tail !== '' || gap >= 0 };
  }

  async clear(): Promise<void> {
    await this.close();
    try {
      await unlink(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new StateError('io', `cannot remove ${this.path}: ${(e as Error).message}`, { cause: e });
      }
    }
    // The file is gone, and with it any failed append: the next lines start a new journal.
    this.broken = undefined;
    await fsyncDir(dirname(this.path));
  }

  async close(): Promise<void> {
    this.startWrite();
    await this.confirmed;
    // A write that failed to open the file leaves `opening` rejected: the next one tries again.
    await this.opening?.catch(() => {});
    const fh = this.fh;
    this.fh = undefined;
    this.opening = undefined;
    // Reopened, the file's length is the new base.
    this.base = 0;
    this.end = 0;
    this.cutTo = undefined;
    await fh?.close();
  }
}
