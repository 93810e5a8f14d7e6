import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliProvider, cliEnv, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';
import { pgTestUrl, uniqueSchema, waitForPostgres } from '../support/postgres.js';
import { hasStackTrace } from './cli.js';

// Workspaces through the CLI: --workspace, RUNFORM_WORKSPACE, `runform workspace …`, with the
// local backend (files per workspace) and the pg backend (a row per workspace).

const resources = `
resource "test_thing" "a" {
  name = "a"
}
`;

let providerModule: string;
beforeAll(() => {
  providerModule = buildCliProvider();
});

/** The workspace lifecycle every backend must offer, run against one configuration folder. */
function lifecycle(dir: string, stateOf: (ws: string) => Promise<{ serial: number; names: string[] } | undefined>) {
  return async () => {
    const env = cliEnv(providerModule, join(dir, 'cloud-default.json'));
    const envFor = (ws: string) => ({ ...env, RUNFORM_TEST_CLOUD: join(dir, `cloud-${ws}.json`) });
    expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);

    const missing = runCli(['apply', '--auto-approve', '--workspace', 'staging'], dir, envFor('staging'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('workspace "staging" (from --workspace) does not exist');
    expect(missing.stderr).toContain('runform workspace new staging');
    expect(hasStackTrace(missing.stderr)).toBe(false);

    const made = runCli(['workspace', 'new', 'staging'], dir, env);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    // As in Terraform, a new workspace is selected at once.
    expect(runCli(['workspace', 'show'], dir, env).stdout).toBe('staging\n');
    expect(runCli(['workspace', 'select', 'default'], dir, env).status).toBe(0);
    expect(runCli(['workspace', 'new', 'staging'], dir, env).stderr).toContain('already exists');
    const bad = runCli(['workspace', 'new', '../evil'], dir, env);
    expect([bad.status, bad.stderr]).toEqual([1, expect.stringContaining('is not a valid workspace name')]);

    const applied = runCli(['apply', '--auto-approve', '--workspace', 'staging'], dir, envFor('staging'));
    expect(applied.stderr).toBe('');
    expect(applied.status).toBe(0);
    // Each workspace has its own state: both hold test_thing.a, each at serial 1.
    expect(await stateOf('default')).toEqual({ serial: 1, names: ['test_thing.a'] });
    expect(await stateOf('staging')).toEqual({ serial: 1, names: ['test_thing.a'] });

    expect(runCli(['workspace', 'list'], dir, env).stdout).toBe('* default\n  staging\n');
    expect(runCli(['workspace', 'select', 'nope'], dir, env).stderr).toContain('"nope" does not exist');
    expect(runCli(['workspace', 'select', 'staging'], dir, env).status).toBe(0);
    expect(readFileSync(join(dir, '.runform', 'workspace'), 'utf8').trim()).toBe('staging');
    expect(runCli(['workspace', 'list'], dir, env).stdout).toBe('  default\n* staging\n');
    expect(runCli(['workspace', 'show'], dir, env).stdout).toBe('staging\n');
    // The environment wins over the selection, and the option over both.
    expect(runCli(['workspace', 'show'], dir, { ...env, RUNFORM_WORKSPACE: 'default' }).stdout).toBe('default\n');
    expect(runCli(['state', 'rm', 'test_thing.a'], dir, { ...env, RUNFORM_WORKSPACE: 'default' }).status).toBe(0);
    expect(await stateOf('default')).toEqual({ serial: 2, names: [] });
    expect(
      runCli(['state', 'list', '--workspace', 'staging'], dir, { ...env, RUNFORM_WORKSPACE: 'default' }).stdout,
    ).toBe('test_thing.a\n');

    const selected = runCli(['workspace', 'delete', 'staging'], dir, env);
    expect(selected.stderr).toContain('is the selected one');
    expect(runCli(['workspace', 'select', 'default'], dir, env).status).toBe(0);
    expect(runCli(['workspace', 'delete', 'default'], dir, env).stderr).toContain('cannot be deleted');
    const busy = runCli(['workspace', 'delete', 'staging'], dir, env);
    expect(busy.status).toBe(1);
    expect(busy.stderr).toContain('still manages 1 instance(s)');
    expect(await stateOf('staging')).toEqual({ serial: 1, names: ['test_thing.a'] });
    const forced = runCli(['workspace', 'delete', 'staging', '--force'], dir, env);
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
    expect(await stateOf('staging')).toBeUndefined();
    expect(runCli(['workspace', 'list'], dir, env).stdout).toBe('* default\n');
  };
}

const instanceNames = (text: string) =>
  (JSON.parse(text) as { resources: { type: string; name: string }[] }).resources.map((r) => `${r.type}.${r.name}`);

describe('workspaces with the local backend', () => {
  it('keeps default in runform.state.json and others under runform.state.d/<name>/', async () => {
    const dir = tempDir({ 'main.hcl': resources });
    const stateOf = async (ws: string) => {
      const path =
        ws === 'default' ? join(dir, 'runform.state.json') : join(dir, 'runform.state.d', ws, 'runform.state.json');
      if (!existsSync(path)) return undefined;
      const text = readFileSync(path, 'utf8');
      return { serial: (JSON.parse(text) as { serial: number }).serial, names: instanceNames(text) };
    };
    await lifecycle(dir, stateOf)();
    expect(existsSync(join(dir, 'runform.state.d', 'staging'))).toBe(false);
  }, 120_000);
});

const url = pgTestUrl();

describe.skipIf(!url)('workspaces with the pg backend', () => {
  beforeAll(() => waitForPostgres(String(url)));

  it('keeps one row per workspace in the states table', async () => {
    const schema = uniqueSchema('ws');
    const dir = tempDir({
      'main.hcl': `runform {\n  backend "pg" {\n    conn_str    = "${url}"\n    schema_name = "${schema}"\n  }\n}\n${resources}`,
    });
    const stateOf = async (ws: string) => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const r = await c.query<{ serial: string; text: string | null }>(
          `SELECT serial, state::text AS text FROM ${pg.escapeIdentifier(schema)}.states WHERE workspace = $1`,
          [ws],
        );
        const row = r.rows[0];
        return row?.text ? { serial: Number(row.serial), names: instanceNames(row.text) } : undefined;
      } finally {
        await c.end();
      }
    };
    await lifecycle(dir, stateOf)();
    // Nothing was written next to the configuration: the state lives in the database.
    expect(existsSync(join(dir, 'runform.state.json'))).toBe(false);
  }, 120_000);
});
