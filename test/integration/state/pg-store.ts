import pg from 'pg';
import { PgBackend, type PgSettings } from '../../../engine/state/index.js';
import { uniqueSchema } from '../../support/postgres.js';
import type { BackendStore } from './conformance.js';

/** A fresh schema on the test server holding one pg state (workspace "default"). */
export async function pgStore(url: string, workspace = 'default'): Promise<BackendStore & { settings: PgSettings }> {
  const settings: PgSettings = { connStr: url, schemaName: uniqueSchema() };
  const open = () => new PgBackend(settings, workspace);
  // Creates the tables, so that the raw helpers below find them.
  await open().read();
  const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await c.query<T>(text, values);
    } finally {
      await c.end();
    }
  };
  const states = `${pg.escapeIdentifier(settings.schemaName)}.states`;
  return {
    settings,
    open,
    childSpec: { kind: 'pg', settings, workspace },
    rawRead: async () =>
      (await sql<{ t: string }>(`SELECT state::text AS t FROM ${states} WHERE workspace = $1`, [workspace])).rows[0]?.t,
    rawWrite: async (text) => {
      // The columns copy what the JSON says, as a real write would; odd shapes still get stored.
      let lineage: unknown;
      let serial: unknown;
      try {
        ({ lineage, serial } = JSON.parse(text) as { lineage?: unknown; serial?: unknown });
      } catch {
        throw new Error('a pg state is jsonb: it cannot hold text that is not JSON');
      }
      await sql(
        `INSERT INTO ${states} (workspace, lineage, serial, state) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (workspace) DO UPDATE SET lineage = $2, serial = $3, state = $4::jsonb`,
        [workspace, typeof lineage === 'string' ? lineage : null, typeof serial === 'number' ? serial : 0, text],
      );
    },
    dispose: async () => {
      await sql(`DROP SCHEMA ${pg.escapeIdentifier(settings.schemaName)} CASCADE`);
    },
  };
}
