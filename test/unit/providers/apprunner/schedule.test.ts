import { describe, expect, it } from 'vitest';
import {
  DurationModel,
  nextDelay,
  PRIOR_DURATION_MS,
  phaseOf,
  WINDOW_STEP,
  waitKindOf,
  waitScale,
} from '../../../../providers/apprunner/wait/index.js';
import { observedDuration } from '../../../../providers/apprunner/wait/operation.js';

/** The elapsed times at which a wait of `expected` ms polls, up to `until` ms. */
function pollTimes(expected: number, until: number, scale = 1, shared = true): number[] {
  const times: number[] = [];
  let t = 0;
  while (t < until) {
    t += nextDelay(t, expected, scale, shared);
    times.push(t);
  }
  return times;
}

describe('adaptive poll schedule', () => {
  it('polls sparsely before the expected end and densely around it', () => {
    const expected = 240_000;
    const times = pollTimes(expected, expected * 1.5);
    const before = times.filter((t) => t < expected * 0.8);
    const around = times.filter((t) => t >= expected * 0.8 && t <= expected * 1.5);
    expect(before.length).toBeLessThan(around.length);
    // No pause inside the window exceeds the window step.
    for (let i = 1; i < times.length; i++) {
      if (times[i - 1] >= expected * 0.8)
        expect(times[i] - times[i - 1]).toBeLessThanOrEqual(expected * WINDOW_STEP + 1);
    }
  });

  it('lands one poll on the expected end and polls finely just after it', () => {
    const expected = 240_000;
    const times = pollTimes(expected, expected * 1.1);
    expect(times).toContain(expected);
    const next = times[times.indexOf(expected) + 1];
    expect(next - expected).toBeLessThan(expected * WINDOW_STEP);
  });

  it('lands on the expected end exactly, whatever the scale, without a pause just short of it', () => {
    for (const [expected, scale] of [
      [4_000, 60],
      [1_000, 60],
      [300, 1000],
      [237_000, 1],
    ] as const) {
      const times = pollTimes(expected, expected * 1.05, scale);
      expect(times).toContain(expected);
      const before = times.filter((t) => t < expected).at(-1) ?? 0;
      expect(expected - before).toBeGreaterThanOrEqual(Math.min(expected * WINDOW_STEP, 20) / 2);
    }
  });

  it('goes straight to the expected end, not through the window before it, when polls are not shared', () => {
    for (const [expected, scale] of [
      [60_000, 1],
      [1_000, 60],
    ] as const) {
      const times = pollTimes(expected, expected, scale, false);
      expect(times.filter((t) => t >= expected * 0.8 && t < expected)).toHaveLength(0);
      expect(times.at(-1)).toBe(expected);
      expect(times.length).toBeLessThan(pollTimes(expected, expected, scale).length);
    }
    expect(pollTimes(60_000, 60_000, 1, false)).toEqual([30_000, 45_000, 60_000]);
  });

  it('learns from the due time of the poll that saw the end, kept within a second of the timestamps', () => {
    expect(observedDuration(undefined, 4_000)).toBe(4_000);
    expect(observedDuration(4_000, 4_000)).toBe(4_000);
    // Timestamps with whole-second precision: 3 s could be anything from 2 s to 4 s.
    expect(observedDuration(3_000, 3_600)).toBe(3_600);
    expect(observedDuration(3_000, 9_000)).toBe(4_000);
    expect(observedDuration(240_000, 250_000)).toBe(240_000);
  });

  it('never waits longer than the ceiling nor shorter than the floor', () => {
    for (const elapsed of [0, 1_000, 100_000, 500_000, 5_000_000]) {
      const d = nextDelay(elapsed, 300_000);
      expect(d).toBeGreaterThanOrEqual(2_000);
      expect(d).toBeLessThanOrEqual(30_000);
    }
  });

  it('backs off gradually once overdue instead of hammering the API', () => {
    const expected = 60_000;
    const late = nextDelay(expected * 1.6, expected);
    const later = nextDelay(expected * 2, expected);
    expect(phaseOf(expected * 1.6, expected)).toBe('overdue');
    expect(late).toBeGreaterThan(nextDelay(expected, expected));
    expect(later).toBeGreaterThan(late);
    expect(nextDelay(expected * 100, expected)).toBe(30_000);
  });

  it('is divided by RUNFORM_WAIT_SCALE', () => {
    expect(waitScale({ RUNFORM_WAIT_SCALE: '60' })).toBe(60);
    expect(waitScale({ RUNFORM_WAIT_SCALE: 'abc' })).toBe(1);
    expect(waitScale({})).toBe(1);
    const model = new DurationModel(60);
    expect(model.expected('CREATE_SERVICE')).toBe(PRIOR_DURATION_MS.CREATE_SERVICE / 60);
    expect(nextDelay(0, 240_000 / 60, 60)).toBeLessThan(nextDelay(0, 240_000, 1));
  });

  it('learns the durations it sees, weighting recent ones more', () => {
    const model = new DurationModel();
    model.observe('UPDATE_SERVICE', 10_000);
    expect(model.expected('UPDATE_SERVICE')).toBe(10_000);
    model.observe('UPDATE_SERVICE', 20_000);
    const e = model.expected('UPDATE_SERVICE');
    expect(e).toBeGreaterThan(10_000);
    expect(e).toBeLessThan(20_000);
    // Other kinds keep their prior.
    expect(model.expected('DELETE_SERVICE')).toBe(PRIOR_DURATION_MS.DELETE_SERVICE);
  });

  it('polls a short learned operation far more often than the prior would', () => {
    const learned = pollTimes(300, 450, 1000).length;
    expect(learned).toBeGreaterThan(3);
    expect(nextDelay(0, 300, 1000)).toBeLessThan(200);
  });

  it('maps unknown operation types to an update-like wait', () => {
    expect(waitKindOf('PAUSE_SERVICE')).toBe('PAUSE_SERVICE');
    expect(waitKindOf('SOMETHING_NEW')).toBe('UPDATE_SERVICE');
    expect(waitKindOf(undefined)).toBe('UPDATE_SERVICE');
  });
});
