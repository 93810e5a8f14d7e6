import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { startChild } from '../integration/state/processes.js';
import { buildCliProvider, cliEnv, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';
import { pgTestUrl, uniqueSchema, waitForPostgres } from '../support/postgres.js';
import { hasStackTrace } from './cli.js';

// Choosing the backend in the runform block, as the CLI sees it: diagnostics for a wrong block,
// the pg backend end to end (secrets kept out, contention and force-unlock between processes),
// and `runform state migrate` between local and pg.

const resources = `
resource "test_thing" "a" {
  name = "a"
}
`;

let providerModule: string;
beforeAll(() => {
  providerModule = buildCliProvider();
});

const setup = (hcl: string) => {
  const dir = tempDir({ 'main.hcl': hcl });
  return { dir, env: cliEnv(providerModule, join(dir, 'cloud.json')) };
};

describe('the backend block', () => {
  it.each([
    [
      'an unknown setting',
      '  backend "pg" {\n    conn_string = "x"\n  }',
      'main.hcl:3:5',
      /"conn_string" is not expected.*Did you mean "conn_str"/,
    ],
    [
      'a setting of the wrong type',
      '  backend "pg" {\n    schema_name = 5\n  }',
      'main.hcl:3:19',
      /"schema_name" .* must be a literal string/,
    ],
    [
      'a setting the local backend does not have',
      '  backend "local" {\n    path = "x"\n  }',
      'main.hcl:3:5',
      /"path" is not expected/,
    ],
    ['an unknown kind', '  backend "etcd" {\n  }', 'main.hcl:2:11', /Backend "etcd" is not one runform knows/],
  ])('refuses %s with file:line:col and exit 1, for every state command', (_what, block, at, message) => {
    const { dir, env } = setup(`runform {\n${block}\n}\n${resources}`);
    for (const args of [['plan'], ['state', 'list'], ['output'], ['workspace', 'list'], ['force-unlock', 'x']]) {
      const r = runCli(args, dir, env);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toContain(at);
      expect(r.stderr).toMatch(message);
      expect(hasStackTrace(r.stderr)).toBe(false);
    }
    expect(existsSync(join(dir, 'runform.state.json'))).toBe(false);
  });

  it('says plainly when PostgreSQL cannot be reached, without printing the password', () => {
    const { dir, env } = setup(
      `runform {\n  backend "pg" {\n    conn_str = "postgres://u:pw-s3cret@127.0.0.1:1/db?connect_timeout=5"\n  }\n}\n${resources}`,
    );
    const r = runCli(['state', 'list'], dir, env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('the pg state of workspace "default" (schema "runform"): cannot connect to PostgreSQL');
    expect(r.stderr).not.toContain('pw-s3cret');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});

const url = pgTestUrl();

describe.skipIf(!url)('the pg backend from the CLI', () => {
  beforeAll(() => waitForPostgres(String(url)));

  const sql = async <T extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return (await c.query<T>(text, values)).rows;
    } finally {
      await c.end();
    }
  };

  it('keeps a password given in conn_str or the environment out of the state, the plan file and the output', async () => {
    // The test server trusts loopback connections, so any password is accepted and must stay hidden.
    const withPassword = String(url).replace('postgres@', 'postgres:pw-s3cret@');
    const schema = uniqueSchema('secret');
    const { dir, env } = setup(
      `runform {\n  backend "pg" {\n    conn_str    = "${withPassword}"\n    schema_name = "${schema}"\n  }\n}\n${resources}`,
    );
    const outputs: string[] = [];
    for (const args of [['apply', '--auto-approve'], ['plan', '--out', 'saved.plan'], ['state', 'pull'], ['show']]) {
      const r = runCli(args, dir, env);
      expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(0);
      outputs.push(r.stdout, r.stderr);
    }
    const [row] = await sql<{ text: string }>(`SELECT state::text AS text FROM ${pg.escapeIdentifier(schema)}.states`);
    expect(row.text).toContain('test_thing');
    for (const text of [...outputs, row.text, readFileSync(join(dir, 'saved.plan'), 'utf8')]) {
      expect(text).not.toContain('pw-s3cret');
    }

    // The same state through RUNFORM_PG_CONN_STR, with no conn_str in the files at all.
    writeFileSync(
      join(dir, 'main.hcl'),
      `runform {\n  backend "pg" {\n    schema_name = "${schema}"\n  }\n}\n${resources}`,
    );
    const listed = runCli(['state', 'list'], dir, { ...env, RUNFORM_PG_CONN_STR: withPassword });
    expect([listed.status, listed.stdout]).toEqual([0, 'test_thing.a\n']);

    // And through the standard PG* variables alone, which the driver reads.
    const u = new URL(withPassword);
    const { RUNFORM_PG_CONN_STR: _, ...bare } = env;
    const viaPg = runCli(['state', 'list'], dir, {
      ...bare,
      PGHOST: u.hostname,
      PGPORT: u.port,
      PGUSER: decodeURIComponent(u.username),
      PGPASSWORD: decodeURIComponent(u.password),
      PGDATABASE: u.pathname.slice(1),
    });
    expect([viaPg.status, viaPg.stdout, viaPg.stderr]).toEqual([0, 'test_thing.a\n', '']);
  });

  it('refuses an apply while another process holds the lock, names it, and force-unlock frees it', async () => {
    const schema = uniqueSchema('lock');
    const { dir, env } = setup(
      `runform {\n  backend "pg" {\n    conn_str    = "${url}"\n    schema_name = "${schema}"\n  }\n}\n${resources}`,
    );
    const holder = startChild('lock', {
      kind: 'pg',
      settings: { connStr: url, schemaName: schema },
      workspace: 'default',
    });
    try {
      const locked = await holder.next((e) => e.event === 'locked');
      const refused = runCli(['apply', '--auto-approve', '--lock-timeout', '300ms'], dir, env);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`is locked by child-${locked.pid} (operation "apply"`);
      expect(refused.stderr).toContain('after waiting 300ms');
      expect(refused.stderr).toContain(`runform force-unlock ${locked.id}`);
      expect(runCli(['force-unlock', 'wrong-id'], dir, env).stderr).toContain(
        `it holds lock ${locked.id}, not lock wrong-id`,
      );
      const freed = runCli(['force-unlock', String(locked.id)], dir, env);
      expect([freed.status, freed.stderr]).toEqual([0, '']);
      const applied = runCli(['apply', '--auto-approve'], dir, env);
      expect([applied.status, applied.stderr]).toEqual([0, '']);
    } finally {
      holder.proc.kill('SIGKILL');
      await holder.exited;
    }
  });

  it('migrates a local state to pg and back, keeping lineage and serial, and refuses a foreign one', async () => {
    const schema = uniqueSchema('migrate');
    const { dir, env } = setup(resources);
    expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
    expect(runCli(['state', 'mv', 'test_thing.a', 'test_thing.b'], dir, env).status).toBe(0);
    expect(runCli(['state', 'mv', 'test_thing.b', 'test_thing.a'], dir, env).status).toBe(0);
    const local = JSON.parse(readFileSync(join(dir, 'runform.state.json'), 'utf8')) as {
      lineage: string;
      serial: number;
    };
    expect(local.serial).toBe(3);
    const pgBlock = `runform {\n  backend "pg" {\n    conn_str    = "${url}"\n    schema_name = "${schema}"\n  }\n}\n`;
    writeFileSync(join(dir, 'to-pg.hcl.txt'), pgBlock);
    const rows = () =>
      sql<{ lineage: string; serial: string }>(`SELECT lineage, serial FROM ${pg.escapeIdentifier(schema)}.states`);

    // The target is locked for the copy: while another process holds it, nothing is copied.
    const holder = startChild('lock', {
      kind: 'pg',
      settings: { connStr: url, schemaName: schema },
      workspace: 'default',
    });
    try {
      await holder.next((e) => e.event === 'locked');
      const blocked = runCli(['state', 'migrate', '--to-backend', 'to-pg.hcl.txt'], dir, env);
      expect(blocked.status).toBe(1);
      expect(blocked.stderr).toContain('the pg state of workspace "default"');
      expect(blocked.stderr).toMatch(/is locked by child-\d+/);
      // The source lock was released again.
      expect(existsSync(join(dir, 'runform.state.json.lock'))).toBe(false);
    } finally {
      holder.proc.kill('SIGKILL');
      await holder.exited;
    }
    expect(await rows()).toEqual([]);

    const moved = runCli(['state', 'migrate', '--to-backend', 'to-pg.hcl.txt'], dir, env);
    expect(moved.stderr).toBe('');
    expect(moved.status).toBe(0);
    expect(moved.stdout).toContain(`lineage ${local.lineage}, serial 3, 1 instance(s)`);
    expect(await rows()).toEqual([{ lineage: local.lineage, serial: '3' }]);
    const again = runCli(['state', 'migrate', '--to-backend', 'to-pg.hcl.txt'], dir, env);
    expect([again.status, again.stdout]).toEqual([0, expect.stringContaining('already holds this state at serial 3')]);

    // Another configuration with a state of its own must not be copied over it.
    const other = setup(resources);
    expect(runCli(['apply', '--auto-approve'], other.dir, other.env).status).toBe(0);
    writeFileSync(join(other.dir, 'to-pg.hcl.txt'), pgBlock);
    const foreign = runCli(['state', 'migrate', '--to-backend', 'to-pg.hcl.txt'], other.dir, other.env);
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toContain('already holds another state');
    expect(await rows()).toEqual([{ lineage: local.lineage, serial: '3' }]);

    // The configuration now names pg; a plan there sees the migrated state, and a migration back
    // into an empty local folder (another workspace) keeps lineage and serial too.
    writeFileSync(join(dir, 'main.hcl'), `${pgBlock}${resources}`);
    expect(runCli(['plan'], dir, env).stdout).toContain('No changes.');
    const back = tempDir({ 'local.hcl': 'runform {\n  backend "local" {}\n}\n' });
    const home = runCli(
      ['state', 'migrate', '--to-backend', join(back, 'local.hcl'), '--to-workspace', 'copy'],
      dir,
      env,
    );
    expect([home.status, home.stderr]).toEqual([0, '']);
    const copied = JSON.parse(readFileSync(join(back, 'runform.state.d', 'copy', 'runform.state.json'), 'utf8'));
    expect([copied.lineage, copied.serial]).toEqual([local.lineage, 3]);

    const noBlock = runCli(['state', 'migrate', '--to-backend', join(back, 'nothing.hcl')], dir, env);
    expect([noBlock.status, noBlock.stderr]).toEqual([1, expect.stringContaining('cannot read')]);
    writeFileSync(join(back, 'empty.hcl'), resources);
    const empty = runCli(['state', 'migrate', '--to-backend', join(back, 'empty.hcl')], dir, env);
    expect(empty.status).toBe(1);
    expect(empty.stderr).toContain('must hold a block runform { backend "KIND"');
  });
});
