import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = new URL('../../dist/cli/main.js', import.meta.url).pathname;

describe('runform binary', () => {
  it('prints help and exits 0', () => {
    const r = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('runform <command>');
  });

  it('is reachable as `npx runform` from the project folder', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const r = spawnSync('npx', ['--no-install', 'runform', '--help'], { encoding: 'utf8', cwd: root });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('runform <command>');
    for (const c of ['plan', 'apply', 'validate', 'fmt', 'local']) expect(r.stdout).toContain(`runform ${c}`);
  });

  it('rejects an unknown option with exit 1 and no stack trace', () => {
    const r = spawnSync(process.execPath, [bin, '--no-such-option'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    // The option is named as typed, not hidden behind "name a command".
    expect(r.stderr).toBe('Error: Unknown argument: --no-such-option\n');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
