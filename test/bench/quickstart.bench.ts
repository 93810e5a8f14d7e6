import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { report } from './report.js';

// `npm run quickstart` must finish in under a minute. Its wall time is paired with a lower bound
// measured in the same run: starting the built CLI as many times as the quickstart runs a command
// (each step is a fresh `runform` process, as a newcomer would type it).

const script = fileURLToPath(new URL('../../scripts/quickstart.mjs', import.meta.url));
const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

it('quickstart: the whole story against the embedded local App Runner, under 60 s', () => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const wall = (performance.now() - t0) / 1000;
  expect(r.status, r.stderr).toBe(0);
  const steps = [...r.stdout.matchAll(/^\$ runform /gm)].length;
  // validate, local, plan, apply, output, plan, drift, destroy.
  expect(steps).toBeGreaterThanOrEqual(8);
  const t1 = performance.now();
  for (let i = 0; i < steps; i++) expect(spawnSync(process.execPath, [bin, '--version']).status).toBe(0);
  const starts = (performance.now() - t1) / 1000;
  report({
    name: `Quickstart (npm run quickstart), ${steps} runform commands against the embedded local App Runner`,
    value: wall,
    unit: 's',
    target: '< 60 s',
    ratio: { value: wall / starts, against: `${steps} bare starts of the CLI (${starts.toFixed(2)} s)` },
    met: wall < 60,
  });
}, 180_000);
