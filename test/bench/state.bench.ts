import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, expect, it } from 'vitest';
import { LocalBackend, StateSession } from '../../engine/state/index.js';
import { createService } from '../integration/state/fixtures.js';
import { report } from './report.js';

const N = 10_000;
const WINDOW = 200;
let dir = '';

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

it('records 10,000 creates one at a time with a flat cost per record', async () => {
  dir = await mkdtemp(join(tmpdir(), 'runform-bench-state-'));
  const backend = new LocalBackend({ dir });
  const session = await StateSession.open(backend, { operation: 'apply' });
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const change = createService(i);
    const t0 = performance.now();
    await session.record(change);
    times.push(performance.now() - t0);
  }
  const at100 = median(times.slice(100, 100 + WINDOW));
  const at10k = median(times.slice(N - WINDOW));
  const ratio = at10k / at100;
  report({
    name: 'State journal: time per durable record at 10,000 existing instances (median of 200)',
    value: at10k,
    unit: 'ms',
    target: 'flat: ratio to the same at 100 existing ≤ 1.5',
    ratio: { value: ratio, against: `median at 100 existing (${at100.toFixed(3)} ms)` },
    met: ratio <= 1.5,
  });

  const t0 = performance.now();
  await session.close();
  const compact = performance.now() - t0;
  const size = (await stat(backend.path)).size;
  report({
    name: 'State compaction at close: one atomic write of 10,000 App Runner services',
    value: compact,
    unit: 'ms',
    target: 'once per operation, not once per change',
    ratio: {
      value: compact / at10k,
      against: 'one journal record at 10,000 (the cost a whole-file rewrite per change would multiply)',
    },
    met: true,
  });
  report({
    name: 'State file size, 10,000 App Runner services',
    value: size / 1e6,
    unit: 'MB',
    target: 'reported (no target)',
    ratio: { value: size / N, against: 'bytes per instance' },
    met: true,
  });

  // What `dependencies` cost: the bytes their lists take in the file (each instance lists its direct
  // dependencies as resource addresses, never a transitive closure per instance).
  const doc = JSON.parse(await readFile(backend.path, 'utf8')) as {
    resources: { instances: { dependencies?: string[] }[] }[];
  };
  // Compared as compact JSON, the way each instance's line of the file is written.
  const withDeps = Buffer.byteLength(JSON.stringify(doc));
  let listed = 0;
  for (const r of doc.resources) {
    for (const i of r.instances) {
      listed += i.dependencies?.length ?? 0;
      delete i.dependencies;
    }
  }
  const share = (withDeps - Buffer.byteLength(JSON.stringify(doc))) / size;
  report({
    name: 'State file, 10,000 App Runner services: share of the file taken by `dependencies`',
    value: 100 * share,
    unit: '%',
    target: 'compact: under 10% (Terraform reports files where they take over half)',
    ratio: { value: listed / N, against: 'dependencies listed per instance' },
    met: share < 0.1,
  });

  const t1 = performance.now();
  const reread = await new LocalBackend({ dir }).read();
  const readMs = performance.now() - t1;
  expect(reread.state.instanceCount).toBe(N);
  report({
    name: 'State read and validation, 10,000 App Runner services',
    value: readMs,
    unit: 'ms',
    target: 'reported (no target)',
    met: true,
  });
});
