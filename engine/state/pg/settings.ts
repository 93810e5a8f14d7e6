import { createHash } from 'node:crypto';
import type pg from 'pg';

/** What `backend "pg" { … }` configures, after decoding. */
export interface PgSettings {
  /** A libpq connection string; absent: the PG* environment variables (PGHOST, PGUSER, PGPASSWORD, …). */
  readonly connStr?: string;
  /** The schema holding the tables; created on first use. */
  readonly schemaName: string;
}

/** The schema used when `schema_name` is not set. */
export const DEFAULT_PG_SCHEMA = 'runform';

/** Environment variable read when the block has no `conn_str`, so a password can stay out of the files. */
export const PG_CONN_STR_ENV = 'RUNFORM_PG_CONN_STR';

/**
 * The client configuration. Anything the string leaves out (the password, typically) comes from
 * the PG* environment variables, which the `pg` package reads itself.
 */
export function clientConfig(s: PgSettings, env: NodeJS.ProcessEnv = process.env): pg.ClientConfig {
  const conn = s.connStr ?? env[PG_CONN_STR_ENV];
  // Named in pg_stat_activity (the string may name it otherwise), and never stuck on an unreachable host.
  const base: pg.ClientConfig = { application_name: 'runform', connectionTimeoutMillis: 30_000 };
  return conn ? { ...base, connectionString: conn } : base;
}

/**
 * An SQL identifier in double quotes, embedded quotes doubled (what `pg.escapeIdentifier` does; kept
 * here so that naming a table does not load the driver).
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A schema-qualified table name, quoted. */
export function table(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * The advisory lock key of one workspace in one schema: 64 bits of a SHA-256, so that two
 * workspaces (or two schemas sharing a database) practically never share a lock.
 */
export function lockKey(schema: string, workspace: string): bigint {
  const h = createHash('sha256').update(`runform\0${schema}\0${workspace}`).digest();
  return h.readBigInt64BE(0);
}

/** The two 32-bit halves pg_locks shows for a bigint advisory key (classid, objid). */
export function lockKeyHalves(key: bigint): { hi: string; lo: string } {
  const u = BigInt.asUintN(64, key);
  return { hi: String(u >> 32n), lo: String(u & 0xffffffffn) };
}
