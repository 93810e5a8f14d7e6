// Narrowing of SDK errors and small helpers at the SDK boundary, where values are `unknown`.
import { AbortError } from './errors.js';

/** The `name` an SDK error carries (the protocol's error code), or undefined. */
export function errorName(e: unknown): string | undefined {
  if (typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string') return e.name;
  return undefined;
}

/** True when the service said the resource does not exist. */
export function isNotFound(e: unknown): boolean {
  return errorName(e) === 'ResourceNotFoundException';
}

/** Awaits a call for which "not found" means the work is already done, such as deleting what is gone. */
export async function ignoreNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** True when the service refused because the resource is busy or in the wrong state. */
export function isInvalidState(e: unknown): boolean {
  return errorName(e) === 'InvalidStateException';
}

/** Throws an AbortError when the signal has fired. */
export function throwIfAborted(signal: AbortSignal, what: string): void {
  if (signal.aborted) throw new AbortError(what, { cause: signal.reason });
}

/** Resolves after `ms`, or rejects with an AbortError as soon as the signal fires. */
export function sleep(ms: number, signal: AbortSignal, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new AbortError(what, { cause: signal.reason }));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortError(what, { cause: signal.reason }));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A plain-object check for values coming back from the SDK. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Runs `body`; once the signal has fired, whatever it throws (e.g. the SDK's own abort) becomes our AbortError. */
export async function abortable<T>(signal: AbortSignal, what: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    if (signal.aborted && !(e instanceof AbortError)) throw new AbortError(what, { cause: e });
    throw e;
  }
}
