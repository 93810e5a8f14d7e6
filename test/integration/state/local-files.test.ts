import { spawnSync } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChange, LockError, State, StateSession } from '../../../engine/state/index.js';
import { newLockInfo, tryLockFile } from '../../../engine/state/local/lockfile.js';
import { createService } from './fixtures.js';
import { localStore } from './local-store.js';

type Store = Awaited<ReturnType<typeof localStore>>;

describe('local backend files', () => {
  let store: Store;
  beforeEach(async () => {
    store = await localStore();
  });
  afterEach(() => store.dispose());

  const serialOf = async (file: string) => JSON.parse(await readFile(file, 'utf8')).serial as number;

  it('keeps in .backup the state as it was before the operation, written once per operation', async () => {
    const path = store.backend().path;
    const first = await StateSession.open(store.backend(), { operation: 'apply' });
    await first.record(createService(1));
    await first.close();
    expect(await readdir(store.dir)).toEqual(['runform.state.json']);

    const second = await StateSession.open(store.backend(), { operation: 'apply' });
    await second.record(createService(2));
    await second.commit();
    await second.record(createService(3));
    await second.commit();
    await second.close();
    expect(await serialOf(path)).toBe(3);
    expect(await serialOf(`${path}.backup`)).toBe(1);

    const third = await StateSession.open(store.backend(), { operation: 'apply' });
    await third.record(createService(4));
    await third.close();
    expect(await serialOf(`${path}.backup`)).toBe(3);
  });

  it('overwrite stores a state as it is (foreign lineage, older serial), keeps the backup, and later writes go on from it', async () => {
    const path = store.backend().path;
    const first = await StateSession.open(store.backend(), { operation: 'apply' });
    await first.record(createService(1));
    await first.close();
    const before = await readFile(path, 'utf8');
    const foreign = new State('8d0e4c52-5a57-4c49-9f3e-6f1c2b7a9e10', 7);
    applyChange(foreign, createService(2));
    const b = store.backend();
    const s = await StateSession.open(b, { operation: 'state push' });
    await b.overwrite(foreign);
    await s.close();
    const stored = JSON.parse(await readFile(path, 'utf8'));
    expect(stored.lineage).toBe(foreign.lineage);
    expect(stored.serial).toBe(7);
    expect(await readFile(`${path}.backup`, 'utf8')).toBe(before);
    const next = await StateSession.open(store.backend(), { operation: 'apply' });
    expect(next.state.lineage).toBe(foreign.lineage);
    await next.record(createService(3));
    await next.close();
    expect(await serialOf(path)).toBe(8);
  });

  it('leaves no temp, lock or journal file behind after an operation', async () => {
    const s = await StateSession.open(store.backend(), { operation: 'apply' });
    await Promise.all([1, 2, 3].map((i) => s.record(createService(i))));
    await s.close();
    expect(await readdir(store.dir)).toEqual(['runform.state.json']);
  });

  it('reports a lock file it cannot read as locked, telling the user to remove it by hand', async () => {
    const b = store.backend();
    await writeFile(b.lockPath, 'garbage');
    const e = await b.lock({ operation: 'apply' }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(LockError);
    expect((e as LockError).message).toContain('the lock cannot be read');
    expect((e as LockError).message).toContain('remove the lock by hand');
  });

  it('stops waiting for a lock when the signal aborts', async () => {
    const b = store.backend();
    const held = await b.lock({ operation: 'apply' });
    const ac = new AbortController();
    const waiting = store.backend().lock({ operation: 'plan', timeoutMs: 60_000, pollMs: 20, signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const started = Date.now();
    await expect(waiting).rejects.toBeInstanceOf(LockError);
    expect(Date.now() - started).toBeLessThan(30_000);
    await b.unlock(held.id);
  });

  it('removes temp files of dead writers when it takes the lock, and keeps those of live ones', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const deadTmp = `.runform.state.json.${dead}.0badc0de.tmp`;
    const deadLockTmp = `.runform.state.json.lock.${dead}.0badc0de.tmp`;
    const liveTmp = `.runform.state.json.${process.pid}.0badc0de.tmp`;
    await writeFile(join(store.dir, deadTmp), 'partial');
    await writeFile(join(store.dir, deadLockTmp), '{"id":');
    await writeFile(join(store.dir, liveTmp), 'in progress');
    const b = store.backend();
    await b.unlock((await b.lock({ operation: 'apply' })).id);
    expect(await readdir(store.dir)).toEqual([liveTmp]);
  });

  it('makes the lock file appear whole: whoever sees it can read its holder, and no temp file is left', async () => {
    const path = join(store.dir, 'runform.state.json.lock');
    // Many takers at once: exactly one gets the lock, every other one reads a complete holder.
    const infos = Array.from({ length: 8 }, (_, i) => newLockInfo({ operation: `apply ${i}` }));
    const attempts = await Promise.all(infos.map((info) => tryLockFile(path, info)));
    const won = attempts.filter((a) => a.ok);
    expect(won).toHaveLength(1);
    const first = won[0];
    const winner = first?.ok ? first.info : undefined;
    for (const a of attempts) if (!a.ok) expect(a.holder?.id).toBe(winner?.id);
    expect(JSON.parse(await readFile(path, 'utf8')).id).toBe(winner?.id);
    expect(await readdir(store.dir)).toEqual(['runform.state.json.lock']);
  });

  it.skipIf(process.platform !== 'linux')(
    'appends journal lines through a descriptor opened with O_DSYNC, so each write is on disk when it returns',
    async () => {
      const backend = store.backend();
      const session = await StateSession.open(backend, { operation: 'apply' });
      await session.record(createService(1));
      const fd = (backend.journal() as unknown as { fh: { fd: number } }).fh.fd;
      // The kernel's view of the descriptor: its open flags, in octal.
      const flags = Number.parseInt(
        /^flags:\s+([0-7]+)$/m.exec(await readFile(`/proc/self/fdinfo/${fd}`, 'utf8'))![1]!,
        8,
      );
      expect(flags & fsConstants.O_DSYNC).toBe(fsConstants.O_DSYNC);
      expect(flags & fsConstants.O_APPEND).toBe(fsConstants.O_APPEND);
      await session.close();
    },
  );
});
