import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InstanceAddr } from '../../../engine/addrs/index.js';
import {
  type Backend,
  LockError,
  readState,
  StaleWriteError,
  State,
  StateError,
  StateSession,
} from '../../../engine/state/index.js';
import { createService, serviceAddr, serviceInstance } from './fixtures.js';
import { startChild } from './processes.js';

/** One empty store (a folder, a table, a bucket prefix) that the conformance tests may fill. */
export interface BackendStore {
  /** A new handle on the store, as a second runform would open it. */
  open(): Backend;
  /** What child.mjs needs to open the same store in another process. */
  readonly childSpec: unknown;
  /** The stored state bytes, bypassing the backend; undefined when nothing is stored. */
  rawRead(): Promise<string | undefined>;
  /** Stores bytes as the state, bypassing the backend. */
  rawWrite(text: string): Promise<void>;
  /** File modes of the state, backup, journal and lock, for backends that keep files. */
  modes?(): Promise<Record<string, number | undefined>>;
  dispose(): Promise<void>;
}

/** Makes a fresh, empty store for each test. */
export type StoreFactory = () => Promise<BackendStore>;

/** Where backends rightly differ; every field is optional and defaults to the local backend's way. */
export interface BackendTraits {
  /**
   * What becomes of the lock of a holder killed with SIGKILL. 'stale' (default): it stays, and is
   * reported as stale with its age and holder. 'released': it dies with the holder's connection.
   */
  readonly killedHolder?: 'stale' | 'released';
  /** The store keeps the state as JSON (e.g. jsonb), so bytes that are not JSON cannot be stored at all. */
  readonly jsonOnly?: boolean;
  /** The store keeps no files (a database, an object store), so file modes do not apply. */
  readonly noFiles?: boolean;
}

const svc = (i: number) => serviceInstance(i);

/** The StateError a refused operation throws; fails the test when the operation succeeds. */
export async function refusal(p: Promise<unknown>): Promise<StateError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StateError) return e;
    throw e;
  }
  throw new Error('expected the operation to be refused');
}

/**
 * The behaviour every state backend must have. Local runs it now; pg and s3 run the same suite
 * with their own store factory.
 */
