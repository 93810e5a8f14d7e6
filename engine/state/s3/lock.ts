import { hostname } from 'node:os';
import type { LockRequest } from '../backend.js';
import { LockError, type LockInfo } from '../errors.js';
import { newLockInfo, parseLockInfo } from '../local/lockfile.js';
import { type LockAttempt, waitForLock } from '../lock-wait.js';
import type { ObjectStore } from './objects.js';

/** How often a holder rewrites its lock object, so that others can tell it still runs. */
export const LOCK_RENEW_MS = 30_000;
/** A lock from another host not renewed for this long is stale: its holder stopped without unlocking. */
export const LOCK_STALE_AFTER_MS = 4 * LOCK_RENEW_MS;

/** Timing of the lock's heartbeat; tests shorten it. */
export interface LockTiming {
  readonly renewMs: number;
  readonly staleAfterMs: number;
}

interface Held {
  readonly info: LockInfo;
  etag: string;
  timer: NodeJS.Timeout | undefined;
  renewing: Promise<void> | undefined;
}

/**
 * The state lock as a separate object, `<key>.lock`, created only if absent (`If-None-Match: *`)
 * and holding the lock info as JSON. The holder rewrites it every `renewMs` (conditional on its
 * own ETag): a holder on this host is judged by its pid, one on another host by how long ago the
 * object was last written.
 */
export class ObjectLock {
  private held: Held | undefined;
  /** Set when the lock was removed or replaced under this holder (someone ran force-unlock). */
  lost: string | undefined;

  constructor(
    private readonly store: ObjectStore,
    readonly key: string,
    private readonly timing: LockTiming,
  ) {}

  /** Where the lock lives, for messages. */
  get location(): string {
    return this.store.url(this.key);
  }

  async lock(req: LockRequest, stateLocation: string): Promise<LockInfo> {
    const info = await waitForLock(() => this.attempt(newLockInfo(req)), stateLocation, req);
    this.lost = undefined;
    return info;
  }

  // One attempt: create the object if absent; otherwise say who holds it, and whether it went silent.
  private async attempt(info: LockInfo): Promise<LockAttempt> {
    // The holder may unlock between our refused create and our read: then simply try again.
    for (let tries = 0; tries < 3; tries++) {
      const etag = await this.store.put(this.key, `${JSON.stringify(info)}\n`, { ifAbsent: true });
      if (etag !== 'precondition-failed') {
        this.hold(info, etag);
        return { ok: true, info };
      }
      const obj = await this.store.get(this.key);
      if (!obj) continue;
      const holder = parseLockInfo(obj.text);
      if (!holder) return { ok: false, unreadable: `${this.location} does not hold valid lock information` };
      const silentMs = obj.lastModified ? Date.now() - obj.lastModified.getTime() : 0;
      if (holder.host !== hostname() && silentMs > this.timing.staleAfterMs) {
        return { ok: false, holder, silentForMs: silentMs };
      }
      return { ok: false, holder };
    }
    return { ok: false, unreadable: 'it was taken and released repeatedly while being read' };
  }

  private hold(info: LockInfo, etag: string): void {
    this.stopRenewing();
    const held: Held = { info, etag, timer: undefined, renewing: undefined };
    held.timer = setInterval(() => {
      held.renewing ??= this.renew(held).finally(() => {
        held.renewing = undefined;
      });
    }, this.timing.renewMs);
    // The heartbeat must never keep a finished process alive.
    held.timer.unref();
    this.held = held;
  }

  // Rewrites the lock object only while it is still ours; a refusal means someone removed it.
  private async renew(held: Held): Promise<void> {
    try {
      const etag = await this.store.put(this.key, `${JSON.stringify(held.info)}\n`, { ifMatch: held.etag });
      if (etag !== 'precondition-failed') {
        held.etag = etag;
        return;
      }
      this.lost = `the lock ${held.info.id} on ${this.location} was removed or replaced by someone else (force-unlock?)`;
      this.stopRenewing();
    } catch {
      // A failed heartbeat is retried at the next tick; only a long silence makes the lock stale.
    }
  }

  private stopRenewing(): void {
    if (this.held?.timer) clearInterval(this.held.timer);
    this.held = undefined;
  }

  /**
   * Removes the lock when it holds lock `id`. The delete is conditional on the ETag just read, so a
   * lock taken by someone else in between is left alone (on servers that honour the condition).
   */
  async remove(id: string, force: boolean): Promise<void> {
    const mine = this.held?.info.id === id ? this.held : undefined;
    if (mine) {
      clearInterval(mine.timer);
      await mine.renewing;
    }
    const obj = await this.store.get(this.key);
    if (!obj) {
      if (mine) this.held = undefined;
      throw new LockError('lock-mismatch', `${this.location} is not locked; there is nothing to unlock.`);
    }
    const holder = parseLockInfo(obj.text);
    if (holder?.id !== id) {
      if (mine) this.held = undefined;
      const who = holder ? `lock ${holder.id}` : 'an unreadable lock';
      throw new LockError(
        'lock-mismatch',
        `cannot ${force ? 'force-unlock' : 'unlock'} ${this.location}: it holds ${who}, not lock ${id}. Nothing was removed.`,
        holder,
      );
    }
    const r = await this.store.delete(this.key, obj.etag);
    this.stopRenewing();
    if (r === 'precondition-failed') {
      throw new LockError(
        'lock-mismatch',
        `${this.location} changed while it was being unlocked; nothing was removed.`,
      );
    }
  }
}
