// A small seeded pseudo-random generator (mulberry32), so that ids, jitter and faults replay with a seed.

/** A seeded random stream whose state can be saved and restored. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** `n` lowercase hex digits. */
  hex(n: number): string {
    let out = '';
    while (out.length < n)
      out += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return out.slice(0, n);
  }

  /** A version-4 UUID built from this stream. */
  uuid(): string {
    const h = this.hex(32);
    const variant = '89ab'[Math.floor(this.next() * 4)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** The current state, for persistence. */
  save(): number {
    return this.state;
  }

  /** Restores a saved state. */
  restore(state: number): void {
    this.state = state >>> 0;
  }
}

/** Independent streams, so that e.g. enabling faults never changes the ids a run produces. */
export interface RngStreams {
  readonly ids: Rng;
  readonly jitter: Rng;
  readonly faults: Rng;
}

/** Derives the three streams from one seed. */
export function rngStreams(seed: number): RngStreams {
  return { ids: new Rng(seed), jitter: new Rng(seed ^ 0x5bd1e995), faults: new Rng(seed ^ 0x27d4eb2f) };
}
