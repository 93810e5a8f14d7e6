import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { PgBackend, type PgSettings, StateSession } from '../../engine/state/index.js';
import { createService } from '../integration/state/fixtures.js';
import { pgTestUrl, uniqueSchema, waitForPostgres } from '../support/postgres.js';
import { report } from './report.js';

// The pg journal: one row per change, so the time to make a change durable must not grow with the
// number of instances already in the state. Measured against the throwaway test server (which runs
// with fsync off, so the figures are round trips, not disk flushes).

const N = 5_000;
const WINDOW = 200;
const url = pgTestUrl();
const settings: PgSettings = { connStr: url ?? '', schemaName: uniqueSchema('bench') };

afterAll(async () => {
  if (!url) return;
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(settings.schemaName)} CASCADE`);
  await c.end();
});

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

it.skipIf(!url)(`records ${N} creates one at a time into pg with a flat cost per record`, async () => {
  await waitForPostgres(String(url));
  const session = await StateSession.open(new PgBackend(settings, 'default'), { operation: 'apply' });
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const change = createService(i);
    const t0 = performance.now();
    await session.record(change);
    times.push(performance.now() - t0);
  }
  const at100 = median(times.slice(100, 100 + WINDOW));
  const atN = median(times.slice(N - WINDOW));
  report({
    name: `pg journal: time per durable record at ${N.toLocaleString('en')} existing instances (median of ${WINDOW})`,
    value: atN,
    unit: 'ms',
    target: 'flat: ratio to the same at 100 existing ≤ 1.5',
    ratio: { value: atN / at100, against: `median at 100 existing (${at100.toFixed(3)} ms)` },
    met: atN / at100 <= 1.5,
  });
  const t0 = performance.now();
  await session.close();
  const compact = performance.now() - t0;
  report({
    name: `pg compaction at close: one compare-and-set write of ${N.toLocaleString('en')} App Runner services`,
    value: compact,
    unit: 'ms',
    target: 'once per operation, not once per change',
    ratio: { value: compact / atN, against: 'one journal record (what a whole-state write per change would multiply)' },
    met: true,
  });
  const { state } = await new PgBackend(settings, 'default').read();
  expect(state.instanceCount).toBe(N);
});
