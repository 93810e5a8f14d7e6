// Injected server faults: with probability `rate`, a request fails with a 500 before it touches any state.
import type { Rng } from './rng.js';

/** Decides, from the seeded fault stream, whether this request fails. */
export function shouldFault(rate: number, rng: Rng): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  return rng.next() < rate;
}
