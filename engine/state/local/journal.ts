import { constants as fsConstants } from 'node:fs';
import { type FileHandle, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChangeJournal, JournalContents, JournalEntry } from '../backend.js';
import { WriteBatcher } from '../batch.js';
import { StateError } from '../errors.js';
import { decodeJournalLine, JournalBytes } from '../file/index.js';
import { fsyncDir, PRIVATE_MODE, writeChunks } from './atomic.js';

// On Linux, with O_DSYNC each write returns once its bytes (and the file's new length) are on disk,
// so a batch costs one call instead of a write and a datasync. Elsewhere datasync follows each
// write: on macOS it flushes the drive's cache too (F_FULLFSYNC), which O_DSYNC does not.
const DSYNC = process.platform === 'linux' && fsConstants.O_DSYNC !== undefined;
const APPEND_FLAGS =
  fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_APPEND | (DSYNC ? fsConstants.O_DSYNC : 0);

/**
 * The change journal as an append-only file of JSON lines beside the state. Appends that arrive
 * while a write is in flight share the next durable write, so parallel changes cost one disk flush.
 */
export class LocalJournal implements ChangeJournal {
  private fh: FileHandle | undefined;
  // Lines are encoded into `lines` as they are appended; a write takes whatever is there, which is
  // exactly the lines of the appends in its batch (both happen in call order, synchronously).
  private readonly lines = new JournalBytes();
  private readonly batcher = new WriteBatcher<undefined>(() => this.writeLines(this.lines.take()));
  /** The bytes of whole lines in the file: where it is cut back to when an append fails. */
  private size = 0;
  /** The failure of an append; no later append is written, until the file is cleared. */
  private broken: StateError | undefined;

  constructor(readonly path: string) {}

  get location(): string {
    return this.path;
  }

  append(entry: JournalEntry): Promise<void> {
    this.lines.add(entry);
    return this.batcher.push(undefined);
  }

  /**
   * Appends the lines of one batch. When that fails, the file is cut back to the lines appended
   * before, and no later batch is written: lines queued behind a failed one must never follow its
   * torn remains, or a gap in its sequence, which would make the journal unreadable.
   */
  private async writeLines(data: readonly Buffer[]): Promise<void> {
    if (this.broken) {
      throw new StateError('io', `${this.path}: an earlier append failed, so no later change is appended`, {
        cause: this.broken,
      });
    }
    try {
      if (!this.fh) {
        this.fh = await open(this.path, APPEND_FLAGS, PRIVATE_MODE);
        await fsyncDir(dirname(this.path));
        this.size = (await this.fh.stat()).size;
      }
      await writeChunks(this.fh, data);
      if (!DSYNC) await this.fh.datasync();
      for (const d of data) this.size += d.length;
    } catch (e) {
      this.broken = new StateError('io', `cannot append to ${this.path}: ${(e as Error).message}`, { cause: e });
      // If this fails too, a torn last line is left, which a reader drops.
      await this.fh
        ?.truncate(this.size)
        .then(() => this.fh?.datasync())
        .catch(() => {});
      throw this.broken;
    }
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
    const entries = lines.map((l, i) => decodeJournalLine(l, this.path, i + 1));
    return { entries, tornTail: tail !== '' };
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
    await this.batcher.idle();
    const fh = this.fh;
    this.fh = undefined;
    await fh?.close();
  }
}
