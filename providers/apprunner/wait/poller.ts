// One poller per configured provider (one region) shared by every wait on a service. Polls that
// fall due together are answered by ListServices pages (20 summaries each) instead of one call
// per service; a wait fetches its operation only when its service's status moved.
import { type AppRunnerClient, ListServicesCommand } from '@aws-sdk/client-apprunner';
import { AbortError } from '../errors.js';

/** What a poll learned about one service. */
export type PollResult =
  /** The batch saw the service with this status. */
  | { readonly kind: 'status'; readonly status: string }
  /** The batch did not list the service: it is gone. */
  | { readonly kind: 'gone' }
  /** Not batched: the caller should look at its operation itself. */
  | { readonly kind: 'individual' };

interface Pending {
  readonly arn: string;
  readonly due: number;
  readonly window: number;
  readonly resolve: (r: PollResult) => void;
  readonly reject: (e: unknown) => void;
  readonly signal: AbortSignal;
  readonly onAbort: () => void;
}

/** Options of a ServicePoller. */
export interface PollerOptions {
  /** Fewest services falling due together that make a batch worth it. */
  readonly batchThreshold?: number;
}

/** Coalesces due polls of many services into ListServices pages. */
export class ServicePoller {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;
  /** Pages the last full listing needed: batching pays only when more services are due than this. */
  private pagesSeen = 1;
  private readonly threshold: number;

  constructor(
    private readonly client: AppRunnerClient,
    options: PollerOptions = {},
  ) {
    this.threshold = options.batchThreshold ?? 3;
  }

  /**
   * Waits `delayMs`, or up to `windowMs` longer to share a batch, then answers for `arn`:
   * its status from a batch, or `individual` when it was not worth batching.
   */
  check(arn: string, delayMs: number, windowMs: number, signal: AbortSignal): Promise<PollResult> {
    return new Promise<PollResult>((resolve, reject) => {
      if (signal.aborted) {
        reject(new AbortError('waiting for the service', { cause: signal.reason }));
        return;
      }
      const entry: Pending = {
        arn,
        due: Date.now() + delayMs,
        window: Math.max(0, windowMs),
        resolve,
        reject,
        signal,
        onAbort: () => {
          this.pending = this.pending.filter((p) => p !== entry);
          reject(new AbortError('waiting for the service', { cause: signal.reason }));
          this.arm();
        },
      };
      signal.addEventListener('abort', entry.onAbort, { once: true });
      this.pending.push(entry);
      this.arm();
    });
  }

  /** Stops the timer; waits still pending are rejected. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const p of this.take(this.pending)) p.reject(new AbortError('the provider was closed'));
  }

  /**
   * When to answer next: at the earliest due poll, or later when other polls fall due before the
   * earliest of them has waited out its window, so that one batch answers them all. A poll is
   * never answered before it is due, so a wait aimed at an expected end never sees it early.
   */
  private nextTick(): number {
    const first = Math.min(...this.pending.map((p) => p.due));
    const latest = Math.min(...this.pending.map((p) => p.due + p.window));
    let at = first;
    for (const p of this.pending) if (p.due > at && p.due <= latest) at = p.due;
    return at;
  }

  private arm(): void {
    const next = this.nextTick();
    if (next === this.timerAt && this.timer) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = next;
    if (!Number.isFinite(next)) return;
    this.timer = setTimeout(() => void this.tick(), Math.max(0, next - Date.now()));
  }

  private take(entries: readonly Pending[]): Pending[] {
    this.pending = this.pending.filter((p) => !entries.includes(p));
    for (const p of entries) p.signal.removeEventListener('abort', p.onAbort);
    return [...entries];
  }

  private async tick(): Promise<void> {
    // A timer may fire a millisecond before the wall clock reaches its time: what this tick was
    // scheduled for is due now.
    const now = Math.max(Date.now(), this.timerAt);
    this.timer = undefined;
    this.timerAt = Number.POSITIVE_INFINITY;
    const due = this.take(this.pending.filter((p) => p.due <= now));
    this.arm();
    if (due.length === 0) return;
    const arns = new Set(due.map((p) => p.arn));
    // While enough services are in flight, a page answers for all of them at the price of one call,
    // even at a tick where only one of them is due.
    const inFlight = new Set([...arns, ...this.pending.map((p) => p.arn)]).size;
    if (inFlight < Math.max(this.threshold, this.pagesSeen + 1)) {
      for (const p of due) p.resolve({ kind: 'individual' });
      return;
    }
    try {
      const statuses = await this.list(arns);
      for (const p of due) {
        const status = statuses.get(p.arn);
        p.resolve(status === undefined ? { kind: 'gone' } : { kind: 'status', status });
      }
    } catch {
      // A failed batch is not a failed wait: each caller falls back to its own call.
      for (const p of due) p.resolve({ kind: 'individual' });
    }
  }

  private async list(wanted: ReadonlySet<string>): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const r = await this.client.send(new ListServicesCommand({ MaxResults: 20, NextToken: token }));
      pages++;
      for (const s of r.ServiceSummaryList ?? []) {
        if (s.ServiceArn && s.Status && wanted.has(s.ServiceArn)) found.set(s.ServiceArn, s.Status);
      }
      token = r.NextToken;
    } while (token && found.size < wanted.size);
    if (!token) this.pagesSeen = pages;
    return found;
  }
}
