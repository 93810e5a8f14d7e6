import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliFolders, runCli, startCli } from '../support/cli.js';

// destroy, --lock-timeout, force-unlock and output, each run as the built CLI against the test provider.

const hcl = `
resource "test_thing" "a" {
  name = "a"
}
output "id" {
  value = test_thing.a.id
}
output "pw" {
  value     = "hunter2"
  sensitive = true
}
output "list" {
  value = ["x", "y"]
}
`;

const inFolder = cliFolders();

const setup = () => inFolder(hcl);

const cloudNames = (dir: string): string => readFileSync(join(dir, 'cloud.json'), 'utf8');

describe('runform destroy', () => {
  it('refuses unconfirmed on a non-terminal, then destroys with --auto-approve and leaves nothing to destroy', () => {
    const { dir, env } = setup();
    expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
    const refused = runCli(['destroy'], dir, env, '');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('destroy needs confirmation');
    expect(refused.stderr).toContain('--auto-approve');
    expect(cloudNames(dir)).toContain('"a"');
    const r = runCli(['destroy', '--auto-approve'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# test_thing.a will be destroyed');
    expect(r.stdout).toContain('Destroy complete: 1 change(s) made.');
    expect(cloudNames(dir)).not.toContain('"a"');
    const again = runCli(['plan', '--destroy'], dir, env);
    expect(again.stdout).toContain('No changes.');
  });
});

/** Starts the CLI and waits until it holds the state lock; returns the process, its lock and its exit. */
async function holdingLock(args: string[], dir: string, env: NodeJS.ProcessEnv) {
  const child = startCli(args, dir, env);
  const done = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  const lockPath = join(dir, 'runform.state.json.lock');
  type Holder = { id: string; operation: string; pid: number };
  // The lock file is created first and filled just after: wait until it holds the whole record.
  const read = (): Holder | undefined => {
    try {
      return JSON.parse(readFileSync(lockPath, 'utf8')) as Holder;
    } catch {
      return undefined;
    }
  };
  let holder = read();
  for (let i = 0; i < 400 && !holder; i++) {
    await new Promise((r) => setTimeout(r, 25));
    holder = read();
  }
  if (!holder) throw new Error(`${args.join(' ')} never took the state lock`);
  return { child, done, holder, lockPath };
}

describe('state locking from the command line', () => {
  it('a second apply waits --lock-timeout, then fails naming the holder and the force-unlock command', async () => {
    const { dir, env } = setup();
    const slow = { ...env, RUNFORM_TEST_DELAY_MS: '4000' };
    const { done, holder } = await holdingLock(['apply', '--auto-approve'], dir, slow);
    const started = Date.now();
    const r = runCli(['apply', '--auto-approve', '--lock-timeout', '1s'], dir, env);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('after waiting 1s');
    expect(r.stderr).toContain(`pid ${holder.pid}`);
    expect(r.stderr).toContain(`runform force-unlock ${holder.id}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await done).toBe(0);
  }, 20_000);

  it('a plan waits --lock-timeout on an apply holding the lock, then fails naming the holder', async () => {
    const { dir, env } = setup();
    const slow = { ...env, RUNFORM_TEST_DELAY_MS: '10000' };
    const { done, holder, lockPath } = await holdingLock(['apply', '--auto-approve'], dir, slow);
    const started = Date.now();
    const r = runCli(['plan', '--lock-timeout', '1s'], dir, env);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('after waiting 1s');
    expect(r.stderr).toContain(`pid ${holder.pid}`);
    expect(r.stderr).toContain('"apply"');
    expect(r.stderr).toContain(`runform force-unlock ${holder.id}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    // --lock=false reads the state as it is and plans without waiting.
    const unlocked = runCli(['plan', '--lock=false'], dir, env);
    expect(unlocked.stderr).toBe('');
    expect(unlocked.status).toBe(0);
    expect(unlocked.stdout).toContain('Plan: 1 to add');
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).id).toBe(holder.id);
    expect(await done).toBe(0);
  }, 60_000);

  it('an apply finds the state locked by a plan that is refreshing; SIGINT ends the plan and frees the lock', async () => {
    const { dir, env } = setup();
    expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
    const slowReads = { ...env, RUNFORM_TEST_READ_DELAY_MS: '20000' };
    const { child: planning, done: exited, holder, lockPath } = await holdingLock(['plan'], dir, slowReads);
    let err = '';
    planning.stderr.on('data', (d) => {
      err += String(d);
    });
    expect(holder.operation).toBe('plan');
    expect(holder.pid).toBe(planning.pid);
    const blocked = runCli(['apply', '--auto-approve'], dir, env);
    expect(blocked.status).toBe(1);
    expect(blocked.stderr).toContain(`runform force-unlock ${holder.id}`);
    planning.kill('SIGINT');
    expect(await exited).toBe(1);
    expect(err).toContain('Plan interrupted');
    expect(existsSync(lockPath)).toBe(false);
  }, 30_000);

  it('plan rejects a malformed --lock-timeout', () => {
    const { dir, env } = setup();
    const r = runCli(['plan', '--lock-timeout', '2 minutes'], dir, env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--lock-timeout must be a duration');
  });

  it('rejects a malformed --lock-timeout', () => {
    const { dir, env } = setup();
    const r = runCli(['destroy', '--auto-approve', '--lock-timeout', 'soon'], dir, env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--lock-timeout must be a duration');
  });

  it('force-unlock removes a lock left behind only when the ID matches', () => {
    const { dir, env } = setup();
    const lockPath = join(dir, 'runform.state.json.lock');
    const info = {
      id: 'abc-123',
      operation: 'apply',
      who: 'someone',
      pid: 2 ** 22 + 7,
      host: 'elsewhere',
      created: new Date().toISOString(),
    };
    writeFileSync(lockPath, JSON.stringify(info));
    expect(runCli(['apply', '--auto-approve'], dir, env).stderr).toContain('runform force-unlock abc-123');
    const wrong = runCli(['force-unlock', 'nope', dir], dir, env);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('not lock nope. Nothing was removed.');
    expect(existsSync(lockPath)).toBe(true);
    const ok = runCli(['force-unlock', 'abc-123'], dir, env);
    expect(ok.status).toBe(0);
    expect(existsSync(lockPath)).toBe(false);
    expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
    const none = runCli(['force-unlock', 'abc-123'], dir, env);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('not locked');
  });
});

describe('runform output', () => {
  it('lists outputs with sensitive ones hidden, and shows a named one with --raw and --json', () => {
    const { dir, env } = setup();
    runCli(['apply', '--auto-approve'], dir, env);
    const all = runCli(['output'], dir, env);
    expect(all.status).toBe(0);
    expect(all.stdout).toMatch(/^id = "[^"]+"\n/);
    expect(all.stdout).toContain('pw = (sensitive value)');
    expect(all.stdout).not.toContain('hunter2');
    expect(all.stdout).toContain('list = [');
    const json = JSON.parse(runCli(['output', '--json'], dir, env).stdout) as Record<string, { value: unknown }>;
    expect(json.list.value).toEqual(['x', 'y']);
    expect(json.pw.value).toBeNull();
    expect(runCli(['output', 'pw'], dir, env).stdout).toBe('(sensitive value)\n');
    expect(runCli(['output', 'pw', '--raw'], dir, env).stdout).toBe('hunter2');
    expect(runCli(['output', 'pw', '--json'], dir, env).stdout).toBe('"hunter2"\n');
    const missing = runCli(['output', 'nope'], dir, env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('no output named "nope"');
  });
});
