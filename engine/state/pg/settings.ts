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
  const from = s.connStr === undefined ? PG_CONN_STR_ENV : 'conn_str';
  // Named in pg_stat_activity (the string may name it otherwise), and never stuck on an unreachable host.
  const base: pg.ClientConfig = { application_name: 'runform', connectionTimeoutMillis: 30_000 };
  if (!conn) return base;
  if (/^postgres(ql)?:\/\//i.test(conn)) {
    try {
      new URL(conn);
    } catch {
      // The text may hold a password: it is not repeated.
      throw new Error(`${from} is not a valid postgres:// URL (its text is not shown, as it may hold a password)`);
    }
    return { ...base, connectionString: conn };
  }
  return { ...base, ...keywordValueConfig(conn, from) };
}

// libpq's keyword/value form: `host=db port=5432 dbname=runform user=ci`. Values may be quoted
// with single quotes; inside them (and outside) a backslash escapes the next character.
const KEYWORDS: Readonly<Record<string, (c: pg.ClientConfig, v: string) => void>> = {
  host: (c, v) => {
    c.host = v;
  },
  hostaddr: (c, v) => {
    c.host = v;
  },
  port: (c, v) => {
    c.port = Number(v);
  },
  dbname: (c, v) => {
    c.database = v;
  },
  user: (c, v) => {
    c.user = v;
  },
  password: (c, v) => {
    c.password = v;
  },
  application_name: (c, v) => {
    c.application_name = v;
  },
  connect_timeout: (c, v) => {
    c.connectionTimeoutMillis = 1000 * Number(v);
  },
  sslmode: (c, v) => {
    c.ssl = v === 'disable' ? false : v === 'verify-full' || v === 'verify-ca' ? true : { rejectUnauthorized: false };
  },
};

function keywordValueConfig(text: string, from: string): pg.ClientConfig {
  const out: pg.ClientConfig = {};
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(
      `${from}: ${what} (a connection string is a postgres:// URL, or keyword=value pairs such as "host=db dbname=runform")`,
    );
  };
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  for (skipSpace(); i < text.length; skipSpace()) {
    const key = /^[A-Za-z_]+/.exec(text.slice(i))?.[0];
    if (!key) fail(`expected a keyword at character ${i + 1}`);
    i += key!.length;
    skipSpace();
    if (text[i] !== '=') fail(`expected "=" after "${key}"`);
    i++;
    skipSpace();
    let value = '';
    if (text[i] === "'") {
      for (i++; ; i++) {
        if (i >= text.length) fail(`the quoted value of "${key}" is not closed`);
        if (text[i] === "'") break;
        if (text[i] === '\\') i++;
        value += text[i] ?? '';
      }
      i++;
    } else {
      for (; i < text.length && !/\s/.test(text[i]!); i++) {
        if (text[i] === '\\') i++;
        value += text[i] ?? '';
      }
    }
    const set = KEYWORDS[key!];
    if (!set) fail(`unknown keyword "${key}"; known ones are ${Object.keys(KEYWORDS).join(', ')}`);
    set!(out, value);
    if ((key === 'port' || key === 'connect_timeout') && !Number.isInteger(Number(value))) {
      fail(`"${key}" must be a whole number`);
    }
  }
  return out;
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
