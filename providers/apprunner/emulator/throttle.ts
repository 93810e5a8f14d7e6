// A token bucket: `rate` requests per second sustained, bursts up to one second's worth.

/** Admits or refuses requests at a configured rate; a rate of 0 or less means unlimited. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private rate: number,
    now: number,
  ) {
    this.tokens = Math.max(rate, 1);
    this.last = now;
  }

  /** Changes the rate at run time, refilling the bucket to the new burst size. */
  setRate(rate: number, now: number): void {
    this.rate = rate;
    this.tokens = Math.max(rate, 1);
    this.last = now;
  }

  /** The current rate, 0 when unlimited. */
  get limit(): number {
    return this.rate > 0 ? this.rate : 0;
  }

  /** Takes one token if there is one. */
  tryTake(now: number): boolean {
    if (this.rate <= 0) return true;
    const burst = Math.max(this.rate, 1);
    this.tokens = Math.min(burst, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
