import pg from 'pg';
import { inject } from 'vitest';

// The test PostgreSQL started by postgres-global.ts, as the pg tests use it.

/** The connection string of the test server, or undefined (with the reason printed) when there is none. */
export function pgTestUrl(): string | undefined {
  const url = inject('pgUrl');
  if (!url) {
    process.stderr.write(`skipping pg tests: ${inject('pgSkip')}\n`);
    return undefined;
  }
  return url;
}

/** Waits until the test server accepts connections (it starts in the background). */
export async function waitForPostgres(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.query('SELECT 1');
      await c.end();
      return;
    } catch (e) {
      await c.end().catch(() => {});
      if (Date.now() > deadline)
        throw new Error(`the test PostgreSQL at ${url} did not start: ${(e as Error).message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** A schema name no other test uses. */
export function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
}
