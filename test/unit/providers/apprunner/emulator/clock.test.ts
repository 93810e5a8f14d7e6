import { describe, expect, it } from 'vitest';
import {
  drawDurationMs,
  nominalDurationMs,
  REALISTIC_DURATIONS_SECONDS,
  type TimedAction,
} from '../../../../../providers/apprunner/emulator/clock.js';
import { Rng } from '../../../../../providers/apprunner/emulator/rng.js';

const actions = Object.keys(REALISTIC_DURATIONS_SECONDS) as TimedAction[];

describe('duration table', () => {
  it('holds the documented realistic durations', () => {
    expect(REALISTIC_DURATIONS_SECONDS).toEqual({
      CreateService: 240,
      UpdateService: 300,
      StartDeployment: 300,
      PauseService: 180,
      ResumeService: 180,
      DeleteService: 120,
      AssociateCustomDomain: 60,
      DisassociateCustomDomain: 30,
      CreateVpcIngressConnection: 60,
      UpdateVpcIngressConnection: 60,
      DeleteVpcIngressConnection: 60,
    });
  });

  it('divides realistic durations exactly by the time scale when jitter is 0', () => {
    const rng = new Rng(1);
    expect(drawDurationMs('CreateService', { latency: 'realistic', timeScale: 600, jitter: 0 }, rng)).toBe(400);
    for (const a of actions) {
      const ms = drawDurationMs(a, { latency: 'realistic', timeScale: 1, jitter: 0 }, rng);
      expect(ms).toBe(REALISTIC_DURATIONS_SECONDS[a] * 1000);
    }
  });

  it('keeps fast durations between 20 and 200 ms and instant ones at 0', () => {
    for (const a of actions) {
      const fast = nominalDurationMs(a, { latency: 'fast', timeScale: 1 });
      expect(fast).toBeGreaterThanOrEqual(20);
      expect(fast).toBeLessThanOrEqual(200);
      expect(nominalDurationMs(a, { latency: 'instant', timeScale: 1 })).toBe(0);
    }
  });

  it('spreads durations within ±jitter, reproducibly for a seed', () => {
    const s = { latency: 'realistic' as const, timeScale: 1, jitter: 0.25 };
    const draw = (seed: number) => {
      const rng = new Rng(seed);
      return Array.from({ length: 200 }, () => drawDurationMs('UpdateService', s, rng));
    };
    const a = draw(9);
    expect(draw(9)).toEqual(a);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(300_000 * 0.75);
    expect(Math.max(...a)).toBeLessThanOrEqual(300_000 * 1.25);
    expect(new Set(a).size).toBeGreaterThan(100);
  });
});
