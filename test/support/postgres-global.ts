import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

// vitest global setup: a throwaway PostgreSQL for the pg backend tests. initdb and pg_ctl run in a
// temporary folder on a free loopback port (never 5432), as the unprivileged `postgres` user when
// the tests run as root (PostgreSQL refuses to run as root). The server starts in the background so
// that runs without pg tests do not wait for it; tests wait through waitForPostgres().
//
// Without the binaries the pg tests are skipped with a printed reason, unless CI=true or
// RUNFORM_REQUIRE_SERVERS=1, where a missing server is an error.

const run = promisify(execFile);

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the test server; empty when there is none. */
    pgUrl: string;
    /** Why there is no test server, when pgUrl is empty. */
    pgSkip: string;
  }
}

/** The folder holding initdb and pg_ctl, or undefined. */
function findBinaries(): string | undefined {
  const has = (d: string) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl'));
  try {
    const d = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (has(d)) return d;
  } catch {
    // No pg_config: look where Debian puts the server.
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = execFileSync('ls', [root], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (has(join(root, v, 'bin'))) return join(root, v, 'bin');
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port === 5432 ? 0 : port));
    });
  });
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await chown(path, uid, gid);
  for (const e of await readdir(path, { withFileTypes: true })) {
    if (e.isDirectory()) await chownTree(join(path, e.name), uid, gid);
    else await chown(join(path, e.name), uid, gid);
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const required = process.env.CI === 'true' || process.env.RUNFORM_REQUIRE_SERVERS === '1';
  const bin = findBinaries();
  if (!bin) {
    const reason = 'PostgreSQL server binaries (initdb, pg_ctl) were not found; the pg backend tests are skipped.';
    if (required) throw new Error(`${reason} CI=true or RUNFORM_REQUIRE_SERVERS=1 requires them.`);
    process.stderr.write(`${reason}\n`);
    project.provide('pgUrl', '');
    project.provide('pgSkip', reason);
    return async () => {};
  }
  const asRoot = userInfo().uid === 0;
  const folder = await mkdtemp(join(tmpdir(), 'runform-pg-'));
  const data = join(folder, 'data');
  let port = 0;
  while (port === 0) port = await freePort();
  // Run a server binary, as the postgres user when we are root.
  const pgRun = (tool: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]) : run(join(bin, tool), args);

  const started = (async () => {
    if (asRoot) {
      const pw = execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim();
      const gr = execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim();
      await chmod(folder, 0o700);
      await chownTree(folder, Number(pw), Number(gr));
    }
    await pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
    const opts = `-h 127.0.0.1 -p ${port} -k ${folder} -c fsync=off -c max_connections=200`;
    await pgRun('pg_ctl', ['-D', data, '-o', opts, '-l', join(folder, 'server.log'), '-w', 'start']);
  })();
  // Said at once; the tests that wait for the server fail too, and teardown reports it again.
  started.catch((e: Error & { stderr?: string }) => {
    process.stderr.write(`The test PostgreSQL did not start: ${e.message}\n${e.stderr ?? ''}\n`);
  });
  project.provide('pgUrl', `postgres://postgres@127.0.0.1:${port}/postgres`);
  project.provide('pgSkip', '');

  return async () => {
    try {
      await started;
      await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch (e) {
      if (required) throw e;
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  };
}
