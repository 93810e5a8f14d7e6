// A wait on something that has no operation to follow (custom domains, VPC ingress connections):
// poll a check on the adaptive schedule until it says done, within the timeout.
import type { ProgressEvent } from '../../provider.js';
import { WaitTimeoutError } from '../errors.js';
import { abortable, sleep } from '../sdk.js';
import type { WaitEnv } from './operation.js';
import { nextDelay, type WaitKind } from './schedule.js';

/** One observation: finished (with a value), or still going with a status to report. */
export type Check<T> = { readonly done: true; readonly value: T } | { readonly done: false; readonly status: string };

/** Polls `check` until done; `check` throws to fail the wait. */
export async function pollUntil<T>(
  env: Pick<WaitEnv, 'durations' | 'scale'>,
  opts: {
    readonly kind: WaitKind;
    readonly what: string;
    readonly timeoutMs: number;
    readonly signal: AbortSignal;
    readonly progress?: (event: ProgressEvent) => void;
    /** The call that started the work has just said it is under way: wait before the first check. */
    readonly startedJustNow?: boolean;
  },
  check: () => Promise<Check<T>>,
): Promise<T> {
  return abortable(opts.signal, `waiting for ${opts.what}`, () => loop(env, opts, check));
}

async function loop<T>(
  env: Pick<WaitEnv, 'durations' | 'scale'>,
  opts: Parameters<typeof pollUntil>[1],
  check: () => Promise<Check<T>>,
): Promise<T> {
  const start = Date.now();
  let last: string | undefined;
  // When the check under way was due, in ms since the wait started: the duration learned when it
  // sees the end, free of the lateness of timers and of the check itself (which would otherwise
  // push every later wait's expected end a little further out).
  let dueAt = 0;
  if (opts.startedJustNow) {
    const first = Math.min(opts.timeoutMs, nextDelay(0, env.durations.expected(opts.kind), env.scale, false));
    dueAt = first;
    await sleep(first, opts.signal, `waiting for ${opts.what}`);
  }
  for (;;) {
    const r = await check();
    if (r.done) {
      // Done at the very first check says nothing about how long it takes.
      if (dueAt > 0) env.durations.observe(opts.kind, dueAt);
      return r.value;
    }
    if (r.status !== last) {
      last = r.status;
      opts.progress?.({ status: r.status, message: opts.what });
    }
    const now = Date.now();
    const left = start + opts.timeoutMs - now;
    if (left <= 0) throw new WaitTimeoutError(opts.what, opts.timeoutMs);
    const delay = Math.min(left, nextDelay(now - start, env.durations.expected(opts.kind), env.scale, false));
    dueAt = now - start + delay;
    await sleep(delay, opts.signal, `waiting for ${opts.what}`);
  }
}
