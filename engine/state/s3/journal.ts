import type { ChangeJournal, JournalContents, JournalEntry } from '../backend.js';
import { WriteBatcher } from '../batch.js';
import { StateError } from '../errors.js';
import { decodeJournalLine, encodeJournalLine } from '../file/index.js';
import type { ObjectStore } from './objects.js';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * The change journal as small objects under `<key>.journal/`, one per flush: appends that arrive
 * while a PUT is in flight share the next PUT, and PUTs go one at a time, so the stored objects
 * always form a prefix of the calls. An append costs one PUT of its own lines, whatever the size
 * of the state; a compare-and-set snapshot of the whole state would grow with it.
 */
export class ObjectJournal implements ChangeJournal {
  private readonly batcher = new WriteBatcher<JournalEntry>((batch) => this.writeBatch(batch));

  constructor(
    private readonly store: ObjectStore,
    /** The key prefix every journal object starts with, ending in `/`. */
    readonly prefix: string,
  ) {}

  get location(): string {
    return this.store.url(this.prefix);
  }

  append(entry: JournalEntry): Promise<void> {
    return this.batcher.push(entry);
  }

  // Named by base serial and first seq, zero-padded, so that listing order is append order.
  private async writeBatch(batch: readonly JournalEntry[]): Promise<void> {
    const first = batch[0]!;
    const key = `${this.prefix}${pad(first.base, 12)}-${pad(first.seq, 10)}`;
    await this.store.put(key, batch.map((e) => `${encodeJournalLine(e)}\n`).join(''));
  }

  async readAll(): Promise<JournalContents> {
    const keys = await this.store.list(this.prefix);
    const entries: JournalEntry[] = [];
    for (const key of keys) {
      const obj = await this.store.get(key);
      // Removed meanwhile by a clear that was under way; what is left is still a prefix.
      if (!obj) continue;
      const lines = obj.text.split('\n');
      if (lines.pop() !== '') throw new StateError('corrupt', `${this.store.url(key)}: the last line is incomplete`);
      lines.forEach((l, i) => {
        entries.push(decodeJournalLine(l, this.store.url(key), i + 1));
      });
    }
    // Each object is written whole or not at all: there is never a torn tail.
    return { entries, tornTail: false };
  }

  /**
   * Removes the journal newest object first, one at a time: a clear cut short leaves the oldest
   * objects, a prefix the next run can still replay (or recognise as already compacted).
   */
  async clear(): Promise<void> {
    await this.batcher.idle();
    const keys = await this.store.list(this.prefix);
    for (const key of keys.reverse()) await this.store.delete(key);
  }

  async close(): Promise<void> {
    await this.batcher.idle();
  }
}
