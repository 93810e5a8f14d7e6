import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliFolders, runCli } from '../support/cli.js';

// Plan files that cannot be written or that hold a body of the wrong shape, run as the built CLI
// against the test provider: a message naming the file and what is wrong, exit 1, no stack trace,
// and nothing applied.

const one = 'resource "test_thing" "a" {\n  name = "a"\n}\n';
const two = `${one}resource "test_thing" "b" {\n  name = "b"\n}\n`;
const STACK = /^\s+at /m;

const inFolder = cliFolders();

/** A folder where `a` is applied and a saved plan p.plan creates `b`; returns its parsed JSON too. */
function applied() {
  const { dir, env } = inFolder(one);
  expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
  writeFileSync(join(dir, 'main.hcl'), two);
  expect(runCli(['plan', '--out', 'p.plan'], dir, env).status).toBe(0);
  const doc = JSON.parse(readFileSync(join(dir, 'p.plan'), 'utf8'));
  return { dir, env, doc };
}

/** Every file of the folder but plan files, with its contents: the cloud, the state and its companions. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) if (!f.endsWith('.plan')) out[f] = readFileSync(join(dir, f), 'utf8');
  return out;
}

/** Writes a copy of the plan document with `edit` made to it, as bad.plan. */
function corrupt(dir: string, doc: unknown, edit: (d: { plan: Record<string, unknown> }) => void): string {
  const copy = structuredClone(doc) as { plan: Record<string, unknown> };
  edit(copy);
  writeFileSync(join(dir, 'bad.plan'), JSON.stringify(copy, null, 1));
  return join(dir, 'bad.plan');
}

const cases: [string, (d: { plan: Record<string, unknown> }) => void, string][] = [
  ['plan is a string', (d) => Object.assign(d, { plan: 'a plan' }), 'plan must be an object'],
  ['changes is null', (d) => Object.assign(d.plan, { changes: null }), 'plan.changes must be a list'],
  ['drift is null', (d) => Object.assign(d.plan, { drift: null }), 'plan.drift must be a list'],
  ['moved is null', (d) => Object.assign(d.plan, { moved: null }), 'plan.moved must be a list'],
  ['imports is null', (d) => Object.assign(d.plan, { imports: null }), 'plan.imports must be a list'],
  ['outputs is null', (d) => Object.assign(d.plan, { outputs: null }), 'plan.outputs must be an object'],
  ['prior is null', (d) => Object.assign(d.plan, { prior: null }), 'plan.prior must be an object'],
  ['a change is {}', (d) => Object.assign(d.plan, { changes: [{}] }), 'plan.changes[0].action must be one of'],
  [
    'an action is "explode"',
    (d) => Object.assign((d.plan.changes as object[])[0], { action: 'explode' }),
    'plan.changes[0].action must be one of',
  ],
];

describe('runform plan --out to a place that cannot hold a file', () => {
  it('names the path and the reason, exits 1 and saves nothing', () => {
    const { dir, env } = inFolder(one);
    const path = join(dir, 'missing', 'p.plan');
    for (const args of [
      ['plan', `--out=${path}`],
      ['plan', '--json', `--out=${path}`],
    ]) {
      const r = runCli(args, dir, env);
      expect(r.status).toBe(1);
      // Under --json the message may come as a diagnostic on stdout.
      expect(r.stdout + r.stderr).toContain(
        `Cannot write the plan file ${path}: the folder ${join(dir, 'missing')} does not exist.`,
      );
      expect(r.stdout).not.toContain('Saved the plan');
    }
    const folder = runCli(['plan', '--out=.'], dir, env);
    expect(folder.status).toBe(1);
    expect(folder.stderr).toContain(`Cannot write the plan file ${dir}: it is a folder`);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.plan') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('prints no stack trace', () => {
    const { dir, env } = inFolder(one);
    for (const args of [
      ['plan', '--out=missing/p.plan'],
      ['plan', '--json', '--out=missing/p.plan'],
      ['plan', '--out=.'],
    ]) {
      const r = runCli(args, dir, env);
      expect(r.status).toBe(1);
      expect(r.stderr).not.toMatch(STACK);
    }
  });
});

describe('runform show and apply of a corrupt plan file', () => {
  // One folder for every case: a refused apply changes nothing, which each case checks.
  let at: ReturnType<typeof applied>;
  beforeAll(() => {
    at = applied();
  });

  it.each(cases)('show refuses a plan file where %s, naming the file and the field', (_, edit, field) => {
    const { dir, env, doc } = at;
    const bad = corrupt(dir, doc, edit);
    for (const args of [
      ['show', 'bad.plan'],
      ['show', '--json', 'bad.plan'],
    ]) {
      const r = runCli(args, dir, env);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('Corrupt plan file');
      expect(r.stderr).toContain(`${bad}: ${field}`);
      expect(r.stderr).not.toMatch(STACK);
    }
  });

  it.each(cases)('apply refuses a plan file where %s and changes nothing', (_, edit, field) => {
    const { dir, env, doc } = at;
    const bad = corrupt(dir, doc, edit);
    const before = snapshot(dir);
    const r = runCli(['apply', 'bad.plan'], dir, env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Corrupt plan file');
    expect(r.stderr).toContain(`${bad}: ${field}`);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).not.toContain('Apply complete');
    expect(snapshot(dir)).toEqual(before);
  });

  it('still applies the plan file it was corrupted from', () => {
    const { dir, env } = applied();
    const r = runCli(['apply', 'p.plan'], dir, env);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Apply complete: 1 change(s) made.');
    expect(readFileSync(join(dir, 'cloud.json'), 'utf8')).toContain('"b"');
  });
});
