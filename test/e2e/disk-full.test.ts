import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, buildCliProvider, cliEnv, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';

// The disk fills up in the middle of an apply. A real process may not grow a file past 4 KiB
// (ulimit -f 4), so the journal's second write, with the pending records of many creates, fails.

let providerModule: string;
beforeAll(() => {
  providerModule = buildCliProvider();
});

const THINGS = 30;
const hcl = Array.from(
  { length: THINGS },
  (_, i) => `resource "test_thing" "t${i + 1}" {\n  name = "thing-${i + 1}"\n}\n`,
).join('\n');

const cloudNames = (dir: string) =>
  Object.values(
    JSON.parse(readFileSync(join(dir, 'cloud.json'), 'utf8')).resources as Record<string, { attrs: { name: string } }>,
  ).map((r) => r.attrs.name);

describe.skipIf(process.platform !== 'linux')('a full disk during apply', () => {
  it('stops with exit 1 and a message naming the journal; the next apply adopts what was created and makes the rest once', () => {
    const dir = tempDir({ 'main.hcl': hcl });
    const env = cliEnv(providerModule, join(dir, 'cloud.json'));
    const full = spawnSync(
      'bash',
      ['-c', 'ulimit -f 4 && exec "$0" "$1" apply --auto-approve --no-color', process.execPath, BIN],
      { cwd: dir, env, encoding: 'utf8' },
    );
    expect(full.status).toBe(1);
    expect(full.stderr).toMatch(/cannot append to .*runform\.state\.json\.journal: EFBIG/);
    expect(full.stderr).toContain('the state journal failed; the state was not compacted');
    expect(`${full.stdout}${full.stderr}`).not.toMatch(/^\s+at /m);
    // Something was created before the disk filled up, and the journal still says so.
    const created = cloudNames(dir);
    expect(created.length).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'runform.state.json.journal'))).toBe(true);

    const next = runCli(['apply', '--auto-approve', '--no-color'], dir, env);
    expect([next.status, next.stderr]).toEqual([0, '']);
    expect(next.stdout).toContain(`Plan: ${THINGS - created.length} to add, 0 to change, 0 to replace, 0 to destroy.`);
    const names = cloudNames(dir).sort();
    expect(names).toEqual(Array.from({ length: THINGS }, (_, i) => `thing-${i + 1}`).sort());
    expect(runCli(['plan', '--no-color', '--detailed-exitcode'], dir, env).status).toBe(0);
  });
});
