import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliFolders, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';

// Bad command-line options, and a few messages the CLI prints: every refusal is one clear
// message and exit 1, never a stack trace, and nothing is planned, saved or applied.

const hcl = 'resource "test_thing" "a" {\n  name = "a"\n}\n';
const STACK = /^\s+at /m;

const inFolder = cliFolders();

const setup = () => inFolder(hcl);

/** Runs the CLI and expects a refusal: exit 1, `message` on stderr, no stack trace, no plan. */
function refused(args: string[], message: string | RegExp) {
  const { dir, env } = setup();
  const r = runCli(args, dir, env, '');
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(1);
  if (typeof message === 'string') expect(r.stderr).toContain(message);
  else expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(STACK);
  expect(r.stdout).not.toContain('Plan:');
  expect(existsSync(join(dir, 'cloud.json'))).toBe(false);
  return { dir, r };
}

describe('an option that takes a value, given none', () => {
  it('plan --out refuses and saves nothing', () => {
    const { dir } = refused(['plan', '--out'], 'Error: Not enough arguments following: out');
    expect(readdirSync(dir).sort()).toEqual(['main.hcl']);
  });

  const cases: [string[], string][] = [
    [['plan', '--format'], 'format'],
    [['plan', '--workspace'], 'workspace'],
    [['plan', '--lock-timeout'], 'lock-timeout'],
    [['plan', '--var'], 'var'],
    [['plan', '--var-file'], 'var-file'],
    [['plan', '--target'], 'target'],
    [['plan', '--exclude'], 'exclude'],
    [['plan', '--replace'], 'replace'],
    [['plan', '--parallelism'], 'parallelism'],
    [['apply', '--auto-approve', '--lock-timeout'], 'lock-timeout'],
    [['apply', '--auto-approve', '--target'], 'target'],
    [['destroy', '--auto-approve', '--workspace'], 'workspace'],
    [['drift', '--format'], 'format'],
    [['drift', '--ignore'], 'ignore'],
    [['drift', '--parallelism'], 'parallelism'],
    [['graph', '--format'], 'format'],
    [['output', '--workspace'], 'workspace'],
    [['state', 'list', '--workspace'], 'workspace'],
    [['state', 'migrate', '--to-backend'], 'to-backend'],
  ];
  for (const [args, name] of cases) {
    it(`${args.join(' ')} refuses, naming --${name}`, () => {
      refused(args, `Error: Not enough arguments following: ${name}\n`);
    });
  }

  it('the same options still take their values', () => {
    const { dir, env } = setup();
    const r = runCli(
      ['plan', '--out', 'p.plan', '--format', 'markdown', '--parallelism', '3', '--lock-timeout', '1s'],
      dir,
      env,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('Saved the plan to p.plan. Apply it with: runform apply p.plan\n');
    expect(existsSync(join(dir, 'p.plan'))).toBe(true);
  });

  it('a value is one word: the folder after it stays the folder', () => {
    const { dir, env } = setup();
    const elsewhere = tempDir({ 'main.hcl': hcl.replaceAll('"a"', '"b"') });
    writeFileSync(join(dir, 'empty.vars'), '');
    for (const opt of [
      ['--target', 'test_thing.b'],
      ['--var-file', join(dir, 'empty.vars')],
      ['--out', 'b.plan'],
    ]) {
      const r = runCli(['plan', ...opt, elsewhere], dir, env);
      expect(r.status, `${opt.join(' ')}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain('test_thing.b will be created');
    }
  });
});

describe('--format outside its closed set', () => {
  it('plan names text and markdown', () => {
    refused(['plan', '--format=json'], /Given: "json", Choices: "text", "markdown"/);
  });

  it('drift names text, json and markdown', () => {
    refused(['drift', '--format', 'yaml'], /Given: "yaml", Choices: "text", "json", "markdown"/);
  });
});

describe('a boolean option given another value than true or false', () => {
  it('plan --lock=maybe refuses instead of planning without the lock', () => {
    refused(['plan', '--lock=maybe'], 'Error: --lock takes true or false, not "maybe".\n');
  });

  it('apply --auto-approve=no refuses instead of applying', () => {
    refused(['apply', '--auto-approve=no'], 'Error: --auto-approve takes true or false, not "no".\n');
  });

  it('under --json the refusal is a diagnostic message', () => {
    const { dir, env } = setup();
    const r = runCli(['plan', '--json', '--lock=TRUE'], dir, env);
    expect(r.status).toBe(1);
    const last = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(last.diagnostic.detail).toBe('--lock takes true or false, not "TRUE".');
  });

  it('--lock=false and --lock=true are still taken', () => {
    const { dir, env } = setup();
    for (const v of ['false', 'true']) {
      const r = runCli(['plan', `--lock=${v}`], dir, env);
      expect([r.status, r.stderr]).toEqual([0, '']);
    }
  });
});

describe('--parallelism', () => {
  for (const given of ['abc', '0', '2.5', '-1']) {
    it(`refuses "${given}", quoting it`, () => {
      refused(
        ['plan', `--parallelism=${given}`],
        `Error: --parallelism must be a whole number of at least 1, not "${given}".\n`,
      );
    });
  }

  it('drift quotes what was typed too', () => {
    refused(['drift', '--parallelism', 'x1'], 'not "x1".');
  });
});

describe('the destroy prompt', () => {
  it('says "Destroy cancelled." when declined, and destroys nothing', () => {
    const { dir, env } = setup();
    expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
    // The prompt needs a terminal: util-linux's `script` makes a pseudo-terminal.
    const cmd = `exec '${process.execPath}' '${BIN}' destroy --no-color`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, env, input: 'no\n', encoding: 'utf8' });
    const out = r.stdout.replaceAll('\r\n', '\n');
    expect(out).toContain('Do you want to perform these actions?');
    expect(out).toContain('Destroy cancelled.');
    expect(out).not.toContain('Apply cancelled.');
    expect(out).not.toMatch(STACK);
    expect(r.status).toBe(1);
    const listed = runCli(['state', 'list'], dir, env);
    expect(listed.stdout).toContain('test_thing.a');
  });
});

describe('a folder where the lock file goes', () => {
  for (const args of [['plan'], ['apply', '--auto-approve']]) {
    it(`${args[0]} names the path and says to remove the folder`, () => {
      const { dir, env } = setup();
      const lock = join(dir, 'runform.state.json.lock');
      mkdirSync(lock);
      const r = runCli(args, dir, env);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${lock} is a folder, not a file; remove that folder and run again.`);
      expect(r.stderr).not.toContain('EISDIR');
      expect(r.stderr).not.toContain('Unexpected failure');
      expect(r.stderr).not.toMatch(STACK);
      expect(existsSync(join(dir, 'cloud.json'))).toBe(false);
    });
  }
});
