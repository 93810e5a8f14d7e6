import { type FileHandle, open, readFile, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChangeJournal, JournalContents, JournalEntry } from '../backend.js';
import { StateError } from '../errors.js';
import { decodeJournalLine, encodeJournalLine } from '../file/index.js';
import { fsyncDir, PRIVATE_MODE } from './atomic.js';

interface Waiter {
  readonly line: string;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

/**
 * The change journal as an append-only file of JSON lines beside the state. Appends that arrive
 * while a write is in flight share the next write and fsync, so parallel changes cost one fsync.
 */
export class LocalJournal implements ChangeJournal {
  private fh: FileHandle | undefined;
  private queue: Waiter[] = [];
  private flushing: Promise<void> | undefined;

  constructor(readonly path: string) {}

  get location(): string {
    return this.path;
  }

  append(entry: JournalEntry): Promise<void> {
    const line = `${encodeJournalLine(entry)}\n`;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        if (!this.fh) {
          this.fh = await open(this.path, 'a', PRIVATE_MODE);
          await fsyncDir(dirname(this.path));
        }
        await this.fh.write(batch.map((w) => w.line).join(''));
        await this.fh.datasync();
        for (const w of batch) w.resolve();
      } catch (e) {
        const err = new StateError('io', `cannot append to ${this.path}: ${(e as Error).message}`, { cause: e });
        for (const w of batch) w.reject(err);
      }
    }
    this.flushing = undefined;
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
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw new StateError('io', `cannot remove ${this.path}: ${(e as Error).message}`, { cause: e });
    }
    await fsyncDir(dirname(this.path));
  }

  async close(): Promise<void> {
    await this.flushing;
    const fh = this.fh;
    this.fh = undefined;
    await fh?.close();
  }
}
