import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { renderPlanText } from '../../cmd/views/plan-text.js';
import { runApply, runPlan } from '../../engine/apply/index.js';
import { hasChanges } from '../../engine/plan/index.js';
import { LocalBackend } from '../../engine/state/index.js';
import { BIN, buildCliProvider } from '../support/cli.js';
import { tempDir, testProviders } from '../support/engine.js';
import { createTestProvider, type TestProvider } from '../support/index.js';
import { report } from './report.js';
import { applied, chainsFolder, load } from './scale/fixture.js';
import { discardingBackend, timedBackend, WriteClock } from './scale/timed-backend.js';

// The engine at scale, with the in-memory test provider so that only the engine is measured:
// a no-op plan of 10,000 resources as a user runs it (the CLI as a child process), the share of an
// apply of 10,000 creates spent making state durable, and how plan time grows with the estate.

const CHAINS = 2_000; // of five: 10,000 resources
const dirs: string[] = [];
let providerModule = '';
let rssHook = '';
let big: { dir: string; provider: TestProvider; seed: string } | undefined;

beforeAll(() => {
  providerModule = buildCliProvider();
  // Loaded into the CLI child with --import: reports that process's own peak RSS (KiB) and CPU
  // time (µs) as it exits.
  const hookDir = tempDir({
    'rss.mjs':
      "import { writeFileSync } from 'node:fs';\n" +
      "process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(process.env.RUNFORM_BENCH_RSS, JSON.stringify([u.maxRSS, u.userCPUTime + u.systemCPUTime])); });\n",
  });
  dirs.push(hookDir);
  rssHook = join(hookDir, 'rss.mjs');
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Applies of each kind; the machines are noisy, so the median of five, not three. */
const APPLIES = 5;

it('applies 10,000 creates from an empty state, with the state-writing share of wall time under 10%', async () => {
  // Five applies that write state, alternated with five that discard every write, so that both
  // see the same machine. The figure is the median share clocked inside the state-writing calls;
  // the ratio of the two medians bounds the whole cost from above.
  const runs: { share: number; wall: number; clock: WriteClock }[] = [];
  const discardWalls: number[] = [];
  for (let i = 0; i < APPLIES; i++) {
    const dir = chainsFolder(CHAINS);
    dirs.push(dir);
    const { module, variables } = load(dir);
    const provider = createTestProvider();
    const clock = new WriteClock();
    const t0 = performance.now();
    const r = await runApply({
      module,
      variables,
      backend: timedBackend(new LocalBackend({ dir }), clock),
      providers: await testProviders(provider),
    });
    const wall = performance.now() - t0;
    expect(r.diagnostics).toEqual([]);
    expect(r.result?.applied).toBe(CHAINS * 5);
    runs.push({ share: clock.totalMs / wall, wall, clock });
    const seed = join(dir, 'cloud.json');
    writeFileSync(seed, provider.cloud.snapshot());
    big = { dir, provider, seed };

    const other = chainsFolder(CHAINS);
    dirs.push(other);
    const loaded = load(other);
    const t1 = performance.now();
    const d = await runApply({
      ...loaded,
      backend: discardingBackend(new LocalBackend({ dir: other })),
      providers: await testProviders(createTestProvider()),
    });
    discardWalls.push(performance.now() - t1);
    expect(d.result?.applied).toBe(CHAINS * 5);
    rmSync(other, { recursive: true, force: true });
  }
  const mid = [...runs].sort((a, b) => a.share - b.share)[Math.floor(APPLIES / 2)]!;
  const c = mid.clock;
  const ratio = median(runs.map((r) => r.wall)) / median(discardWalls);
  report({
    name: `Apply 10,000 creates from an empty state: share of wall time spent writing state (journal encoding, waiting on its fsyncs, compaction), median of ${APPLIES}`,
    value: 100 * mid.share,
    unit: '%',
    target: '< 10%',
    ratio: {
      value: ratio,
      against: `the same apply with every state write discarded, median walls of ${APPLIES} alternated runs (walls ${runs.map((r) => r.wall.toFixed(0)).join(', ')} ms against ${discardWalls.map((w) => w.toFixed(0)).join(', ')} ms; shares ${runs.map((r) => (100 * r.share).toFixed(1)).join(', ')} %; median run: wall ${mid.wall.toFixed(0)} ms, encode ${c.encodeMs.toFixed(0)}, idle waits ${c.waitMs.toFixed(0)}, compaction ${c.wholeMs.toFixed(0)} ms, ${c.appends} appends; fsync pending ${((100 * c.pendingMs) / mid.wall).toFixed(0)}% of wall)`,
    },
    met: mid.share < 0.1,
  });
});

it('plans 10,000 no-op resources as the CLI in at most 2 s and 300 MB peak RSS', () => {
  if (!big) throw new Error('the apply benchmark did not leave an estate');
  const rssFile = join(big.dir, 'rss.txt');
  const walls: number[] = [];
  const rss: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--import', rssHook, BIN, 'plan', '--detailed-exitcode'], {
      cwd: big.dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        NO_COLOR: '1',
        RUNFORM_PROVIDER_MODULE: providerModule,
        RUNFORM_TEST_CLOUD_SEED: big.seed,
        RUNFORM_BENCH_RSS: rssFile,
      },
    });
    walls.push(performance.now() - t0);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('No changes.');
    const [maxRSS, cpuMicros] = JSON.parse(readFileSync(rssFile, 'utf8')) as [number, number];
    rss.push(maxRSS / 1024);
    cpu.push(cpuMicros / 1e6);
  }
  const wall = median(walls);
  const peak = Math.max(...rss);
  report({
    name: 'Plan, 10,000 resources in 2,000 chains of 5, all no-op, full refresh: `runform plan` wall (median of 3)',
    value: wall / 1000,
    unit: 's',
    target: '≤ 2 s',
    ratio: {
      value: median(cpu),
      against:
        's of CPU time (user + system) of that process, median of 3: the figure load on the machine does not inflate',
    },
    met: wall <= 2000,
  });
  report({
    name: 'Plan, 10,000 resources in 2,000 chains of 5: peak RSS of the `runform plan` process (max of 3)',
    value: peak,
    unit: 'MB',
    target: '≤ 300 MB',
    met: peak <= 300,
  });
});

