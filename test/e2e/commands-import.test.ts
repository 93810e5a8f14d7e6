import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCliProvider, cliEnv, runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';

// runform import, run as the built CLI against the file-backed test provider.

let providerModule: string;
beforeAll(() => {
  providerModule = buildCliProvider();
});

describe('runform import', () => {
  it('adopts an existing resource so the next plan has no changes; refuses a second import and unknown IDs', () => {
    const dir = tempDir({ 'main.hcl': 'resource "test_thing" "a" {\n  name = "a"\n}\n' });
    const env = cliEnv(providerModule, join(dir, 'cloud.json'));
    expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
    const [id] = Object.keys(
      (JSON.parse(readFileSync(join(dir, 'cloud.json'), 'utf8')) as { resources: object }).resources,
    );
    // Forget the resource: the state is gone, the live resource stays.
    rmSync(join(dir, 'runform.state.json'));
    const r = runCli(['import', 'test_thing.a', id], dir, env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Imported ${id} as test_thing.a`);
    expect(runCli(['plan'], dir, env).stdout).toContain('No changes.');
    const twice = runCli(['import', 'test_thing.a', id, dir], dir, env);
    expect(twice.status).toBe(1);
    expect(twice.stderr).toContain('already in the state');
    const undeclared = runCli(['import', 'test_thing.b', id], dir, env);
    expect(undeclared.status).toBe(1);
    expect(undeclared.stderr).toContain('Declare resource test_thing.b');
    rmSync(join(dir, 'runform.state.json'));
    const unknown = runCli(['import', 'test_thing.a', 'no-such-id'], dir, env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('no test_thing with id no-such-id');
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
  });
});
