import type pg from 'pg';
import { quoteIdent, table } from './settings.js';

// The tables of the pg backend. Creation runs under a transaction-level advisory lock because
// concurrent `CREATE … IF NOT EXISTS` statements can still collide in the catalogue.

const DDL_LOCK = 0x72756e666f726dn; // any fixed key; "runform" in ASCII

/** The statements that create the schema and its tables when missing. */
export function ddl(schema: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`,
    // One row per workspace. `state` is NULL for a workspace created but never written.
    `CREATE TABLE IF NOT EXISTS ${table(schema, 'states')} (
       workspace text PRIMARY KEY,
       lineage   text,
       serial    bigint NOT NULL DEFAULT 0,
       state     jsonb,
       updated   timestamptz NOT NULL DEFAULT now()
     )`,
    // Who holds the advisory lock of a workspace; `backend_pid` ties the row to the live session.
    `CREATE TABLE IF NOT EXISTS ${table(schema, 'locks')} (
       workspace   text PRIMARY KEY,
       id          text NOT NULL,
       operation   text NOT NULL,
       who         text NOT NULL,
       pid         integer NOT NULL,
       host        text NOT NULL,
       created     text NOT NULL,
       backend_pid integer NOT NULL
     )`,
    // The change journal: one row per finished change since the last whole-state write.
    `CREATE TABLE IF NOT EXISTS ${table(schema, 'journal')} (
       workspace text NOT NULL,
       n         bigserial,
       entry     jsonb NOT NULL,
       PRIMARY KEY (workspace, n)
     )`,
  ];
}

const ready = new Map<string, Promise<void>>();

/** Creates the schema and tables once per process and database. */
export function ensureSchema(client: pg.Client, schema: string, dbKey: string): Promise<void> {
  const key = `${dbKey}\0${schema}`;
  let p = ready.get(key);
  if (!p) {
    p = create(client, schema);
    ready.set(key, p);
    p.catch(() => ready.delete(key));
  }
  return p;
}

async function create(client: pg.Client, schema: string): Promise<void> {
  const exists = await client.query<{ ok: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AND to_regclass($3) IS NOT NULL AS ok',
    [table(schema, 'states'), table(schema, 'locks'), table(schema, 'journal')],
  );
  if (exists.rows[0]?.ok) return;
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [String(DDL_LOCK)]);
    for (const s of ddl(schema)) await client.query(s);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}
