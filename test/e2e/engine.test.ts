import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliProvider, cliEnv, runCli, startCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';

const hcl = `
variable "token" {
  type      = string
  sensitive = true
  default   = "sup3r-s3cret"
}
resource "test_thing" "a" {
  name   = "a"
  secret = var.token
  note   = "line one\\nline two\\n"
}
resource "test_thing" "b" {
  name = "b"
  note = test_thing.a.id
}
`;

let providerModule: string;
beforeAll(() => {
  providerModule = buildCliProvider();
});

function setup(text = hcl) {
  const dir = tempDir({ 'main.hcl': text });
  return { dir, env: cliEnv(providerModule, join(dir, 'cloud.json')) };
}

describe('runform plan and apply', () => {
  it('plan prints markers, unknowns and the summary, never the sensitive value', () => {
    const { dir, env } = setup();
    const r = runCli(['plan', '--detailed-exitcode'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('# test_thing.a will be created');
    expect(r.stdout).toContain('+ resource "test_thing" "a" {');
    expect(r.stdout).toMatch(/\+ note\s+= \(known after apply\)/);
    expect(r.stdout).toMatch(/\+ secret\s+= \(sensitive value\)/);
    expect(r.stdout).not.toContain('sup3r-s3cret');
    expect(r.stdout).toContain('Plan: 2 to add, 0 to change, 0 to replace, 0 to destroy.');
    expect(r.stdout).not.toContain('\x1b[');
  });

  it('--var and --var-file apply in command-line order, over variable files in the folder', () => {
    const { dir, env } = setup('variable "n" {\n  type = string\n}\nresource "test_thing" "a" {\n  name = var.n\n}\n');
    writeFileSync(join(dir, 'runform.vars.hcl'), 'n = "from-folder"\n');
    writeFileSync(join(dir, 'x.vars'), 'n = "from-file"\n');
    const last = (args: string[]) => /\+ name\s+= "([^"]+)"/.exec(runCli(['plan', ...args], dir, env).stdout)?.[1];
    expect(last([])).toBe('from-folder');
    expect(last(['--var', 'n=cli', '--var-file', 'x.vars'])).toBe('from-file');
    expect(last(['--var-file=x.vars', '--var=n=cli'])).toBe('cli');
  });

  it('apply refuses to run unconfirmed when the input is not a terminal', () => {
    const { dir, env } = setup();
    const r = runCli(['apply'], dir, env, '');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--auto-approve');
    expect(existsSync(join(dir, 'cloud.json'))).toBe(false);
  });

  it('apply --auto-approve makes the changes; the next plan has none; a change shows before -> after and forces replacement', () => {
    const { dir, env } = setup();
    const r = runCli(['apply', '--auto-approve'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Apply complete: 2 change(s) made.');
    const again = runCli(['plan', '--detailed-exitcode'], dir, env);
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('No changes.');
    writeFileSync(join(dir, 'main.hcl'), hcl.replace('line two', 'line 2').replace('name   = "a"', 'name   = "a2"'));
    const changed = runCli(['plan'], dir, env);
    expect(changed.stdout).toContain('-/+ resource "test_thing" "a" {');
    expect(changed.stdout).toMatch(/~ name\s+= "a" -> "a2" # forces replacement/);
    expect(changed.stdout).toMatch(/- line two\n\s+\+ line 2/);
    expect(changed.stdout).toContain('Plan: 0 to add, 1 to change, 1 to replace, 0 to destroy.');
  });

  it('a saved plan applies once; applying it again is refused as stale', () => {
    const { dir, env } = setup();
    const p = runCli(['plan', '--out', 'tf.plan'], dir, env);
    expect(p.status).toBe(0);
    expect(readFileSync(join(dir, 'tf.plan'), 'utf8')).not.toContain('sup3r-s3cret');
    const a = runCli(['apply', 'tf.plan'], dir, env);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    const b = runCli(['apply', 'tf.plan'], dir, env);
    expect(b.status).toBe(1);
    expect(b.stderr).toContain('Saved plan is stale');
  });

  it('a saved plan carries the variables given when planning', () => {
    const { dir, env } = setup('variable "n" {\n  type = string\n}\nresource "test_thing" "a" {\n  name = var.n\n}\n');
    expect(runCli(['plan', '--var', 'n=planned', '--out', 'p.plan'], dir, env).status).toBe(0);
    const a = runCli(['apply', 'p.plan'], dir, env);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    expect(readFileSync(join(dir, 'cloud.json'), 'utf8')).toContain('"name":"planned"');
  });

  it('an option given more than once never takes the folder or plan file written after it', () => {
    const { dir, env } = setup(
      'variable "n" {\n  type = string\n}\nresource "test_thing" "a" {\n  name = var.n\n}\nresource "test_thing" "b" {\n  name = "b"\n}\n',
    );
    const parent = join(dir, '..');
    // Run from the parent folder, which holds no configuration: the folder argument must be used.
    const p = runCli(
      ['plan', '--var', 'n=given', dir, '--target', 'test_thing.a', '--out', join(dir, 'p.plan')],
      parent,
      env,
    );
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(p.stdout).toContain('+ name = "given"');
    expect(p.stdout).toContain('Plan: 1 to add');
    // Written after --var, the plan file (test_thing.a alone) is what is applied, not the folder.
    const a = runCli(['apply', '--var', 'n=given', 'p.plan', '--auto-approve'], dir, env);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    const cloud = readFileSync(join(dir, 'cloud.json'), 'utf8');
    expect(cloud).toContain('"name":"given"');
    expect(cloud).not.toContain('"name":"b"');
  });

  it('a saved plan made from another folder applies with the path.cwd it was planned with', () => {
    const { dir, env } = setup('resource "test_thing" "a" {\n  name = "a"\n  note = path.cwd\n}\n');
    const parent = join(dir, '..');
    const p = runCli(['plan', dir, '--out', join(dir, 'cwd.plan')], parent, env);
    expect(p.stderr).toBe('');
    expect(p.status).toBe(0);
    expect(p.stdout).toContain(`note = ${JSON.stringify(parent)}`);
    // The hint names the folder to apply it from: apply reads the configuration where it runs.
    expect(p.stdout).toContain(`Apply it with: cd ${basename(dir)} && runform apply cwd.plan`);
    const a = runCli(['apply', 'cwd.plan'], dir, env);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    expect(readFileSync(join(dir, 'cloud.json'), 'utf8')).toContain(`"note":${JSON.stringify(parent)}`);
  });

  it.each([
    'SIGINT',
    'SIGTERM',
  ] as const)('%s during apply stops gracefully: the change in flight finishes, later ones never start; state saved, lock released, exit 1', async (signal) => {
    // A chain a → b → c: the interrupt lands once a exists, while b is in flight, so c is always
    // left unstarted, however slow the machine.
    const chain = `${hcl}resource "test_thing" "c" {\n  name = "c"\n  note = test_thing.b.id\n}\n`;
    const { dir, env } = setup(chain);
    const child = startCli(['apply', '--auto-approve'], dir, { ...env, RUNFORM_TEST_DELAY_MS: '400' });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    // The test cloud writes its file when a create reaches it.
    await new Promise<void>((res) => {
      const t = setInterval(() => {
        if (existsSync(join(dir, 'cloud.json'))) {
          clearInterval(t);
          res();
        }
      }, 10);
    });
    child.kill(signal);
    const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    expect(code).toBe(1);
    expect(err).toContain('Stopping: no new changes will start');
    expect(err).toMatch(/Apply interrupted[\s\S]*planned change\(s\) were not made/);
    expect(existsSync(join(dir, 'runform.state.json.lock'))).toBe(false);
    const state = JSON.parse(readFileSync(join(dir, 'runform.state.json'), 'utf8'));
    const names = (state.resources as { name: string }[]).map((r) => r.name).sort();
    // What was created is recorded; what never started is neither in the cloud nor in the state.
    expect(names).toContain('a');
    expect(names).not.toContain('c');
    expect(out).toContain('test_thing.a: Creation complete');
    expect(out).not.toContain('test_thing.c: Creating...');
    const cloud = readFileSync(join(dir, 'cloud.json'), 'utf8');
    for (const n of names) expect(cloud).toContain(`"name":"${n}"`);
    expect(cloud).not.toContain('"name":"c"');
  });

  it('a second SIGINT aborts the change in flight at once; the state keeps it pending, the lock is released, and the next apply adopts it', async () => {
    const { dir, env } = setup();
    // A create that would take a minute: only the abort can end this run in time.
    const child = startCli(['apply', '--auto-approve'], dir, { ...env, RUNFORM_TEST_DELAY_MS: '60000' });
    let out = '';
    let err = '';
    const seen = (pred: () => boolean) =>
      new Promise<void>((res) => {
        const t = setInterval(() => {
          if (pred()) {
            clearInterval(t);
            res();
          }
        }, 10);
      });
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    const exited = new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
    await seen(() => out.includes('test_thing.a: Creating...'));
    child.kill('SIGINT');
    await seen(() => err.includes('Stopping: no new changes will start'));
    child.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(err).toContain('Aborting the changes in progress.');
    expect(existsSync(join(dir, 'runform.state.json.lock'))).toBe(false);
    const state = JSON.parse(readFileSync(join(dir, 'runform.state.json'), 'utf8'));
    const a = (state.resources as { name: string; instances: { status?: string }[] }[]).find((r) => r.name === 'a');
    // Whether the aborted create reached the cloud is unknown: the record stays pending, never lost.
    expect(a?.instances[0]?.status).toBe('pending');
    const again = runCli(['apply', '--auto-approve'], dir, env);
    expect([again.status, again.stderr]).toEqual([0, '']);
    const cloud = readFileSync(join(dir, 'cloud.json'), 'utf8');
    expect(cloud.match(/"name":"a"/g)?.length).toBe(1);
    expect(cloud.match(/"name":"b"/g)?.length).toBe(1);
  }, 45_000);
});
