// Client-side pacing: every attempt of every App Runner call waits for a token of the client's
// RateController, and a throttled attempt is sent again through the pacer (ahead of new requests)
// instead of going back to the SDK's retry with its growing backoff. The SDK keeps retrying what is not
// throttling (faults, timeouts) as before, each attempt paced too.
import type { AppRunnerClient } from '@aws-sdk/client-apprunner';
import { RateController } from './client-rate.js';
import { errorName } from './sdk.js';

/** A request waiting for its turn. */
interface Waiter {
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
}

/** What a Pacer has seen, for tests and logs. */
export interface PacerStats {
  /** Attempts the pacer let through. */
  sent: number;
  /** Attempts the service throttled (each one sent again). */
  throttled: number;
}

/** Queues requests in front of one client so that they go out at the rate its controller allows. */
export class Pacer {
  readonly stats: PacerStats = { sent: 0, throttled: 0 };
  private readonly queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly control: RateController = new RateController(),
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The clock the pacer uses, to stamp when an attempt was sent. */
  clock(): number {
    return this.now();
  }

  /**
   * Resolves when the request may be sent; `retry` puts it ahead of requests that have not been sent
   * yet. Rejects with an AbortError as soon as the signal fires.
   */
  acquire(signal: AbortSignal | undefined, retry = false): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.queue.length === 0 && this.control.take(this.now()) === 0) {
      this.stats.sent++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(abortError(signal));
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      if (retry) this.queue.unshift(waiter);
      else this.queue.push(waiter);
      this.pump();
    });
  }

  /** Records an answered attempt. */
  succeeded(): void {
    this.control.succeeded(this.now());
  }

  /** Records a throttled attempt sent at `sentAt` (from clock()). */
  throttled(sentAt: number): void {
    this.stats.throttled++;
    this.control.throttled(sentAt, this.now());
  }

  /** Releases the waiters whose tokens are due, and sets a timer for the next one. */
  private pump(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.queue.length > 0) {
      const wait = this.control.take(this.now());
      if (wait > 0) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, wait);
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.stats.sent++;
      waiter.resolve();
    }
  }
}

/** The error a cancelled wait rejects with, named as the SDK names its own aborts. */
function abortError(signal: AbortSignal | undefined): Error {
  const e = new Error('the request was cancelled while waiting for its turn', { cause: signal?.reason });
  e.name = 'AbortError';
  return e;
}

/** Error codes that AWS services use for throttling. */
const THROTTLING_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

/** True when the service refused the request for going too fast. */
export function isThrottling(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  if (THROTTLING_CODES.has(errorName(e) ?? '')) return true;
  const { $metadata, $retryable } = e as { $metadata?: unknown; $retryable?: unknown };
  if (typeof $metadata === 'object' && $metadata !== null && 'httpStatusCode' in $metadata) {
    if ($metadata.httpStatusCode === 429) return true;
  }
  return typeof $retryable === 'object' && $retryable !== null && 'throttling' in $retryable && !!$retryable.throttling;
}

/** True when the error came with an HTTP response, rather than from the network or a cancellation. */
function answered(e: unknown): boolean {
  if (typeof e !== 'object' || e === null || !('$metadata' in e)) return false;
  const meta = e.$metadata;
  return typeof meta === 'object' && meta !== null && 'httpStatusCode' in meta && meta.httpStatusCode !== undefined;
}

/** The abort signal the caller passed to `send`, which the SDK keeps in the handler context. */
function contextSignal(context: object): AbortSignal | undefined {
  const smithy: unknown = (context as { __smithy_context?: unknown }).__smithy_context;
  if (typeof smithy !== 'object' || smithy === null || !('abortSignal' in smithy)) return undefined;
  return smithy.abortSignal instanceof AbortSignal ? smithy.abortSignal : undefined;
}

/** Throttles of one request that the pacer retries before handing the error to the SDK's retry. */
const MAX_THROTTLE_RETRIES = 30;

type Stack = AppRunnerClient['middlewareStack'];
type Middleware = Parameters<Stack['addRelativeTo']>[0];

/** Installs the pacer on a client, inside the SDK's retry loop so that each attempt is paced. */
export function installPacer(client: AppRunnerClient, pacer: Pacer): void {
  const middleware = ((next: (args: unknown) => Promise<unknown>, context: object) => async (args: unknown) => {
    const signal = contextSignal(context);
    for (let throttles = 0; ; throttles++) {
      await pacer.acquire(signal, throttles > 0);
      const sentAt = pacer.clock();
      try {
        const out = await next(args);
        pacer.succeeded();
        return out;
      } catch (e) {
        const throttled = isThrottling(e);
        if (throttled) pacer.throttled(sentAt);
        // A refusal for any other reason still got past the service's rate limit.
        else if (answered(e)) pacer.succeeded();
        if (!throttled || signal?.aborted || throttles >= MAX_THROTTLE_RETRIES) throw e;
      }
    }
  }) as unknown as Middleware;
  client.middlewareStack.addRelativeTo(middleware, {
    name: 'runformPacer',
    relation: 'after',
    toMiddleware: 'retryMiddleware',
  });
}
