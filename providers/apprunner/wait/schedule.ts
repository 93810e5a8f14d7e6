// When to poll next. Instead of fixed doubling, each operation type has an expected duration
// (a prior, then what this process has seen) and polling is sparse before it and dense around it.

/** Closed set of App Runner operation types (OperationSummary.Type), plus our own non-operation waits. */
export type WaitKind =
  | 'CREATE_SERVICE'
  | 'UPDATE_SERVICE'
  | 'DELETE_SERVICE'
  | 'PAUSE_SERVICE'
  | 'RESUME_SERVICE'
  | 'START_DEPLOYMENT'
  | 'ASSOCIATE_CUSTOM_DOMAIN'
  | 'DISASSOCIATE_CUSTOM_DOMAIN'
  | 'VPC_INGRESS_CONNECTION';

/** Typical real durations in milliseconds: the prior before anything was observed. */
export const PRIOR_DURATION_MS: Readonly<Record<WaitKind, number>> = {
  CREATE_SERVICE: 240_000,
  UPDATE_SERVICE: 300_000,
  DELETE_SERVICE: 120_000,
  PAUSE_SERVICE: 180_000,
  RESUME_SERVICE: 180_000,
  START_DEPLOYMENT: 300_000,
  ASSOCIATE_CUSTOM_DOMAIN: 60_000,
  DISASSOCIATE_CUSTOM_DOMAIN: 30_000,
  VPC_INGRESS_CONNECTION: 60_000,
};

/** Narrows an API operation type to a WaitKind, defaulting to an update-like duration. */
export function waitKindOf(type: string | undefined): WaitKind {
  const kinds = Object.keys(PRIOR_DURATION_MS) as WaitKind[];
  return kinds.find((k) => k === type) ?? 'UPDATE_SERVICE';
}

/** Bounds of the poll interval before scaling. */
export const BASE_MIN_INTERVAL_MS = 2_000;
/** Longest pause between two polls before scaling. */
export const BASE_MAX_INTERVAL_MS = 30_000;
/** No poll interval is shorter than this, whatever the scale. */
export const ABSOLUTE_FLOOR_MS = 20;

/**
 * RUNFORM_WAIT_SCALE=N divides every poll interval and default timeout by N, to match an emulator
 * started with `--time-scale N`. Anything that is not a positive number means 1.
 */
export function waitScale(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.RUNFORM_WAIT_SCALE);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

/** Learned durations per wait kind: an exponential moving average seeded by the prior. */
export class DurationModel {
  private readonly seen = new Map<WaitKind, number>();
  constructor(private readonly scale = 1) {}

  /** The duration to expect for the next wait of this kind. */
  expected(kind: WaitKind): number {
    return this.seen.get(kind) ?? PRIOR_DURATION_MS[kind] / this.scale;
  }

  /** Records how long one wait of this kind took; recent waits weigh more. */
  observe(kind: WaitKind, ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) return;
    const prev = this.seen.get(kind);
    this.seen.set(kind, prev === undefined ? ms : prev * 0.6 + ms * 0.4);
  }
}

/** Poll step around the expected end, as a fraction of the expected duration. */
export const WINDOW_STEP = 0.08;

/** The finest poll step before the window, as a fraction of the expected duration. */
export const EARLY_STEP = 0.2;

/** The finest poll step just after the expected end, as a fraction of the expected duration. */
export const FINE_STEP = 0.02;

/** Where a wait stands relative to its expected end. */
export type Phase = 'early' | 'window' | 'overdue';

/** The phase of a wait `elapsed` ms in, for a wait expected to last `expected` ms. */
export function phaseOf(elapsed: number, expected: number): Phase {
  if (elapsed < expected * 0.8) return 'early';
  if (elapsed <= expected * 1.5) return 'window';
  return 'overdue';
}

/**
 * The pause before the next poll of a wait `elapsed` ms in, expected to last `expected` ms.
 * `shared` says whether a poll shares its call with other waits (a ListServices page): a wait whose
 * every poll is a call of its own halves its distance to the expected end and goes straight to it
 * rather than into the window before it, where its end is less likely than at the expected end.
 * The window after the expected end is the same for both.
 */
export function nextDelay(elapsed: number, expected: number, scale = 1, shared = true): number {
  const floor = Math.max(ABSOLUTE_FLOOR_MS, Math.min(BASE_MIN_INTERVAL_MS / scale, expected / 8));
  const ceiling = Math.max(floor, BASE_MAX_INTERVAL_MS / scale);
  const clamp = (ms: number) => Math.round(Math.min(ceiling, Math.max(floor, ms)));
  const phase = phaseOf(elapsed, expected);
  switch (phase) {
    case 'early': {
      if (!shared) {
        // Halve the distance to the expected end itself; a pause that would end inside the window
        // goes all the way to the end instead.
        const d = Math.max((expected - elapsed) / 2, expected * EARLY_STEP);
        if (elapsed + Math.min(d, ceiling) < expected * 0.8) return clamp(d);
        return Math.max(1, Math.round(Math.min(expected - elapsed, ceiling)));
      }
      // Halve the distance to the window each time (few polls, none far past its start), but never
      // in steps finer than a fifth of the expected duration: an end this early is rare.
      return clamp(Math.max((expected * 0.8 - elapsed) / 2, expected * EARLY_STEP));
    }
    case 'window': {
      const step = expected * WINDOW_STEP;
      const left = expected - elapsed;
      // Land on the expected end exactly rather than step over it or short of it: what is left is
      // split into two even pauses when it is under two steps, and the landing pause is not
      // stretched to the floor (it comes once per wait). Then poll finely just after it, where a
      // wait whose duration is known or learned most likely ends.
      if (left > 0) {
        if (!shared) return Math.max(1, Math.round(Math.min(left, ceiling)));
        if (left <= step || left / 2 < floor) return Math.max(1, Math.round(left));
        if (left <= 2 * step) return Math.floor(left / 2);
        return clamp(step);
      }
      return clamp(Math.min(step, Math.max(expected * FINE_STEP, (elapsed - expected) / 2)));
    }
    case 'overdue':
      // Back off gently in proportion to how late it is.
      return clamp((elapsed - expected) * 0.25);
  }
}
