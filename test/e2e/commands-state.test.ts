import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliFolders, runCli } from '../support/cli.js';

// runform state list/show/rm/mv/pull/push, run as the built CLI against the test provider.

const hcl = `
resource "test_thing" "a" {
  name   = "a"
  secret = "sup3r-s3cret"
}
resource "test_thing" "b" {
  name = "b"
}
`;

const inFolder = cliFolders();

function applied() {
  const { dir, env } = inFolder(hcl);
  expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
  return { dir, env };
}

describe('runform state', () => {
  it('list names every instance; show prints attributes with sensitive values redacted', () => {
    const { dir, env } = applied();
    expect(runCli(['state', 'list'], dir, env).stdout).toBe('test_thing.a\ntest_thing.b\n');
    const shown = runCli(['state', 'show', 'test_thing.a'], dir, env);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain('resource "test_thing" "a" {');
    expect(shown.stdout).toMatch(/name\s+= "a"/);
    expect(shown.stdout).toMatch(/secret\s+= \(sensitive value\)/);
    expect(shown.stdout).not.toContain('sup3r-s3cret');
    const missing = runCli(['state', 'show', 'test_thing.zz'], dir, env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('test_thing.zz is not in the state');
  });

  it('a missing argument or folder is an error that runs nothing: exit 1, one message, no stack trace', () => {
    const { dir, env } = applied();
    const before = readFileSync(join(dir, 'runform.state.json'), 'utf8');
    const cases: [string[], string][] = [
      [['state', 'show'], 'got 0, need at least 1'],
      [['state', 'rm'], 'got 0, need at least 1'],
      [['state', 'mv', 'test_thing.a'], 'got 1, need at least 2'],
      [['state', 'push'], 'got 0, need at least 1'],
    ];
    for (const [args, count] of cases) {
      const r = runCli(args, dir, env);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe(`Error: Not enough non-option arguments: ${count}\n`);
    }
    expect(readFileSync(join(dir, 'runform.state.json'), 'utf8')).toBe(before);
    const missing = runCli(['state', 'list', join(dir, 'no-such-folder')], dir, env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Cannot read the configuration folder');
    expect(missing.stderr).not.toMatch(/^\s+at /m);
  });

  it('mv renames an instance and rm forgets one, leaving the real resource', () => {
    const { dir, env } = applied();
    const moved = runCli(['state', 'mv', 'test_thing.b', 'test_thing.c'], dir, env);
    expect(moved.stderr).toBe('');
    expect(moved.status).toBe(0);
    expect(runCli(['state', 'list'], dir, env).stdout).toBe('test_thing.a\ntest_thing.c\n');
    expect(runCli(['state', 'mv', 'test_thing.a', 'test_thing.c'], dir, env).stderr).toContain('already in the state');
    const removed = runCli(['state', 'rm', 'test_thing.c'], dir, env);
    expect(removed.status).toBe(0);
    expect(runCli(['state', 'list'], dir, env).stdout).toBe('test_thing.a\n');
    expect(readFileSync(join(dir, 'cloud.json'), 'utf8')).toContain('"b"');
    expect(runCli(['state', 'rm', 'test_thing.c'], dir, env).status).toBe(1);
  });

  it('pull prints the state; push refuses a foreign lineage or older serial unless --force, leaving the file unchanged', () => {
    const { dir, env } = applied();
    const statePath = join(dir, 'runform.state.json');
    const pulled = runCli(['state', 'pull'], dir, env).stdout;
    const doc = JSON.parse(pulled) as { lineage: string; serial: number };
    writeFileSync(join(dir, 'old.json'), pulled);
    expect(runCli(['state', 'rm', 'test_thing.b'], dir, env).status).toBe(0);
    const before = readFileSync(statePath, 'utf8');
    const older = runCli(['state', 'push', 'old.json'], dir, env);
    expect(older.status).toBe(1);
    expect(older.stderr).toContain('older than the state');
    expect(older.stderr).toContain('--force overrides');
    expect(readFileSync(statePath, 'utf8')).toBe(before);
    writeFileSync(join(dir, 'foreign.json'), JSON.stringify({ ...doc, lineage: 'someone-else', serial: 99 }));
    const foreign = runCli(['state', 'push', 'foreign.json'], dir, env);
    expect(foreign.status).toBe(1);
    expect(foreign.stderr).toContain('belongs to another state (lineage someone-else');
    expect(readFileSync(statePath, 'utf8')).toBe(before);
    const forced = runCli(['state', 'push', 'old.json', '--force'], dir, env);
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
    expect(runCli(['state', 'list'], dir, env).stdout).toBe('test_thing.a\ntest_thing.b\n');
    const restored = JSON.parse(readFileSync(statePath, 'utf8')) as { lineage: string; serial: number };
    expect(restored).toMatchObject({ lineage: doc.lineage, serial: doc.serial });
    expect(runCli(['plan'], dir, env).stdout).toContain('No changes.');
  });

  it('push --force of a foreign state stores it as it is: its lineage and its serial', () => {
    const { dir, env } = applied();
    const statePath = join(dir, 'runform.state.json');
    const doc = JSON.parse(runCli(['state', 'pull'], dir, env).stdout) as Record<string, unknown>;
    const foreignLineage = '0b5c2d1e-9f8a-4c3b-a2d1-e0f9a8b7c6d5';
    writeFileSync(join(dir, 'foreign.json'), JSON.stringify({ ...doc, lineage: foreignLineage, serial: 42 }));
    const forced = runCli(['state', 'push', 'foreign.json', '--force'], dir, env);
    expect(forced.stderr).toBe('');
    expect(forced.status).toBe(0);
    expect(forced.stdout).toContain(`lineage ${foreignLineage}, serial 42`);
    const stored = JSON.parse(readFileSync(statePath, 'utf8')) as { lineage: string; serial: number };
    expect(stored).toMatchObject({ lineage: foreignLineage, serial: 42 });
    // The replaced state is the backup, and later runs carry on from the pushed lineage and serial.
    expect(JSON.parse(readFileSync(`${statePath}.backup`, 'utf8')).lineage).toBe(doc.lineage);
    expect(runCli(['state', 'rm', 'test_thing.b'], dir, env).status).toBe(0);
    const after = JSON.parse(readFileSync(statePath, 'utf8')) as { lineage: string; serial: number };
    expect(after).toMatchObject({ lineage: foreignLineage, serial: 43 });
  });
});
