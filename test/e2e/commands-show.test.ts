import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliProvider, cliEnv, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';

// runform show, run as the built CLI against the test provider.

const hcl = `
resource "test_thing" "a" {
  name   = "a"
  secret = "sup3r-s3cret"
}
output "pw" {
  value     = "hunter2"
  sensitive = true
}
`;

let providerModule: string;
beforeAll(() => {
  providerModule = buildCliProvider();
});

describe('runform show', () => {
  it('prints a saved plan like plan does, then the applied state with secrets hidden', () => {
    const dir = tempDir({ 'main.hcl': hcl });
    const env = cliEnv(providerModule, join(dir, 'cloud.json'));
    expect(runCli(['show'], dir, env).stdout).toBe('The state is empty.\n');
    expect(runCli(['plan', '--out', 'p.plan'], dir, env).status).toBe(0);
    const plan = runCli(['show', 'p.plan'], dir, env);
    expect(plan.status).toBe(0);
    expect(plan.stdout).toContain('# test_thing.a will be created');
    expect(plan.stdout).toContain('Plan: 1 to add');
    expect(plan.stdout).not.toContain('sup3r-s3cret');
    expect(runCli(['apply', 'p.plan'], dir, env).status).toBe(0);
    const state = runCli(['show'], dir, env);
    expect(state.status).toBe(0);
    expect(state.stdout).toContain('resource "test_thing" "a" {');
    expect(state.stdout).toMatch(/secret\s+= \(sensitive value\)/);
    expect(state.stdout).toContain('pw = (sensitive value)');
    expect(state.stdout).not.toMatch(/sup3r-s3cret|hunter2/);
    const bad = runCli(['show', 'main.hcl'], dir, env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
