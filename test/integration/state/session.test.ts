import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type LocalBackend,
  readState,
  StaleWriteError,
  StateError,
  StateSession,
} from '../../../engine/state/index.js';
import { createService, serviceAddr, serviceInstance } from './fixtures.js';
import { localStore } from './local-store.js';

type Store = Awaited<ReturnType<typeof localStore>>;

describe('StateSession journal', () => {
  let store: Store;
  let journal: string;
  beforeEach(async () => {
    store = await localStore();
    journal = store.backend().journalPath;
  });
  afterEach(() => store.dispose());

  // What a killed process leaves: its lock and journal on disk, its descriptors closed by the OS.
  const crash = async (b: LocalBackend, s: StateSession) => {
    await b.journal().close();
    await store.backend().forceUnlock(s.lock.id);
  };

  const lines = async () => (await readFile(journal, 'utf8')).split('\n').filter((l) => l !== '');

  it('has each change on disk when record returns: a fresh reader replaying the journal sees it', async () => {
    const s = await StateSession.open(store.backend(), { operation: 'apply' });
    for (let i = 0; i < 3; i++) {
      await s.record(createService(i));
      const seen = await readState(store.backend());
      expect(seen.instanceCount).toBe(i + 1);
      expect(seen.instance(serviceAddr(i))).toEqual(serviceInstance(i));
    }
    await s.record({ kind: 'remove-instance', addr: serviceAddr(0) });
    expect((await readState(store.backend())).instance(serviceAddr(0))).toBeUndefined();
    // No whole-state write happened yet: only journal lines.
    expect(await store.rawRead()).toBeUndefined();
    expect(await lines()).toHaveLength(4);
    await s.close();
  });

  it('recovers after a crash: the next session replays the leftover journal and compacts it', async () => {
    const seed = await StateSession.open(store.backend(), { operation: 'apply' });
    await seed.record(createService(0));
    await seed.close();
    const crashedB = store.backend();
    const crashed = await StateSession.open(crashedB, { operation: 'apply' });
    await crashed.record(createService(1));
    await crashed.record({ kind: 'set-output', name: 'url', output: { value: 'u', sensitive: false } });
    await crash(crashedB, crashed);

    const next = await StateSession.open(store.backend(), { operation: 'apply' });
    expect(next.state.instanceCount).toBe(2);
    expect(next.state.outputs.get('url')?.value).toBe('u');
    expect(next.state.serial).toBe(2);
    const stored = JSON.parse((await store.rawRead())!);
    expect(stored.serial).toBe(2);
    await expect(readFile(journal)).rejects.toThrow(/ENOENT/);
    await next.close();
  });

  it('recovers a crash before the first state write, keeping the journal lineage', async () => {
    const crashedB = store.backend();
    const crashed = await StateSession.open(crashedB, { operation: 'apply' });
    const lineage = crashed.state.lineage;
    await crashed.record(createService(7));
    await crash(crashedB, crashed);
    const next = await StateSession.open(store.backend(), { operation: 'apply' });
    expect(next.state.lineage).toBe(lineage);
    expect(next.state.instance(serviceAddr(7))).toBeDefined();
    await next.close();
  });

  it('ignores a torn last line and applies the lines before it', async () => {
    const crashedB = store.backend();
    const crashed = await StateSession.open(crashedB, { operation: 'apply' });
    await crashed.record(createService(1));
    await crashed.record(createService(2));
    await crash(crashedB, crashed);
    const whole = await lines();
    await appendFile(journal, whole[1]!.slice(0, 40));
    expect((await readState(store.backend())).instanceCount).toBe(2);
    const next = await StateSession.open(store.backend(), { operation: 'apply' });
    expect(next.state.instanceCount).toBe(2);
    await next.record(createService(3));
    await next.close();
    expect((await readState(store.backend())).instanceCount).toBe(3);
  });

  it('refuses a journal that belongs to another state, leaving state and journal untouched', async () => {
    const seed = await StateSession.open(store.backend(), { operation: 'apply' });
    await seed.record(createService(1));
    await seed.close();
    const stateBytes = await store.rawRead();
    const foreign = await localStore();
    try {
      const other = await StateSession.open(foreign.backend(), { operation: 'apply' });
      await other.record(createService(9));
      await writeFile(journal, await readFile(foreign.backend().journalPath));
      await other.close();
    } finally {
      await foreign.dispose();
    }
    const journalBytes = await readFile(journal, 'utf8');
    for (const attempt of [
      () => readState(store.backend()),
      () => StateSession.open(store.backend(), { operation: 'apply' }),
    ]) {
      const e = await attempt().then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(StateError);
      expect((e as StateError).kind).toBe('foreign-journal');
      expect((e as StateError).message).toContain('It was not replayed');
    }
    expect(await store.rawRead()).toBe(stateBytes);
    expect(await readFile(journal, 'utf8')).toBe(journalBytes);
  });

  it('discards a journal whose changes were already compacted before the crash', async () => {
    const s = await StateSession.open(store.backend(), { operation: 'apply' });
    await s.record(createService(1));
    const leftover = await readFile(journal, 'utf8');
    await s.close();
    // The crash came after the compacted write and before the journal was removed.
    await writeFile(journal, leftover);
    const next = await StateSession.open(store.backend(), { operation: 'apply' });
    expect(next.state.serial).toBe(1);
    expect(next.state.instanceCount).toBe(1);
    await next.close();
    await expect(readFile(journal)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a journal with a lost line in the middle', async () => {
    const sB = store.backend();
    const s = await StateSession.open(sB, { operation: 'apply' });
    for (let i = 0; i < 3; i++) await s.record(createService(i));
    await crash(sB, s);
    const [a, , c] = await lines();
    await writeFile(journal, `${a}\n${c}\n`);
    await expect(readState(store.backend())).rejects.toThrow(/line 2: expected change 2/);
  });

  it('makes parallel records durable, in order, sharing fsyncs', async () => {
    const s = await StateSession.open(store.backend(), { operation: 'apply' });
    await Promise.all(Array.from({ length: 50 }, (_, i) => s.record(createService(i))));
    expect((await lines()).map((l) => JSON.parse(l).seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect((await readState(store.backend())).instanceCount).toBe(50);
    await s.close();
  });

  it('refuses to compact over a state someone else wrote meanwhile, keeps the journal and releases the lock', async () => {
    const seed = await StateSession.open(store.backend(), { operation: 'apply' });
    await seed.record(createService(0));
    await seed.close();
    const s = await StateSession.open(store.backend(), { operation: 'apply' });
    await s.record(createService(1));
    // A writer that ignores the lock.
    const rogue = store.backend();
    const { state } = await rogue.read();
    await rogue.write(state);
    const stored = await store.rawRead();
    await expect(s.close()).rejects.toBeInstanceOf(StaleWriteError);
    expect(await store.rawRead()).toBe(stored);
    expect(await lines()).toHaveLength(1);
    const b = store.backend();
    await b.unlock((await b.lock({ operation: 'check' })).id);
  });

  it('refuses a first-run journal whose lineage is not the expected one', async () => {
    const crashedB = store.backend();
    const crashed = await StateSession.open(crashedB, { operation: 'apply' });
    await crashed.record(createService(1));
    await crash(crashedB, crashed);
    const e = await readState(store.backend(), { expectLineage: 'expected-lineage' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect((e as StateError).kind).toBe('foreign-journal');
    expect((e as StateError).message).toContain('expected expected-lineage');
  });
});
