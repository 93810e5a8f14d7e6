// The sending rate of one client, learned from throttling: unlimited until the service first throttles,
// then cut multiplicatively on each throttle and raised linearly, over real time, while requests queue.
// Pure arithmetic on explicit timestamps (milliseconds), so it can be checked without waiting.

/** Tuning of a RateController; the defaults suit App Runner's per-account request quotas. */
export interface RateOptions {
  /** The rate is multiplied by this on a throttle. */
  readonly decrease?: number;
  /** Seconds to climb back from a cut to the rate that was cut, while requests are waiting. */
  readonly recoverS?: number;
  /** The rate never falls below this many requests per second. */
  readonly minRate?: number;
  /** Successes counted over this many milliseconds give the rate actually achieved. */
  readonly windowMs?: number;
  /** Requests that may go at once, in seconds of the current rate (at least one request). */
  readonly burstS?: number;
}

/** A token bucket whose refill rate follows the service's throttling. */
export class RateController {
  private rate = Number.POSITIVE_INFINITY;
  private tokens = 0;
  private last = 0;
  /** Growth of the rate, in requests per second gained per second of queueing. */
  private step = 0;
  private cutAt = Number.NEGATIVE_INFINITY;
  /** The last take came up short: a request has been waiting since. */
  private waiting = false;
  /** Times of recent successes; those before `head` have left the window. */
  private successes: number[] = [];
  private head = 0;
  private readonly decrease: number;
  private readonly recoverS: number;
  private readonly minRate: number;
  private readonly windowMs: number;
  private readonly burstS: number;

  constructor(options: RateOptions = {}) {
    this.decrease = options.decrease ?? 0.85;
    this.recoverS = options.recoverS ?? 2;
    this.minRate = options.minRate ?? 0.5;
    this.windowMs = options.windowMs ?? 1000;
    this.burstS = options.burstS ?? 0.1;
  }

  /** The current rate in requests per second; Infinity until the first throttle. */
  get limit(): number {
    return this.rate;
  }

  /** Takes a token and returns 0, or takes nothing and returns the milliseconds until one is due. */
  take(now: number): number {
    if (this.rate === Number.POSITIVE_INFINITY) return 0;
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.waiting = false;
      return 0;
    }
    this.waiting = true;
    return Math.max(1, Math.ceil(((1 - this.tokens) / this.rate) * 1000));
  }

  /** Counts a request that the service answered. */
  succeeded(now: number): void {
    this.successes.push(now);
    this.forget(now);
  }

  /**
   * Cuts the rate after a throttled request sent at `sentAt`. A request sent before the previous cut
   * reflects the rate before it, so the throttles of one burst cost a single cut.
   */
  throttled(sentAt: number, now: number): void {
    if (sentAt < this.cutAt) return;
    this.forget(now);
    const achieved = (this.successes.length - this.head) / (this.windowMs / 1000);
    const base = Math.max(this.minRate, Math.min(this.rate, achieved));
    this.rate = Math.max(this.minRate, base * this.decrease);
    this.step = (base - this.rate) / this.recoverS;
    // The service's own bucket is empty now: start from nothing rather than with a burst.
    this.tokens = 0;
    this.last = now;
    this.cutAt = now;
  }

  private refill(now: number): void {
    const burst = Math.max(1, this.rate * this.burstS);
    const dt = Math.max(0, now - this.last) / 1000;
    this.last = now;
    // Only time a request spent waiting raises the rate: below it, the rate is not what holds us back.
    if (this.waiting) this.rate += this.step * dt;
    this.tokens = Math.min(burst, this.tokens + dt * this.rate);
  }

  private forget(now: number): void {
    const from = now - this.windowMs;
    while (this.head < this.successes.length && this.successes[this.head] < from) this.head++;
    if (this.head > 1024) {
      this.successes = this.successes.slice(this.head);
      this.head = 0;
    }
  }
}
