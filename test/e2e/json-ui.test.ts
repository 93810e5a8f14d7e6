import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliProvider, cliEnv, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';

// `--json` on plan, apply and destroy, run as a child process against the test provider: every
// byte on stdout is a JSON message, nothing goes to stderr, and the message sequence tells the run.

const SECRET = 'sup3r-s3cret-value';
const hcl = `
variable "token" {
  type      = string
  sensitive = true
  default   = "${SECRET}"
}
resource "test_thing" "a" {
  name   = "a"
  secret = var.token
}
resource "test_thing" "b" {
  name = "b"
  note = test_thing.a.id
}
output "a_id" { value = test_thing.a.id }
output "token" {
  value     = var.token
  sensitive = true
}
`;

let providerModule: string;
beforeAll(() => {
  providerModule = buildCliProvider();
});

function setup(text = hcl, extra: Record<string, string> = {}) {
  const dir = tempDir({ 'main.hcl': text });
  return { dir, env: cliEnv(providerModule, join(dir, 'cloud.json'), extra) };
}

type Message = Record<string, unknown> & { type: string; '@level': string; '@message': string };

/** Parses stdout as JSON lines, checking each is a whole message with the common fields. */
function messages(stdout: string): Message[] {
  expect(stdout.endsWith('\n')).toBe(true);
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => {
      const m = JSON.parse(line) as Message;
      expect(['info', 'warn', 'error']).toContain(m['@level']);
      expect(typeof m['@message']).toBe('string');
      expect(m['@module']).toBe('runform.ui');
      expect(Number.isNaN(Date.parse(String(m['@timestamp'])))).toBe(false);
      expect(typeof m.type).toBe('string');
      return m;
    });
}

const types = (ms: Message[]) => ms.map((m) => m.type);
const hookOf = (m: Message) => m.hook as { resource: { addr: string }; action: string; [k: string]: unknown };

