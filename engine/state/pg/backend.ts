import type pg from 'pg';
import type { Backend, LockRequest, ReadOptions, Snapshot } from '../backend.js';
import { LockError, type LockInfo, StaleWriteError, StateError } from '../errors.js';
import { decodeStateFile, encodeStateFile } from '../file/index.js';
import { newLockInfo } from '../local/lockfile.js';
import { type LockAttempt, waitForLock } from '../lock-wait.js';
import { State } from '../state.js';
import { PgJournal } from './journal.js';
import { ensureSchema } from './schema.js';
import { clientConfig, lockKey, lockKeyHalves, type PgSettings, table } from './settings.js';

// What this handle last saw stored: the compare-and-set of the next write is on this serial.
interface Seen {
  readonly exists: boolean;
  readonly serial: number;
}

// The session that holds the advisory lock; reads, writes and the journal use it while it lives.
interface Held {
  readonly client: pg.Client;
  readonly id: string;
  /** Set when the connection failed: the lock went with it. */
  readonly health: { lost?: Error };
}

/** A lock row whose session is alive and holds the workspace's advisory lock. */
type HolderRow = LockInfo & { readonly backend_pid: number };

/**
 * `backend "pg"`: one row per workspace in `<schema>.states` (the state as jsonb, with its lineage
 * and serial in columns for a compare-and-set write), a session-level advisory lock per workspace
 * with its holder in `<schema>.locks`, and the change journal as rows of `<schema>.journal`.
 * A handle keeps a connection open only while it holds the lock (or a journal flush runs).
 */
export class PgBackend implements Backend {
  readonly location: string;
  readonly schema: string;
  private readonly states: string;
  private readonly locks: string;
  private readonly key: bigint;
  private seen: Seen | undefined;
  private held: Held | undefined;
  private journalHandle: PgJournal | undefined;

  constructor(
    private readonly settings: PgSettings,
    readonly workspace: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.schema = settings.schemaName;
    this.states = table(this.schema, 'states');
    this.locks = table(this.schema, 'locks');
    this.key = lockKey(this.schema, workspace);
    this.location = `the pg state of workspace "${workspace}" (schema "${this.schema}")`;
  }

