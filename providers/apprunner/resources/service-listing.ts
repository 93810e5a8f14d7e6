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
  /** Fewest concurrent reads that start a sweep. */
  readonly threshold?: number;
  /** A sweep older than this is taken again, however long the burst lasts. */
  readonly maxAgeMs?: number;
}

/** A ListServices listing, fetched a page at a time as reads need it. */
interface Sweep {
  readonly at: number;
  readonly found: Map<string, ServiceSummary>;
  token: string | undefined;
  pages: number;
  done: boolean;
  failed: boolean;
  next: Promise<void> | undefined;
}

/** Shares ListServices sweeps between the service reads of one burst. */
export class ServiceListing {
  private inFlight = 0;
  /** Reads started since the burst began: the most pages the burst's sweep may cost. */
  private burstReads = 0;
  private sweep: Sweep | undefined;
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
   * the read is alone (or the sweep failed or ran out of budget) and must describe the service itself.
   */
  async read<T>(arn: string, signal: AbortSignal, body: (listed: ListedService | undefined) => Promise<T>): Promise<T> {
    this.inFlight++;
    this.burstReads++;
    try {
      // Reads started together (a refresh starts dozens at once) register before any decides.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return await body(await this.lookup(arn, signal));
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) {
        this.sweep = undefined;
        this.burstReads = 0;
      }
    }
  }

  private async lookup(arn: string, signal: AbortSignal): Promise<ListedService | undefined> {
    if (this.sweep && Date.now() - this.sweep.at > this.maxAgeMs) this.sweep = undefined;
    if (!this.sweep) {
      if (this.inFlight < this.threshold) return undefined;
      this.sweep = {
        at: Date.now(),
        found: new Map(),
        token: undefined,
        pages: 0,
        done: false,
        failed: false,
        next: undefined,
      };
    }
    const sweep = this.sweep;
    for (;;) {
      const summary = sweep.found.get(arn);
      if (summary) return { kind: 'listed', summary };
      if (sweep.failed) return undefined;
      if (sweep.done) return { kind: 'unlisted' };
      // A page saves at most a describe per read, so the sweep never takes more pages than the
      // burst has reads: an account far larger than the configuration is not listed in full.
      if (!sweep.next && sweep.pages >= this.burstReads) return undefined;
      sweep.next ??= this.page(sweep, signal).finally(() => {
        sweep.next = undefined;
      });
      await sweep.next;
    }
  }

  private async page(sweep: Sweep, signal: AbortSignal): Promise<void> {
    try {
      const r = await this.client.send(new ListServicesCommand({ MaxResults: 20, NextToken: sweep.token }), {
        abortSignal: signal,
      });
      for (const s of r.ServiceSummaryList ?? []) if (s.ServiceArn) sweep.found.set(s.ServiceArn, s);
      sweep.pages++;
      sweep.token = r.NextToken;
      sweep.done = !r.NextToken;
    } catch {
      // A failed sweep is not a failed read: every read of the burst describes its own service.
      sweep.failed = true;
    }
  }
}