describe('runform --json', () => {
  it('plan: version, planned changes, summary and outputs; the secret never appears', () => {
    const { dir, env } = setup();
    const r = runCli(['plan', '--json', '--detailed-exitcode'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(2);
    expect(r.stdout).not.toContain(SECRET);
    const ms = messages(r.stdout);
    expect(types(ms)).toEqual(['version', 'planned_change', 'planned_change', 'change_summary', 'outputs']);
    expect(ms[0]).toMatchObject({ runform: expect.any(String), ui: '1.0' });
    expect(ms[1]).toMatchObject({
      '@message': 'test_thing.a: Plan to create',
      change: {
        action: 'create',
        resource: {
          addr: 'test_thing.a',
          module: '',
          resource: 'test_thing.a',
          implied_provider: 'test',
          resource_type: 'test_thing',
          resource_name: 'a',
          resource_key: null,
        },
      },
    });
    expect(ms[3]).toMatchObject({ changes: { add: 2, change: 0, import: 0, remove: 0, operation: 'plan' } });
    expect(ms[4].outputs).toEqual({
      a_id: { sensitive: false, action: 'create' },
      token: { sensitive: true, action: 'create' },
    });
  });

  it('apply: plan messages, then start, progress every interval while slow, complete with the ARN, summary, outputs', () => {
    const { dir, env } = setup(hcl, { RUNFORM_TEST_DELAY_MS: '1500', RUNFORM_PROGRESS_INTERVAL_MS: '200' });
    const r = runCli(['apply', '--json', '--auto-approve'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain(SECRET);
    const ms = messages(r.stdout);
    const t = types(ms);
    expect(t.slice(0, 5)).toEqual(['version', 'planned_change', 'planned_change', 'change_summary', 'outputs']);
    const forA = ms.filter((m) => m.type.startsWith('apply_') && hookOf(m).resource.addr === 'test_thing.a');
    expect(forA[0].type).toBe('apply_start');
    expect(forA.at(-1)?.type).toBe('apply_complete');
    const progress = forA.filter((m) => m.type === 'apply_progress');
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress[0]['@message']).toMatch(/^test_thing\.a: Still creating\.\.\. \[\d+s elapsed\]$/);
    expect(hookOf(progress[0])).toMatchObject({ action: 'create', elapsed_seconds: expect.any(Number) });
    const done = hookOf(forA.at(-1)!);
    expect(done).toMatchObject({ action: 'create', id_key: 'arn' });
    expect(done.elapsed_seconds).toBeGreaterThanOrEqual(1);
    expect(String(done.id_value)).toMatch(/^arn:test:/);
    expect(forA.at(-1)!['@message']).toMatch(/^test_thing\.a: Creation complete after \d+s \[arn=arn:test:/);
    // b depends on a: it starts only after a completed.
    const bStart = ms.findIndex((m) => m.type === 'apply_start' && hookOf(m).resource.addr === 'test_thing.b');
    expect(bStart).toBeGreaterThan(ms.indexOf(forA.at(-1)!));
    expect(t.slice(-2)).toEqual(['change_summary', 'outputs']);
    expect(ms.at(-2)).toMatchObject({
      '@message': 'Apply complete! Resources: 2 added, 0 changed, 0 destroyed.',
      changes: { add: 2, change: 0, remove: 0, operation: 'apply' },
    });
    const outputs = ms.at(-1)!.outputs as Record<string, Record<string, unknown>>;
    expect(outputs.a_id).toMatchObject({
      sensitive: false,
      type: 'string',
      value: expect.stringMatching(/^test_thing-/),
    });
    expect(outputs.token).toEqual({ sensitive: true, type: 'string' });
  });

  it('destroy: delete hooks with the ARN and a destroy summary', () => {
    const { dir, env } = setup();
    expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
    const r = runCli(['destroy', '--json', '--auto-approve'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const ms = messages(r.stdout);
    const starts = ms.filter((m) => m.type === 'apply_start');
    expect(starts.map((m) => hookOf(m).action)).toEqual(['delete', 'delete']);
    expect(starts[0]['@message']).toMatch(/^test_thing\.b: Destroying\.\.\. \[arn=arn:test:/);
    expect(types(ms).filter((x) => x === 'apply_complete')).toHaveLength(2);
    expect(
      ms.find((m) => m.type === 'change_summary' && (m.changes as { operation: string }).operation === 'destroy'),
    ).toMatchObject({ '@message': 'Destroy complete! Resources: 2 destroyed.', changes: { remove: 2 } });
  });

  it('plan after changes outside and in the configuration: resource_drift, then replace and delete with their reasons', () => {
    const { dir, env } = setup();
    expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
    const cloudFile = join(dir, 'cloud.json');
    const cloud = JSON.parse(readFileSync(cloudFile, 'utf8')) as {
      resources: Record<string, { attrs: Record<string, unknown> }>;
    };
    const a = Object.values(cloud.resources).find((r) => r.attrs.name === 'a')!;
    a.attrs.tags = { changed: 'outside' };
    writeFileSync(cloudFile, JSON.stringify(cloud));
    writeFileSync(
      join(dir, 'main.hcl'),
      hcl.replace('name   = "a"', 'name   = "a2"').replace(/resource "test_thing" "b" \{[^}]*\}/, ''),
    );
    const r = runCli(['plan', '--json'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain(SECRET);
    const ms = messages(r.stdout);
    expect(types(ms)).toEqual([
      'version',
      'resource_drift',
      'planned_change',
      'planned_change',
      'change_summary',
      'outputs',
    ]);
    expect(ms[1]).toMatchObject({
      '@message': 'test_thing.a: Drift detected (update)',
      change: { resource: { addr: 'test_thing.a' }, action: 'update' },
    });
    const changes = Object.fromEntries(
      ms
        .filter((m) => m.type === 'planned_change')
        .map((m) => {
          const c = m.change as { resource: { addr: string }; action: string; reason?: string };
          return [c.resource.addr, [c.action, c.reason]];
        }),
    );
    expect(changes).toEqual({
      'test_thing.a': ['replace', 'cannot_update'],
      'test_thing.b': ['delete', 'delete_because_no_resource_config'],
    });
    expect(ms[4]).toMatchObject({
      '@message': 'Plan: 1 to add, 0 to change, 2 to destroy.',
      changes: { add: 1, change: 0, remove: 2, operation: 'plan' },
    });
  });

  it('a failed create: apply_errored, then the error as a diagnostic, exit 1', () => {
    const { dir, env } = setup(hcl, { RUNFORM_TEST_FAIL: 'test_thing.a' });
    const r = runCli(['apply', '--json', '--auto-approve'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const ms = messages(r.stdout);
    const errored = ms.find((m) => m.type === 'apply_errored')!;
    expect(errored['@level']).toBe('error');
    expect(errored['@message']).toMatch(/^test_thing\.a: Creation errored after \d+s$/);
    const diag = ms.find((m) => m.type === 'diagnostic')!;
    expect(diag).toMatchObject({
      '@level': 'error',
      diagnostic: { severity: 'error', summary: 'Failed to create test_thing.a', address: 'test_thing.a' },
    });
    const ops = ms
      .filter((m) => m.type === 'change_summary')
      .map((m) => (m.changes as { operation: string }).operation);
    expect(ops).toEqual(['plan']);
    expect(ms.indexOf(diag)).toBeGreaterThan(ms.indexOf(errored));
  });

  it('configuration errors are diagnostics with their range, not text', () => {
    const { dir, env } = setup('resource "test_thing" "a" {\n  name = var.missing\n}\n');
    const r = runCli(['plan', '--json'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const ms = messages(r.stdout);
    expect(types(ms)[0]).toBe('version');
    const d = ms.find((m) => m.type === 'diagnostic')!;
    expect(d['@level']).toBe('error');
    expect(d.diagnostic).toMatchObject({
      severity: 'error',
      range: { filename: expect.stringContaining('main.hcl'), start: { line: 2 } },
    });
  });

  it('an unknown option under --json is a diagnostic message too', () => {
    const { dir, env } = setup();
    const r = runCli(['plan', '--json', '--bogus-flag'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const ms = messages(r.stdout);
    expect(types(ms)).toEqual(['version', 'diagnostic']);
    expect(String((ms[1].diagnostic as { detail: string }).detail)).toContain('bogus-flag');
  });

  it('bad option values and a missing workspace under --json are diagnostic messages, with nothing on stderr', () => {
    const { dir, env } = setup();
    const cases: [string[], string][] = [
      [['plan', '--json', '--lock-timeout', 'soon'], '--lock-timeout must be a duration'],
      [['apply', '--json', '--auto-approve', '--lock-timeout', 'soon'], '--lock-timeout must be a duration'],
      [['plan', '--json', '--refresh=maybe'], '--refresh must be true, false or changed'],
      [['plan', '--json', '--parallelism=0'], '--parallelism must be a whole number of at least 1'],
      [['drift', '--json', '--parallelism=-2'], '--parallelism must be a whole number of at least 1'],
      [['plan', '--json', '--workspace', 'nowhere'], 'workspace "nowhere" (from --workspace) does not exist'],
      [['destroy', '--json', '--auto-approve', 'main.hcl'], 'is not a folder'],
    ];
    for (const [args, detail] of cases) {
      const r = runCli(args, dir, env);
      expect([args.join(' '), r.status, r.stderr]).toEqual([args.join(' '), 1, '']);
      const ms = messages(r.stdout);
      expect(types(ms)).toEqual(['version', 'diagnostic']);
      expect(ms[1]['@level']).toBe('error');
      expect(String((ms[1].diagnostic as { detail: string }).detail)).toContain(detail);
    }
    // Nothing was locked or written on the way.
    expect(existsSync(join(dir, 'runform.state.json'))).toBe(false);
    expect(existsSync(join(dir, 'runform.state.json.lock'))).toBe(false);
  });

  it('apply --json without a plan file needs --auto-approve', () => {
    const { dir, env } = setup();
    const r = runCli(['apply', '--json'], dir, env, '');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const ms = messages(r.stdout);
    expect(types(ms)).toEqual(['version', 'diagnostic']);
    expect(String((ms[1].diagnostic as { detail: string }).detail)).toContain('--auto-approve');
  });

  it('apply --json of a saved plan needs no --auto-approve and reports only the apply', () => {
    const { dir, env } = setup();
    expect(runCli(['plan', '--out', 'p.plan'], dir, env).status).toBe(0);
    const r = runCli(['apply', '--json', 'p.plan'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const t = types(messages(r.stdout));
    expect(t[0]).toBe('version');
    expect(t).not.toContain('planned_change');
    expect(t.filter((x) => x === 'apply_complete')).toHaveLength(2);
    expect(t.slice(-2)).toEqual(['change_summary', 'outputs']);
  });
});
