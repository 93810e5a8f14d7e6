import { beforeAll, describe, expect, it } from 'vitest';
import { PgBackend } from '../../../engine/state/index.js';
import { pgTestUrl, uniqueSchema, waitForPostgres } from '../../support/postgres.js';

const url = pgTestUrl();

describe.skipIf(!url)('a pg backend configured with a keyword/value connection string', () => {
  beforeAll(() => waitForPostgres(String(url)));

  it('reaches the same server as the URL does', async () => {
    const u = new URL(String(url));
    const password = decodeURIComponent(u.password).replace(/[\\']/g, '\\$&');
    const connStr = [
      `host=${u.hostname}`,
      `port=${u.port || '5432'}`,
      `dbname=${decodeURIComponent(u.pathname.slice(1))}`,
      `user=${decodeURIComponent(u.username)}`,
      ...(u.password ? [`password='${password}'`] : []),
    ].join(' ');
    const snap = await new PgBackend({ connStr, schemaName: uniqueSchema() }, 'default').read();
    expect(snap.exists).toBe(false);
  });

  it('refuses one it cannot read with a clear error before connecting', async () => {
    const backend = new PgBackend({ connStr: 'host=127.0.0.1 colour=blue', schemaName: uniqueSchema() }, 'default');
    await expect(backend.read()).rejects.toThrow(/cannot connect to PostgreSQL: conn_str: unknown keyword "colour"/);
  });
});
