import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runApply, runPlan } from '../../engine/apply/index.js';
import { loadModule, resolveVariables } from '../../engine/config/index.js';
import { LocalBackend, readState } from '../../engine/state/index.js';
import { buildCliProvider, cliEnv, runCli, startCli } from '../support/cli.js';
import { tempDir, testProviders } from '../support/engine.js';
import { createTestProvider } from '../support/provider.js';

// The CLI is killed with SIGKILL at many different moments of an apply of a 20-resource stack;
// each time a fresh apply must converge: every desired resource live exactly once, and a state
// that names exactly those resources with nothing pending.

const stack = `
resource "test_thing" "root" {
  count = 4
  name  = "root-${'$'}{count.index}"
}
resource "test_thing" "mid" {
  count = 8
  name  = "mid-${'$'}{count.index}"
  note  = test_thing.root[count.index % 4].id
}
resource "test_thing" "leaf" {
  count = 8
  name  = "leaf-${'$'}{count.index}"
  note  = test_thing.mid[count.index].id
}
`;
const desired = [
  ...Array.from({ length: 4 }, (_, i) => `root-${i}`),
  ...Array.from({ length: 8 }, (_, i) => `mid-${i}`),
  ...Array.from({ length: 8 }, (_, i) => `leaf-${i}`),
].sort();

const KILLS = 30;
let providerModule: string;
beforeAll(() => {
  providerModule = buildCliProvider();
});

const cloudCount = (file: string): number => {
  try {
    return Object.keys(JSON.parse(readFileSync(file, 'utf8')).resources).length;
  } catch {
    return 0;
  }
};

/**
 * Starts an apply, kills it once it holds the state lock and `after` resources exist, plus
 * `extraMs`, and returns whether it was still running: a kill before the lock would land before
 * the apply began, which proves nothing.
 */
async function killDuringApply(dir: string, cloud: string, after: number, extraMs: number): Promise<boolean> {
  const child = startCli(
    ['apply', '--auto-approve'],
    dir,
    cliEnv(providerModule, cloud, { RUNFORM_TEST_DELAY_MS: '30' }),
  );
  const exited = new Promise<void>((res) => child.on('exit', () => res()));
  let running = true;
  child.on('exit', () => {
    running = false;
  });
  const lockFile = join(dir, 'runform.state.json.lock');
  while (running && !existsSync(lockFile)) await new Promise((r) => setTimeout(r, 2));
  while (running && cloudCount(cloud) < after) await new Promise((r) => setTimeout(r, 3));
  if (extraMs > 0) await new Promise((r) => setTimeout(r, extraMs));
  const wasRunning = running;
  child.kill('SIGKILL');
  await exited;
  return wasRunning;
}

async function recoverAndCheck(dir: string, cloud: string): Promise<void> {
  const backend = new LocalBackend({ dir });
  // A killed process leaves its lock behind; an operator removes it with force-unlock.
  const lockPath = join(dir, 'runform.state.json.lock');
  if (existsSync(lockPath)) await backend.forceUnlock(JSON.parse(readFileSync(lockPath, 'utf8')).id);
  const provider = createTestProvider({ file: cloud });
  const module = loadModule(dir).module;
  const variables = resolveVariables(module, {}).values;
  const providers = await testProviders(provider);
  const r = await runApply({ module, variables, backend, providers });
  expect(r.diagnostics).toEqual([]);
  const live = provider.cloud.all().map(([, x]) => String(x.attrs.name));
  expect(live.sort()).toEqual(desired);
  const state = await readState(backend);
  expect(state.instanceCount).toBe(20);
  expect(state.pending()).toEqual([]);
  const byId = new Map(provider.cloud.all());
  for (const [addr, obj] of state.instances()) {
    expect(obj.status, addr).toBeUndefined();
    expect(byId.get(String(obj.attributes.id))?.attrs.name, addr).toBe(obj.attributes.name);
  }
  const again = await runPlan({ module, variables, backend, providers });
  expect(again.plan?.changes.filter((c) => c.action !== 'no-op')).toEqual([]);
}

