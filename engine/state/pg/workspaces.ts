import type pg from 'pg';
import { StateError } from '../errors.js';
import { DEFAULT_WORKSPACE, type Workspaces } from '../workspace.js';
import { PgBackend } from './backend.js';
import { type PgSettings, table } from './settings.js';

/** The workspaces of a pg schema: one row each in `<schema>.states` (a new one holds no state yet). */
export class PgWorkspaces implements Workspaces {
  constructor(
    private readonly settings: PgSettings,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private run<T>(fn: (c: pg.Client, t: (name: string) => string) => Promise<T>): Promise<T> {
    const b = new PgBackend(this.settings, DEFAULT_WORKSPACE, this.env);
    return b.withClient((c) => fn(c, (name) => table(this.settings.schemaName, name)));
  }

  list(): Promise<string[]> {
    return this.run(async (c, t) => {
      const r = await c.query<{ workspace: string }>(`SELECT workspace FROM ${t('states')}`);
      const names = r.rows.map((row) => row.workspace).filter((n) => n !== DEFAULT_WORKSPACE);
      return [DEFAULT_WORKSPACE, ...names.sort()];
    });
  }

  create(name: string): Promise<void> {
    return this.run(async (c, t) => {
      if (name === DEFAULT_WORKSPACE) throw new StateError('io', `workspace "${name}" already exists.`);
      const r = await c.query(`INSERT INTO ${t('states')} (workspace) VALUES ($1) ON CONFLICT DO NOTHING`, [name]);
      if (r.rowCount !== 1) {
        throw new StateError('io', `workspace "${name}" already exists.`);
      }
    });
  }

  remove(name: string): Promise<void> {
    return this.run(async (c, t) => {
      await c.query('BEGIN');
      try {
        await c.query(`DELETE FROM ${t('journal')} WHERE workspace = $1`, [name]);
        await c.query(`DELETE FROM ${t('states')} WHERE workspace = $1`, [name]);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => {});
        throw e;
      }
    });
  }
}
