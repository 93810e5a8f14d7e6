import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliProvider, cliEnv, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';

// Progress of apply and destroy off a terminal (a CI log): the CLI as a child process with its
// output piped, against the test provider made slow, with a short "still" interval.

const hcl = `
resource "test_thing" "a" {
  name = "a"
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

/** True when the text holds a control character other than a newline (colour codes included). */
const hasControl = (s: string) => [...s].some((c) => c !== '\n' && (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127));

function setup() {
  const dir = tempDir({ 'main.hcl': hcl });
  // NO_COLOR is left unset: off a terminal there is no colour anyway.
  const env = cliEnv(providerModule, join(dir, 'cloud.json'), {
    RUNFORM_TEST_DELAY_MS: '1500',
    RUNFORM_PROGRESS_INTERVAL_MS: '200',
  });
  delete env.NO_COLOR;
  return { dir, env };
}

describe('apply and destroy progress in a CI log', () => {
  it('a line when each change starts and ends, "Still ..." lines while it runs, no control characters', () => {
    const { dir, env } = setup();
    const r = runCli(['apply', '--auto-approve'], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(hasControl(r.stdout)).toBe(false);
    const lines = r.stdout.split('\n');
    const at = (re: RegExp) => lines.findIndex((l) => re.test(l));
    const start = at(/^test_thing\.a: Creating\.\.\.$/);
    const still = at(/^test_thing\.a: Still creating\.\.\. \[\d+s elapsed\] \(IN_PROGRESS\)$/);
    const done = at(/^test_thing\.a: Creation complete after \d+s \[arn=arn:test:[^\]]+\]$/);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(still).toBeGreaterThan(start);
    expect(done).toBeGreaterThan(still);
    expect(at(/^test_thing\.b: Creating\.\.\.$/)).toBeGreaterThan(done);
    expect(at(/^test_thing\.b: Creation complete after/)).toBeGreaterThan(done);

    const d = runCli(['destroy', '--auto-approve'], dir, env);
    expect(d.status).toBe(0);
    expect(hasControl(d.stdout)).toBe(false);
    expect(d.stdout).toMatch(/^test_thing\.b: Destroying\.\.\. \[arn=arn:test:[^\]]+\]$/m);
    expect(d.stdout).toMatch(/^test_thing\.b: Still destroying\.\.\. \[\d+s elapsed\]/m);
    expect(d.stdout).toMatch(/^test_thing\.a: Destruction complete after \d+s \[arn=arn:test:[^\]]+\]$/m);
  });

  it('a refused command line runs nothing', () => {
    const { dir, env } = setup();
    const r = runCli(['apply', '--auto-approve', '--bogus-flag'], dir, env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('bogus-flag');
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'cloud.json'))).toBe(false);
  });
});
