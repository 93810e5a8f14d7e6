import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliProvider, cliEnv, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';

// What a person at a terminal sees: the create-before-destroy marker, repeated --target and
// --exclude, the "yes" prompt of apply, and colour, which appears only on a terminal. A terminal is
// a real pseudo-terminal, made by util-linux's `script`.

const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

let providerModule: string;
beforeAll(() => {
  providerModule = buildCliProvider();
});

const setup = (hcl: string) => {
  const dir = tempDir({ 'main.hcl': hcl });
  const env = cliEnv(providerModule, join(dir, 'cloud.json'));
  delete env.NO_COLOR;
  return { dir, env };
};

/**
 * The arguments of `script` that run the CLI on a pseudo-terminal. The shell that `script` starts
 * execs runform, so runform alone is in the terminal's foreground process group: a Ctrl-C reaches it
 * and no shell (dash, where SHELL is unset, would stay as a parent and die of the SIGINT).
 */
const scriptArgs = (args: string[]) => [
  '-qec',
  `exec ${[process.execPath, bin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ')}`,
  '/dev/null',
];

/** Runs the CLI on a pseudo-terminal with `input` typed at it; returns what the terminal showed. */
function onTerminal(args: string[], dir: string, env: NodeJS.ProcessEnv, input = '') {
  const r = spawnSync('script', scriptArgs(args), { cwd: dir, env, input, encoding: 'utf8' });
  return { status: r.status, out: r.stdout.replaceAll('\r\n', '\n') };
}