/** Load, evaluate, graph, refresh, plan and render, in this process; the best of three, in ms. */
async function planPath(dir: string, provider: TestProvider): Promise<number> {
  const providers = await testProviders(provider);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const { module, variables } = load(dir);
    const r = await runPlan({ module, variables, backend: new LocalBackend({ dir }), providers });
    const text = renderPlanText(r.plan!, false);
    times.push(performance.now() - t0);
    expect(r.diagnostics).toEqual([]);
    expect(hasChanges(r.plan!)).toBe(false);
    expect(text).toContain('No changes.');
  }
  return Math.min(...times);
}

it('plan time grows with the estate with a fitted exponent of at most 1.15', async () => {
  if (!big) throw new Error('the apply benchmark did not leave an estate');
  const points: [number, number][] = [];
  await planPath(big.dir, big.provider); // warm-up: compiled code and a settled heap for every size
  for (const chains of [200, 400, 1_000]) {
    const dir = chainsFolder(chains);
    dirs.push(dir);
    points.push([chains * 5, await planPath(dir, await applied(dir))]);
  }
  points.push([CHAINS * 5, await planPath(big.dir, big.provider)]);
  // Least squares on log t = k log n + c.
  const xs = points.map(([n]) => Math.log(n));
  const ys = points.map(([, t]) => Math.log(t));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  const k = num / den;
  for (const [n, t] of points) {
    report({
      name: `Plan path in process (load, evaluate, graph, refresh, plan, render), ${n.toLocaleString('en')} no-op resources (best of 3)`,
      value: t,
      unit: 'ms',
      target: 'reported (the curve below)',
      ratio: { value: (t / n) * 1000, against: 'µs per resource' },
      met: true,
    });
  }
  report({
    name: 'Plan scaling: fitted exponent of plan time over 1k, 2k, 5k and 10k resources',
    value: k,
    unit: '',
    target: '≤ 1.15',
    met: k <= 1.15,
  });
});
