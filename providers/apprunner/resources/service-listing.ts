// Refreshing many services at once: one ListServices sweep (20 summaries a page) tells which services
// changed since the state recorded them, so only those are described again. The sweep serves one
// burst of concurrent reads and is forgotten as soon as no read is in flight, so a read made after a
// change (a drift check, a test) never answers from a listing taken before that change.
import { type AppRunnerClient, ListServicesCommand, type ServiceSummary } from '@aws-sdk/client-apprunner';

/** What the sweep says about one service: its summary, or that the sweep did not list it. */
export type ListedService =
  | { readonly kind: 'listed'; readonly summary: ServiceSummary }
  | { readonly kind: 'unlisted' };

/** Options of a ServiceListing. */
export interface ListingOptions {
  /** Fewest concurrent reads that make a sweep worth it (it must also beat the pages it costs). */
  readonly threshold?: number;
  /** A sweep older than this is taken again, however long the burst lasts. */
  readonly maxAgeMs?: number;
}

interface Sweep {
  readonly at: number;
  readonly result: Promise<Map<string, ServiceSummary> | undefined>;
}

/** Shares ListServices sweeps between the service reads of one burst. */
export class ServiceListing {
  private inFlight = 0;
  private sweep: Sweep | undefined;
  /** Pages the last complete sweep took: a burst smaller than that reads service by service. */
  private pagesSeen = 1;
  private readonly threshold: number;
  private readonly maxAgeMs: number;

  constructor(
    private readonly client: AppRunnerClient,
    options: ListingOptions = {},
  ) {
    this.threshold = options.threshold ?? 4;
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
  }

  /**
   * Runs one service read. `body` gets the service as the burst's sweep saw it, or undefined when
   * the read is alone (or the sweep failed) and must describe the service itself.
   */
  async read<T>(arn: string, signal: AbortSignal, body: (listed: ListedService | undefined) => Promise<T>): Promise<T> {
    this.inFlight++;
    try {
      // Reads started together (a refresh starts dozens at once) register before any decides.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return await body(await this.lookup(arn, signal));
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) this.sweep = undefined;
    }
  }

  private async lookup(arn: string, signal: AbortSignal): Promise<ListedService | undefined> {
    const now = Date.now();
    if (this.sweep && now - this.sweep.at > this.maxAgeMs) this.sweep = undefined;
    if (!this.sweep) {
      if (this.inFlight < Math.max(this.threshold, this.pagesSeen + 1)) return undefined;
      this.sweep = { at: now, result: this.list(signal) };
    }
    const found = await this.sweep.result;
    if (!found) return undefined;
    const summary = found.get(arn);
    return summary ? { kind: 'listed', summary } : { kind: 'unlisted' };
  }

  private async list(signal: AbortSignal): Promise<Map<string, ServiceSummary> | undefined> {
    const found = new Map<string, ServiceSummary>();
    let token: string | undefined;
    let pages = 0;
    try {
      do {
        const r = await this.client.send(new ListServicesCommand({ MaxResults: 20, NextToken: token }), {
          abortSignal: signal,
        });
        pages++;
        for (const s of r.ServiceSummaryList ?? []) if (s.ServiceArn) found.set(s.ServiceArn, s);
        token = r.NextToken;
      } while (token);
    } catch {
      // A failed sweep is not a failed read: every read of the burst describes its own service.
      return undefined;
    }
    this.pagesSeen = pages;
    return found;
  }
}