/** A colour (select graphic rendition) escape sequence. */
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`);

const three = `
resource "test_thing" "base" {
  name = "base"
}
resource "test_thing" "app" {
  name = "app"
  note = test_thing.base.id
}
resource "test_thing" "other" {
  name = "other"
}
`;

const names = (dir: string) =>
  Object.values(
    JSON.parse(readFileSync(join(dir, 'cloud.json'), 'utf8')).resources as Record<string, { attrs: { name: string } }>,
  )
    .map((r) => r.attrs.name)
    .sort();

describe('the plan as a person reads it', () => {
  it('marks a create_before_destroy replacement +/-, and a plain one -/+', () => {
    const cbd = (name: string) =>
      `resource "test_thing" "a" {\n  name = "${name}"\n  lifecycle {\n    create_before_destroy = true\n  }\n}\nresource "test_thing" "b" {\n  name = "${name}-b"\n}\n`;
    const { dir, env } = setup(cbd('one'));
    expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
    writeFileSync(join(dir, 'main.hcl'), cbd('two'));
    const r = runCli(['plan', '--no-color'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('+/- resource "test_thing" "a" {');
    expect(r.stdout).toContain('-/+ resource "test_thing" "b" {');
    expect(r.stdout).toMatch(/# test_thing\.a must be replaced/);
    expect(r.stdout).toContain('Plan: 0 to add, 0 to change, 2 to replace, 0 to destroy.');
  });

  it('takes --target and --exclude more than once', () => {
    const { dir, env } = setup(three);
    const targeted = runCli(
      ['plan', '--no-color', '--target', 'test_thing.app', '--target', 'test_thing.other'],
      dir,
      env,
    );
    expect(targeted.stderr).toBe('');
    expect(targeted.stdout).toContain('Plan: 3 to add, 0 to change, 0 to replace, 0 to destroy.');
    const excluded = runCli(
      ['plan', '--no-color', '--exclude', 'test_thing.base', '--exclude', 'test_thing.other'],
      dir,
      env,
    );
    expect(excluded.stderr).toBe('');
    // Excluding base excludes app, which depends on it: nothing is left.
    expect(excluded.stdout).not.toContain('will be created');
    const applied = runCli(
      ['apply', '--auto-approve', '--no-color', '--exclude', 'test_thing.app', '--exclude', 'test_thing.other'],
      dir,
      env,
    );
    expect([applied.status, applied.stderr]).toEqual([0, '']);
    expect(names(dir)).toEqual(['base']);
    const rest = runCli(
      ['apply', '--auto-approve', '--target', 'test_thing.other', '--target', 'test_thing.app'],
      dir,
      env,
    );
    expect([rest.status, rest.stderr]).toEqual([0, '']);
    expect(names(dir)).toEqual(['app', 'base', 'other']);
  });
});

describe('apply at a terminal', () => {
  it('shows the plan, asks, and applies only after "yes"', () => {
    const { dir, env } = setup(three);
    const no = onTerminal(['apply', '--no-color'], dir, env, 'no\n');
    expect(no.out).toContain('Plan: 3 to add');
    expect(no.out).toContain('Do you want to perform these actions? Only "yes" will be accepted.');
    expect(no.out).toContain('Apply cancelled.');
    expect(no.status).toBe(1);
    expect(existsSync(join(dir, 'cloud.json'))).toBe(false);
    const yes = onTerminal(['apply', '--no-color'], dir, env, 'yes\n');
    expect(yes.out).toContain('Apply complete: 3 change(s) made.');
    expect(yes.status).toBe(0);
    expect(names(dir)).toEqual(['app', 'base', 'other']);
  });

  it('an interrupt (Ctrl-C) at the prompt cancels: exit 1, nothing applied, the lock released', async () => {
    const { dir, env } = setup(three);
    const child = spawn('script', scriptArgs(['apply', '--no-color']), { cwd: dir, env });
    let out = '';
    let sent = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      // Typed at the terminal: the line discipline turns it into SIGINT for runform.
      if (!sent && out.includes('Enter a value')) {
        sent = true;
        child.stdin.write('\x03');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    expect(sent).toBe(true);
    expect(out).toContain('Apply cancelled.');
    expect(status).toBe(1);
    expect(existsSync(join(dir, 'runform.state.json.lock'))).toBe(false);
    expect(existsSync(join(dir, 'cloud.json'))).toBe(false);
  });

  it('draws the live block of changes in flight on a terminal, prints each finished change above it, and colours only without --no-color or NO_COLOR', () => {
    const { dir, env } = setup(three);
    const r = onTerminal(['apply', '--auto-approve', '--no-color'], dir, {
      ...env,
      RUNFORM_TEST_DELAY_MS: '1200',
      RUNFORM_PROGRESS_INTERVAL_MS: '200',
    });
    expect(r.status).toBe(0);
    // The block is redrawn in place (cursor movement and erase sequences), which a log never gets.
    expect(r.out).toContain('\x1b[');
    const seen = r.out.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;?]*[A-Za-z]`, 'g'), '');
    expect(seen).toMatch(/test_thing\.base\s+creating\s+\d+s/);
    expect(seen).toMatch(/test_thing\.app: Creation complete after \ds \[arn=/);
    expect(seen).toContain('Apply complete: 3 change(s) made.');
    // --no-color: cursor movement, but no colour (SGR) sequence anywhere.
    expect(r.out).not.toMatch(SGR);
    // Without it, and without NO_COLOR, the same run on a terminal is coloured; NO_COLOR turns it off.
    const again = setup(three);
    const fast = { RUNFORM_TEST_DELAY_MS: '300', RUNFORM_PROGRESS_INTERVAL_MS: '100' };
    const coloured = onTerminal(['apply', '--auto-approve'], again.dir, { ...again.env, ...fast });
    expect(coloured.status).toBe(0);
    expect(coloured.out).toMatch(SGR);
    const plain = setup(three);
    const noColor = onTerminal(['apply', '--auto-approve'], plain.dir, { ...plain.env, ...fast, NO_COLOR: '1' });
    expect(noColor.status).toBe(0);
    expect(noColor.out).not.toMatch(SGR);
  });

  it('colours the plan on a terminal only, and never when NO_COLOR is set or --no-color is given', () => {
    const { dir, env } = setup(three);
    const esc = '\x1b[';
    expect(onTerminal(['plan'], dir, env).out).toContain(esc);
    expect(onTerminal(['plan'], dir, { ...env, NO_COLOR: '1' }).out).not.toContain(esc);
    expect(onTerminal(['plan', '--no-color'], dir, env).out).not.toContain(esc);
    // Off a terminal (a pipe), no colour.
    const piped = runCli(['plan'], dir, env);
    expect(piped.stdout).toContain('Plan: 3 to add');
    expect(piped.stdout).not.toContain(esc);
  });
});