export function backendConformance(name: string, makeStore: StoreFactory, traits: BackendTraits = {}): void {
  describe(`${name} backend conformance`, () => {
    let store: BackendStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.dispose();
    });

    describe('read and write', () => {
      it('reads an empty state on first use, with a fresh lineage and serial 0', async () => {
        const snap = await store.open().read();
        expect(snap.exists).toBe(false);
        expect(snap.state.instanceCount).toBe(0);
        expect(snap.state.serial).toBe(0);
        expect(snap.state.lineage).toMatch(/^[0-9a-f-]{36}$/);
      });

      it('stores what was written and reads it back in another handle', async () => {
        const b = store.open();
        const { state } = await b.read();
        state.setInstance(serviceAddr(1), 'provider["apprunner"]', svc(1));
        state.outputs.set('url', { value: 'https://x', sensitive: false });
        expect(await b.write(state)).toBe(1);
        const again = (await store.open().read()).state;
        expect(again.lineage).toBe(state.lineage);
        expect(again.serial).toBe(1);
        expect(again.instance(serviceAddr(1))).toEqual(svc(1));
        expect(again.outputs.get('url')?.value).toBe('https://x');
      });

      it('raises the serial by one on every write and keeps the lineage', async () => {
        const b = store.open();
        const { state } = await b.read();
        const lineage = state.lineage;
        for (let i = 1; i <= 3; i++) {
          state.setInstance(serviceAddr(i), 'provider["p"]', svc(i));
          expect(await b.write(state)).toBe(i);
          expect(state.serial).toBe(i);
        }
        const again = (await store.open().read()).state;
        expect([again.serial, again.lineage]).toEqual([3, lineage]);
      });

      it('refuses a write that would lose an update, and does not overwrite', async () => {
        const seed = store.open();
        const s0 = (await seed.read()).state;
        await seed.write(s0);
        const a = store.open();
        const b = store.open();
        const sa = (await a.read()).state;
        const sb = (await b.read()).state;
        sa.setInstance(serviceAddr(1), 'provider["p"]', svc(1));
        sb.setInstance(serviceAddr(2), 'provider["p"]', svc(2));
        await a.write(sa);
        const stored = await store.rawRead();
        const e = await refusal(b.write(sb));
        expect(e).toBeInstanceOf(StaleWriteError);
        expect(e.message).toMatch(/changed since it was read \(serial 1 then, 2 now\)/);
        expect(await store.rawRead()).toBe(stored);
      });

      it('refuses a first write when someone else created the state meanwhile', async () => {
        const a = store.open();
        const b = store.open();
        const sa = (await a.read()).state;
        const sb = (await b.read()).state;
        sb.lineage = sa.lineage;
        await a.write(sa);
        expect(await refusal(b.write(sb))).toBeInstanceOf(StaleWriteError);
      });
    });

    describe('first use and recovery', () => {
      it('keeps the lineage and serial of a state brought from elsewhere on the first write (migration)', async () => {
        const moved = new State('migrated-lineage', 41);
        moved.setInstance(serviceAddr(1), 'provider["p"]', svc(1));
        const b = store.open();
        expect((await b.read()).exists).toBe(false);
        expect(await b.write(moved)).toBe(41);
        const reader = store.open();
        const again = (await reader.read()).state;
        expect([again.lineage, again.serial]).toEqual(['migrated-lineage', 41]);
        expect(await reader.write(again)).toBe(42);
      });

      it('replays the journal of a run that never closed its session, then compacts it', async () => {
        const dead = store.open();
        const crashed = await StateSession.open(dead, { operation: 'apply' });
        for (let i = 0; i < 3; i++) await crashed.record(createService(i));
        // The run dies here: no commit, no unlock. Its lock is cleared by hand.
        await store.open().forceUnlock(crashed.lock.id);
        expect(await readState(store.open())).toMatchObject({ serial: 0 });
        expect((await readState(store.open())).instanceCount).toBe(3);
        const next = await StateSession.open(store.open(), { operation: 'apply' });
        expect(next.state.instanceCount).toBe(3);
        expect(next.state.serial).toBe(1);
        await next.close();
        expect((await store.open().journal().readAll()).entries).toEqual([]);
        const { state } = await store.open().read();
        expect([state.serial, state.instanceCount]).toEqual([1, 3]);
        // What a dead process's descriptors would have been: closed, so none is left to the collector.
        await dead.journal().close();
      });
    });

    describe('refusals that leave the stored bytes untouched', () => {
      const refusedEverywhere = async (kind: string, detail: RegExp, expectLineage?: string) => {
        const before = await store.rawRead();
        const opts = expectLineage === undefined ? {} : { expectLineage };
        const e = await refusal(store.open().read(opts));
        expect(e.kind).toBe(kind);
        expect(e.message).toMatch(detail);
        const s = await refusal(StateSession.open(store.open(), { operation: 'apply', ...opts }));
        expect(s.kind).toBe(kind);
        // A writer that never read it must not replace it either.
        const w = await refusal(store.open().write(new State()));
        expect(w).toBeInstanceOf(StateError);
        expect(await store.rawRead()).toBe(before);
        // The failed session released its lock.
        const lock = await store.open().lock({ operation: 'check' });
        await store.open().unlock(lock.id);
      };

      it.skipIf(traits.jsonOnly)('refuses a corrupt state (bad JSON)', async () => {
        await store.rawWrite('{"version": 1, "lineage": ');
        await refusedEverywhere('corrupt', /not valid JSON/);
      });

      it('refuses a state of the wrong shape, naming the field', async () => {
        await store.rawWrite(
          JSON.stringify({ version: 1, lineage: 'x', serial: 2, resources: [{ mode: 'managed' }], outputs: {} }),
        );
        await refusedEverywhere('corrupt', /resources\[0\]\.type must be a string/);
      });

      it('refuses a state written by a newer version', async () => {
        await store.rawWrite(JSON.stringify({ version: 99, lineage: 'x', serial: 9, resources: [], outputs: {} }));
        await refusedEverywhere('unsupported-version', /newer runform \(state format version 99/);
      });

      it('refuses a state of another lineage than expected', async () => {
        const b = store.open();
        const { state } = await b.read();
        await b.write(state);
        await refusedEverywhere(
          'foreign-lineage',
          new RegExp(`lineage ${state.lineage}, expected other-lineage`),
          'other-lineage',
        );
      });

      it('refuses to write a state of another lineage over the stored one', async () => {
        const b = store.open();
        const { state } = await b.read();
        await b.write(state);
        const before = await store.rawRead();
        const other = new State('another-lineage', state.serial);
        const e = await refusal(b.write(other));
        expect(e.kind).toBe('foreign-lineage');
        expect(await store.rawRead()).toBe(before);
      });
    });

    describe('locking', () => {
      it('lets one holder in, refuses the next with the holder and the force-unlock command, then frees', async () => {
        const a = store.open();
        const held = await a.lock({ operation: 'apply', who: 'alice' });
        const e = await refusal(store.open().lock({ operation: 'plan' }));
        expect(e).toBeInstanceOf(LockError);
        expect(e.kind).toBe('locked');
        expect(e.message).toContain(`alice (operation "apply", since ${held.created}, pid ${held.pid}@${held.host})`);
        expect(e.message).toContain(`runform force-unlock ${held.id}`);
        expect((e as LockError).holder?.id).toBe(held.id);
        await a.unlock(held.id);
        const b = store.open();
        await b.unlock((await b.lock({ operation: 'plan' })).id);
      });

      it('waits for a lock within the timeout and gets it when the holder releases', async () => {
        const a = store.open();
        const held = await a.lock({ operation: 'apply' });
        let taken = false;
        const waiting = store
          .open()
          .lock({ operation: 'plan', timeoutMs: 10_000, pollMs: 20 })
          .then((info) => {
            taken = true;
            return info;
          });
        await new Promise((r) => setTimeout(r, 60));
        expect(taken).toBe(false);
        await a.unlock(held.id);
        const info = await waiting;
        expect(info.operation).toBe('plan');
        await store.open().unlock(info.id);
      });

      it('gives up after the lock timeout, saying how long it waited', async () => {
        const a = store.open();
        const held = await a.lock({ operation: 'apply' });
        const e = await refusal(store.open().lock({ operation: 'plan', timeoutMs: 100, pollMs: 20 }));
        expect(e.message).toMatch(/after waiting 100ms/);
        await a.unlock(held.id);
      });

      it('force-unlocks only the lock with the given id', async () => {
        const held = await store.open().lock({ operation: 'apply' });
        const wrong = await refusal(store.open().forceUnlock('not-the-id'));
        expect(wrong.kind).toBe('lock-mismatch');
        expect(wrong.message).toContain(`it holds lock ${held.id}, not lock not-the-id`);
        await expect(store.open().lock({ operation: 'plan' })).rejects.toBeInstanceOf(LockError);
        await store.open().forceUnlock(held.id);
        const b = store.open();
        await b.unlock((await b.lock({ operation: 'plan' })).id);
      });

      it('lets exactly one of two competing processes in; the other learns the holder', async () => {
        const one = startChild('lock', store.childSpec);
        const two = startChild('lock', store.childSpec);
        const done = (c: typeof one) => c.next((e) => e.event === 'locked' || e.event === 'refused');
        const results = await Promise.all([done(one), done(two)]);
        const winner = results.find((r) => r.event === 'locked');
        const loser = results.find((r) => r.event === 'refused');
        expect(winner).toBeDefined();
        expect(loser).toBeDefined();
        expect(loser?.kind).toBe('locked');
        expect(loser?.message).toContain(`child-${winner?.pid}`);
        expect(loser?.message).toContain(`runform force-unlock ${winner?.id}`);
        expect((loser?.holder as { id: string }).id).toBe(winner?.id);
        for (const c of [one, two]) c.proc.stdin?.end();
        await Promise.all([one.exited, two.exited]);
        const b = store.open();
        await b.unlock((await b.lock({ operation: 'plan' })).id);
      });

      it.skipIf(traits.killedHolder === 'released')(
        'reports the lock of a process killed with SIGKILL as stale, with age and holder, without taking it',
        async () => {
          const child = startChild('lock', store.childSpec);
          const locked = await child.next((e) => e.event === 'locked');
          child.proc.kill('SIGKILL');
          await child.exited;
          const e = await refusal(store.open().lock({ operation: 'apply', timeoutMs: 5_000 }));
          expect(e.kind).toBe('stale-lock');
          expect(e.message).toMatch(/no longer runs: the lock is stale \(\d+m?s old\)/);
          expect(e.message).toContain(`child-${locked.pid}`);
          expect(e.message).toContain(`pid ${locked.pid}@`);
          expect(e.message).toContain(`runform force-unlock ${locked.id}`);
          // Still locked: a stale lock is reported, never silently stolen.
          expect((await refusal(store.open().lock({ operation: 'apply' }))).kind).toBe('stale-lock');
          await store.open().forceUnlock(String(locked.id));
          const b = store.open();
          await b.unlock((await b.lock({ operation: 'apply' })).id);
        },
      );

      it.runIf(traits.killedHolder === 'released')(
        'releases the lock of a process killed with SIGKILL, so a waiting runform gets it',
        async () => {
          const child = startChild('lock', store.childSpec);
          const locked = await child.next((e) => e.event === 'locked');
          const held = await refusal(store.open().lock({ operation: 'apply' }));
          expect(held.kind).toBe('locked');
          expect(held.message).toContain(`child-${locked.pid}`);
          child.proc.kill('SIGKILL');
          await child.exited;
          const b = store.open();
          const info = await b.lock({ operation: 'apply', timeoutMs: 15_000, pollMs: 50 });
          expect(info.id).not.toBe(locked.id);
          await b.unlock(info.id);
        },
      );
    });

    describe('sessions', () => {
      it('holds the lock for the whole session and folds its records into one write', async () => {
        const session = await StateSession.open(store.open(), { operation: 'apply' });
        expect((await refusal(store.open().lock({ operation: 'plan' }))).kind).toBe('locked');
        for (let i = 0; i < 5; i++) await session.record(createService(i));
        await session.close();
        const { state } = await store.open().read();
        expect(state.serial).toBe(1);
        expect(state.instanceCount).toBe(5);
        const b = store.open();
        await b.unlock((await b.lock({ operation: 'plan' })).id);
      });

      it.skipIf(traits.noFiles)('keeps the state private (mode 0600) for state, backup, journal and lock', async () => {
        if (!store.modes) throw new Error('a store that keeps files must report their modes');
        const first = await StateSession.open(store.open(), { operation: 'apply' });
        await first.record(createService(1));
        await first.close();
        const session = await StateSession.open(store.open(), { operation: 'apply' });
        await session.record({ kind: 'remove-instance', addr: serviceAddr(1) as InstanceAddr });
        await session.commit();
        await session.record(createService(2));
        const modes = await store.modes();
        await session.close();
        expect(modes).toEqual({ state: 0o600, backup: 0o600, journal: 0o600, lock: 0o600 });
      });
    });
  });
}
