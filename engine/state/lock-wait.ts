import { hostname } from 'node:os';
import { describeHolder, formatAge, LockError, type LockInfo } from './errors.js';

/** The outcome of one attempt to take a lock. */
export type LockAttempt =
  | { readonly ok: true; readonly info: LockInfo }
  | {
      readonly ok: false;
      readonly holder?: LockInfo;
      readonly unreadable?: string;
      /** Set when a holder on another host stopped renewing its lock this long ago: the lock is stale. */
      readonly silentForMs?: number;
    };

/** True when the process that holds a lock is on this host and no longer exists. */
export function isDeadLocalHolder(h: LockInfo): boolean {
  if (h.host !== hostname()) return false;
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Retries `attempt` until it takes the lock, the timeout passes, or the holder is found dead.
 * Shared by every backend so that the waiting and the messages are the same everywhere.
 */
export async function waitForLock(
  attempt: () => Promise<LockAttempt>,
  location: string,
  opts: {
    timeoutMs?: number;
    pollMs?: number;
    signal?: AbortSignal;
    /**
     * 'stale' (the default): a holder that died leaves its lock behind, which is reported as stale.
     * 'wait': the lock dies with its holder (a database session lock), so a dead holder is
     * only a lock about to be released, and waiting goes on.
     */
    deadHolders?: 'stale' | 'wait';
  },
): Promise<LockInfo> {
  const deadline = Date.now() + (opts.timeoutMs ?? 0);
  const poll = Math.max(10, opts.pollMs ?? 250);
  for (;;) {
    const r = await attempt();
    if (r.ok) return r.info;
    const h = r.holder;
    if (h && opts.deadHolders !== 'wait' && isDeadLocalHolder(h)) {
      const age = formatAge(Date.now() - Date.parse(h.created));
      throw new LockError(
        'stale-lock',
        `${location} is locked by a process that no longer runs: the lock is stale (${age} old). ` +
          `It was taken by ${describeHolder(h)}. ` +
          `If no runform is working on this state, remove the lock with: runform force-unlock ${h.id}`,
        h,
      );
    }
    if (h && r.silentForMs !== undefined) {
      const age = formatAge(Date.now() - Date.parse(h.created));
      throw new LockError(
        'stale-lock',
        `${location} is locked by a runform on another host that stopped renewing its lock ${formatAge(r.silentForMs)} ago: ` +
          `the lock is stale (${age} old). It was taken by ${describeHolder(h)}. ` +
          `If no runform is working on this state, remove the lock with: runform force-unlock ${h.id}`,
        h,
      );
    }
    const left = deadline - Date.now();
    if (left <= 0 || opts.signal?.aborted) {
      const waited = opts.timeoutMs ? ` after waiting ${formatAge(opts.timeoutMs)}` : '';
      if (!h) {
        throw new LockError(
          'locked',
          `${location} is locked${waited}, but the lock cannot be read (${r.unreadable ?? 'unknown holder'}). ` +
            'If no runform is working on this state, remove the lock by hand.',
        );
      }
      throw new LockError(
        'locked',
        `${location} is locked by ${describeHolder(h)}${waited}. ` +
          `Wait for it to finish, or pass a lock timeout to wait. ` +
          `If that runform is gone, remove the lock with: runform force-unlock ${h.id}`,
        h,
      );
    }
    await sleep(Math.min(poll, left), opts.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