describe('SIGKILL during apply', () => {
  it(`converges after the CLI is killed at ${KILLS} different moments`, { timeout: 240_000 }, async () => {
    // Kills are counted only when they land while the apply is still running; a moment at which
    // the process had already finished proves nothing, so more moments are tried until 30 landed.
    let killedMidway = 0;
    let attempts = 0;
    const runOne = async (i: number) => {
      const dir = tempDir({ 'main.hcl': stack });
      const cloud = join(dir, 'cloud.json');
      // After 0–19 of the 20 resources exist, plus 0–12 ms: at least one create is still to come.
      if (await killDuringApply(dir, cloud, i % 20, (i * 7) % 13)) killedMidway++;
      await recoverAndCheck(dir, cloud);
    };
    while (killedMidway < KILLS && attempts < KILLS * 2) {
      await Promise.all([runOne(attempts), runOne(attempts + 1), runOne(attempts + 2)]);
      attempts += 3;
    }
    expect(killedMidway).toBeGreaterThanOrEqual(KILLS);
  });
});

const replaced = (name: string) => `
resource "test_revision" "r" {
  name    = "${name}"
  content = "v"
}
resource "test_thing" "t" {
  name = "t"
  note = test_revision.r.id
}
`;

const liveNames = (cloud: string): string[] =>
  Object.values(JSON.parse(readFileSync(cloud, 'utf8')).resources as Record<string, { attrs: { name: string } }>)
    .map((r) => r.attrs.name)
    .sort();

describe('SIGKILL between the create and the delete of a create_before_destroy replacement', () => {
  it('leaves the old object deposed in the state; the next apply deletes it, with no orphan', {
    timeout: 240_000,
  }, async () => {
    for (const extraMs of [0, 400, 1200]) {
      const dir = tempDir({ 'main.hcl': replaced('r1') });
      const cloud = join(dir, 'cloud.json');
      const env = cliEnv(providerModule, cloud);
      expect(runCli(['apply', '--auto-approve'], dir, env).status).toBe(0);
      writeFileSync(join(dir, 'main.hcl'), replaced('r2'));
      // Each call takes 2s: the dependent's update comes between the create and the delete, so the
      // kill lands after the new revision exists and before the old one is deleted.
      const child = startCli(['apply', '--auto-approve'], dir, { ...env, RUNFORM_TEST_DELAY_MS: '2000' });
      const exited = new Promise<void>((res) => child.on('exit', () => res()));
      while (!liveNames(cloud).includes('r2')) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, extraMs));
      child.kill('SIGKILL');
      await exited;
      expect(liveNames(cloud)).toEqual(['r1', 'r2', 't']);
      const backend = new LocalBackend({ dir });
      const crashed = await readState(backend);
      expect([...crashed.deposedObjects()].map(([a, , o]) => [a, o.attributes.name])).toEqual([
        ['test_revision.r', 'r1'],
      ]);
      const lockPath = join(dir, 'runform.state.json.lock');
      expect(runCli(['force-unlock', JSON.parse(readFileSync(lockPath, 'utf8')).id], dir, env).status).toBe(0);

      expect(runCli(['show'], dir, env).stdout).toMatch(/# test_revision\.r: \(deposed object [0-9a-f]{8}\)/);
      const planned = runCli(['plan', '--out', 'after-crash.plan'], dir, env);
      expect(planned.stderr).toBe('');
      expect(planned.stdout).toMatch(/# test_revision\.r \(deposed object [0-9a-f]{8}\) will be destroyed/);
      const applied = runCli(['apply', 'after-crash.plan'], dir, env);
      expect(applied.stderr).toBe('');
      expect(applied.status).toBe(0);
      expect(liveNames(cloud)).toEqual(['r2', 't']);
      const state = await readState(backend);
      expect([...state.deposedObjects()]).toEqual([]);
      expect(state.pending()).toEqual([]);
      const r = state.instance('test_revision.r' as never);
      expect(r?.attributes.name).toBe('r2');
      expect(state.instance('test_thing.t' as never)?.attributes.note).toBe(r?.attributes.id);
      expect(JSON.parse(readFileSync(join(dir, 'runform.state.json'), 'utf8')).version).toBe(1);
      expect(runCli(['plan', '--detailed-exitcode'], dir, env).status).toBe(0);
    }
  });
});