  /** Runs `fn` on the lock session when this handle holds the lock, else on a connection of its own. */
  async withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
    const held = this.held;
    if (held) {
      const lost = held.health.lost;
      if (lost) throw this.ioError('the connection holding the state lock was lost', lost);
      try {
        return await fn(held.client);
      } catch (e) {
        throw this.wrap(e);
      }
    }
    const client = await this.connect();
    try {
      return await fn(client);
    } catch (e) {
      throw this.wrap(e);
    } finally {
      await client.end().catch(() => {});
    }
  }

  private async connect(onError?: (e: Error) => void): Promise<pg.Client> {
    let config: pg.ClientConfig;
    try {
      config = clientConfig(this.settings, this.env);
    } catch (e) {
      throw this.ioError('cannot connect to PostgreSQL', e);
    }
    // The driver loads on the first connection: commands that never use pg do not pay for it.
    const { default: driver } = await import('pg');
    const client = new driver.Client(config);
    // An idle connection the server drops emits 'error'; unhandled, it would end the process.
    client.on('error', (e) => onError?.(e));
    try {
      await client.connect();
      await ensureSchema(client, this.schema, `${client.host}:${client.port}/${client.database}`);
    } catch (e) {
      await client.end().catch(() => {});
      throw this.ioError('cannot connect to PostgreSQL', e);
    }
    return client;
  }

  async read(opts: ReadOptions = {}): Promise<Snapshot> {
    const row = await this.withClient(async (c) => {
      const r = await c.query<{ text: string | null; serial: string }>(
        `SELECT state::text AS text, serial FROM ${this.states} WHERE workspace = $1`,
        [this.workspace],
      );
      return r.rows[0];
    });
    if (!row || row.text === null) {
      this.seen = { exists: false, serial: 0 };
      return { state: new State(opts.expectLineage), exists: false };
    }
    const state = decodeStateFile(row.text, this.location);
    if (opts.expectLineage !== undefined && state.lineage !== opts.expectLineage) {
      throw foreignLineage(this.location, state.lineage, opts.expectLineage);
    }
    this.seen = { exists: true, serial: Number(row.serial) };
    return { state, exists: true };
  }

  async write(state: State): Promise<number> {
    const seen = this.seen;
    // A first write keeps the serial the state already has (a migrated state), at least 1.
    const next = seen?.exists ? seen.serial + 1 : Math.max(1, state.serial);
    const prev = state.serial;
    state.serial = next;
    const text = encodeStateFile(state);
    state.serial = prev;
    await this.withClient(async (c) => {
      const r = seen?.exists
        ? // Compare-and-set: only the serial this handle read may be replaced, in the same lineage.
          await c.query(
            `UPDATE ${this.states} SET state = $1::jsonb, serial = $2, updated = now()
              WHERE workspace = $3 AND serial = $4 AND lineage = $5`,
            [text, next, this.workspace, seen.serial, state.lineage],
          )
        : // A workspace row made by `workspace new` holds no state yet and may be filled.
          await c.query(
            `INSERT INTO ${this.states} AS s (workspace, lineage, serial, state) VALUES ($1, $2, $3, $4::jsonb)
             ON CONFLICT (workspace) DO UPDATE SET lineage = $2, serial = $3, state = $4::jsonb, updated = now()
               WHERE s.state IS NULL`,
            [this.workspace, state.lineage, next, text],
          );
      if (r.rowCount === 1) return;
      // Refused: say why, from what is stored now.
      const now = await c.query<{ lineage: string | null; serial: string; stored: boolean }>(
        `SELECT lineage, serial, state IS NOT NULL AS stored FROM ${this.states} WHERE workspace = $1`,
        [this.workspace],
      );
      throw this.refusal(state, seen, now.rows[0]);
    });
    state.serial = next;
    this.seen = { exists: true, serial: next };
    return next;
  }

  private refusal(
    state: State,
    seen: Seen | undefined,
    now: { lineage: string | null; serial: string; stored: boolean } | undefined,
  ): StateError {
    if (!now?.stored) {
      return new StaleWriteError(
        `${this.location} was removed since it was read (serial ${seen?.serial}). Nothing was written; run the command again.`,
        seen?.serial,
        undefined,
      );
    }
    if (now.lineage !== state.lineage) return foreignLineage(this.location, String(now.lineage), state.lineage);
    const then = seen?.exists ? String(seen.serial) : 'none';
    return new StaleWriteError(
      `${this.location} changed since it was read (serial ${then} then, ${now.serial} now): another runform ` +
        'wrote it meanwhile. Nothing was overwritten; run the command again.',
      seen?.exists ? seen.serial : undefined,
      Number(now.serial),
    );
  }

  async lock(req: LockRequest): Promise<LockInfo> {
    if (this.held)
      throw new LockError('locked', `${this.location} is already locked by this runform (lock ${this.held.id}).`);
    const info = newLockInfo(req);
    const health: Held['health'] = {};
    const client = await this.connect((e) => {
      health.lost = e;
    });
    const attempt = async (): Promise<LockAttempt> => {
      const r = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [String(this.key)]);
      if (r.rows[0]?.ok) {
        await client.query(
          `INSERT INTO ${this.locks} (workspace, id, operation, who, pid, host, created, backend_pid)
           VALUES ($1, $2, $3, $4, $5, $6, $7, pg_backend_pid())
           ON CONFLICT (workspace) DO UPDATE SET id = $2, operation = $3, who = $4, pid = $5, host = $6,
             created = $7, backend_pid = pg_backend_pid()`,
          [this.workspace, info.id, info.operation, info.who, info.pid, info.host, info.created],
        );
        return { ok: true, info };
      }
      // The holder writes its row just after taking the lock: give it a moment before calling it unreadable.
      for (let tries = 0; ; tries++) {
        const h = await this.holder(client);
        if (h || tries >= 10) {
          return h ? { ok: false, holder: h } : { ok: false, unreadable: 'its holder has not recorded who it is' };
        }
        await new Promise((res) => setTimeout(res, 20));
      }
    };
    try {
      const taken = await waitForLock(attempt, this.location, { ...req, deadHolders: 'wait' });
      this.held = { client, id: info.id, health };
      return taken;
    } catch (e) {
      await client.end().catch(() => {});
      throw e instanceof StateError ? e : this.wrap(e);
    }
  }

  // The lock row of the session that holds the advisory lock now, if any.
  private async holder(c: pg.Client): Promise<(LockInfo & { backendPid: number }) | undefined> {
    const { hi, lo } = lockKeyHalves(this.key);
    const r = await c.query<HolderRow>(
      `SELECT l.id, l.operation, l.who, l.pid, l.host, l.created, l.backend_pid FROM ${this.locks} l
         JOIN pg_locks k ON k.pid = l.backend_pid
        WHERE l.workspace = $1 AND k.locktype = 'advisory' AND k.granted AND k.objsubid = 1
          AND k.classid = $2::oid AND k.objid = $3::oid
          AND k.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [this.workspace, hi, lo],
    );
    const h = r.rows[0];
    if (!h) return undefined;
    return {
      id: h.id,
      operation: h.operation,
      who: h.who,
      pid: h.pid,
      host: h.host,
      created: h.created,
      backendPid: h.backend_pid,
    };
  }

  async unlock(id: string): Promise<void> {
    const held = this.held;
    if (held?.id === id) {
      this.held = undefined;
      try {
        if (!held.health.lost) {
          await held.client.query(`DELETE FROM ${this.locks} WHERE workspace = $1 AND id = $2`, [this.workspace, id]);
          await held.client.query('SELECT pg_advisory_unlock($1)', [String(this.key)]);
        }
      } finally {
        await held.client.end().catch(() => {});
      }
      return;
    }
    // A lock another handle (or process) holds: only its session can release it, so end that session.
    await this.release(id, 'unlock');
  }

  forceUnlock(id: string): Promise<void> {
    if (this.held?.id === id) return this.unlock(id);
    return this.release(id, 'force-unlock');
  }

  // Ends the database session that holds lock `id`; the server then frees its advisory lock.
  private release(id: string, verb: string): Promise<void> {
    return this.withClient(async (c) => {
      const h = await this.holder(c);
      if (!h) throw new LockError('lock-mismatch', `${this.location} is not locked; there is nothing to unlock.`);
      if (h.id !== id) {
        throw new LockError(
          'lock-mismatch',
          `cannot ${verb} ${this.location}: it holds lock ${h.id}, not lock ${id}. Nothing was removed.`,
          h,
        );
      }
      await c.query('SELECT pg_terminate_backend($1)', [h.backendPid]);
      // pg_terminate_backend only signals; wait until the session is gone and its lock with it.
      for (let i = 0; i < 200 && (await this.holder(c))?.id === id; i++) await new Promise((r) => setTimeout(r, 25));
      await c.query(`DELETE FROM ${this.locks} WHERE workspace = $1 AND id = $2`, [this.workspace, id]);
    });
  }

  journal(): PgJournal {
    this.journalHandle ??= new PgJournal(this);
    return this.journalHandle;
  }

  private wrap(e: unknown): StateError {
    if (e instanceof StateError) return e;
    return this.ioError('a database request failed', e);
  }

  private ioError(what: string, e: unknown): StateError {
    return new StateError('io', `${this.location}: ${what}: ${(e as Error).message}`, { cause: e });
  }
}

function foreignLineage(location: string, found: string, expected: string): StateError {
  return new StateError(
    'foreign-lineage',
    `${location} belongs to another state (lineage ${found}, expected ${expected}). ` +
      'It was left untouched; check the backend settings and the workspace.',
  );
}
