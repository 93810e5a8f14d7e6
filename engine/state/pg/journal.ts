import type { ChangeJournal, JournalContents, JournalEntry } from '../backend.js';
import { WriteBatcher } from '../batch.js';
import { decodeJournalLine, encodeJournalLine } from '../file/index.js';
import type { PgBackend } from './backend.js';
import { table } from './settings.js';

/**
 * The change journal as rows of `<schema>.journal`, one per change: an append is one INSERT, so
 * its cost does not grow with the state. Appends that arrive while one is in flight go together
 * in the next INSERT, in call order. Durable once the INSERT commits.
 */
export class PgJournal implements ChangeJournal {
  private readonly rows: string;
  private readonly batcher = new WriteBatcher<string>((lines) => this.insert(lines));

  constructor(private readonly backend: PgBackend) {
    this.rows = table(backend.schema, 'journal');
  }

  get location(): string {
    return `the pg journal of workspace "${this.backend.workspace}" (schema "${this.backend.schema}")`;
  }

  append(entry: JournalEntry): Promise<void> {
    return this.batcher.push(encodeJournalLine(entry));
  }

  private async insert(lines: readonly string[]): Promise<void> {
    // A statement takes at most 65,535 parameters: a huge batch goes in several, still in order.
    for (let at = 0; at < lines.length; at += 1000) {
      const part = lines.slice(at, at + 1000);
      const values = part.map((_, i) => `($1, $${i + 2}::jsonb)`).join(', ');
      await this.backend.withClient((c) =>
        c.query(`INSERT INTO ${this.rows} (workspace, entry) VALUES ${values}`, [this.backend.workspace, ...part]),
      );
    }
  }

  async readAll(): Promise<JournalContents> {
    const r = await this.backend.withClient((c) =>
      c.query<{ line: string }>(`SELECT entry::text AS line FROM ${this.rows} WHERE workspace = $1 ORDER BY n`, [
        this.backend.workspace,
      ]),
    );
    // A row is written whole or not at all: there is never a torn tail.
    return { entries: r.rows.map((row, i) => decodeJournalLine(row.line, this.location, i + 1)), tornTail: false };
  }

  async clear(): Promise<void> {
    await this.close();
    await this.backend.withClient((c) =>
      c.query(`DELETE FROM ${this.rows} WHERE workspace = $1`, [this.backend.workspace]),
    );
  }

  async close(): Promise<void> {
    await this.batcher.idle();
  }
}
