import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliProvider, cliEnv, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';
import { hasStackTrace } from './cli.js';

// `runform plan|apply --refresh=changed` as a process: the provider reads it makes, counted by
// the test provider's call log, against `--refresh` (full), `--refresh=false` and `--no-refresh`.

const hcl = (size: number) => `
resource "test_thing" "a" {
  name = "a"
}
resource "test_thing" "b" {
  name = "b"
  size = ${size}
  note = test_thing.a.id
}
resource "test_thing" "c" {
  name = "c"
  note = test_thing.b.url
}
resource "test_thing" "d" {
  name = "d"
}
`;

let providerModule: string;
beforeAll(() => {
  providerModule = buildCliProvider();
});

function run(dir: string, args: string[]) {
  const log = join(dir, 'calls.json');
  const r = runCli(args, dir, cliEnv(providerModule, join(dir, 'cloud.json'), { RUNFORM_TEST_CALLS: log }));
  const calls = JSON.parse(readFileSync(log, 'utf8')) as [string, string][];
  const reads = calls.filter(([op]) => op === 'read').map(([, a]) => a);
  return { ...r, reads: reads.sort() };
}

describe('runform --refresh=changed', () => {
  it('plan reads only what the configuration changed and its dependents; the other modes read all or none', () => {
    const dir = tempDir({ 'main.hcl': hcl(1) });
    expect(run(dir, ['apply', '--auto-approve']).status).toBe(0);
    const same = run(dir, ['plan', '--refresh=changed', '--detailed-exitcode']);
    expect(same.status).toBe(0);
    expect(same.reads).toEqual([]);
    writeFileSync(join(dir, 'main.hcl'), hcl(2));
    const changed = run(dir, ['plan', '--refresh=changed', '--detailed-exitcode']);
    expect(changed.stderr).toBe('');
    expect(changed.status).toBe(2);
    expect(changed.reads).toEqual(['test_thing.b', 'test_thing.c']);
    expect(changed.stdout).toContain('# test_thing.b will be updated in-place');
    expect(changed.stdout).toContain('Plan: 0 to add, 1 to change, 0 to replace, 0 to destroy.');
    expect(run(dir, ['plan']).reads).toEqual(['test_thing.a', 'test_thing.b', 'test_thing.c', 'test_thing.d']);
    expect(run(dir, ['plan', '--refresh=true']).reads).toHaveLength(4);
    expect(run(dir, ['plan', '--refresh=false']).reads).toEqual([]);
    expect(run(dir, ['plan', '--no-refresh']).reads).toEqual([]);
  });

  it('apply --refresh=changed makes the change after reading only what it touches', () => {
    const dir = tempDir({ 'main.hcl': hcl(1) });
    expect(run(dir, ['apply', '--auto-approve']).status).toBe(0);
    writeFileSync(join(dir, 'main.hcl'), hcl(3));
    const r = run(dir, ['apply', '--auto-approve', '--refresh=changed']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.reads).toEqual(['test_thing.b', 'test_thing.c']);
    expect(r.stdout).toContain('Apply complete: 1 change(s) made.');
    expect(run(dir, ['plan', '--detailed-exitcode']).status).toBe(0);
  });

  it('refuses a --refresh value it does not know, with exit code 1 and no stack trace', () => {
    const dir = tempDir({ 'main.hcl': hcl(1) });
    const r = runCli(['plan', '--refresh=sometimes'], dir, cliEnv(providerModule, join(dir, 'cloud.json')));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--refresh must be true, false or changed, not "sometimes"');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
