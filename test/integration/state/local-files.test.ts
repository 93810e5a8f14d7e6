import { spawnSync } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChange, LockError, State, StateSession } from '../../../engine/state/index.js';
import { LocalJournal } from '../../../engine/state/local/journal.js';
import { newLockInfo, tryLockFile } from '../../../engine/state/local/lockfile.js';
import { createService, serviceAddr } from './fixtures.js';
import { localStore } from './local-store.js';

type Store = Awaited<ReturnType<typeof localStore>>;

const journalModule = fileURLToPath(new URL('../../../dist/engine/state/local/journal.js', import.meta.url));
const LINEAGE = '3f5b8e2a-9c1d-4e7f-8a6b-2d4c6e8f0a1b';

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

  it('writes a burst of appends in several writes side by side, and confirms them in order', async () => {
    const journal = new LocalJournal(join(store.dir, 'runform.state.json.journal'));
    const order: number[] = [];
    const appends: Promise<void>[] = [];
    // About 4 MB in one turn of the event loop, as thousands of creates finishing together append.
    for (let seq = 1; seq <= 3_000; seq++) {
      const change = createService(seq);
      appends.push(journal.append({ lineage: LINEAGE, base: 1, seq, change }).then(() => void order.push(seq)));
    }
    // A write of its own for every 256 KiB appended while another was under way, up to four at once.
    expect((journal as unknown as { writes: number }).writes).toBe(4);
    await Promise.all(appends);
    expect(order).toEqual([...Array(3_000).keys()].map((i) => i + 1));
    const read = await journal.readAll();
    expect(read.tornTail).toBe(false);
    expect(read.entries.map((e) => e.seq)).toEqual(order);
    await journal.close();
  });

  it('reads a journal up to the gap a crash left between two writes, as a torn tail', async () => {
    // Writes run side by side: a crash can leave a later write on disk after an earlier one that
    // was cut short, whose unwritten rest reads as NUL bytes. Nothing from the gap on was confirmed.
    const path = join(store.dir, 'runform.state.json.journal');
    const journal = new LocalJournal(path);
    for (let seq = 1; seq <= 3; seq++)
      await journal.append({ lineage: LINEAGE, base: 0, seq, change: createService(seq) });
    await journal.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    const cut = `${lines[0]}\n${lines[1]!.slice(0, 40)}${'\0'.repeat(lines[1]!.length - 40)}\n${lines[2]}\n`;
    await writeFile(path, cut);
    const read = await journal.readAll();
    expect(read.entries.map((e) => e.seq)).toEqual([1]);
    expect(read.tornTail).toBe(true);
    // A session replays what is whole and starts a clean journal.
    const session = await StateSession.open(store.backend(), { operation: 'apply' });
    expect(session.state.instance(serviceAddr(1))).toBeDefined();
    expect(session.state.instance(serviceAddr(2))).toBeUndefined();
    await session.close();
    await expect(readFile(path)).rejects.toThrow('ENOENT');
  });

  it.skipIf(process.platform !== 'linux')(
    'writes journal lines through a descriptor opened with O_DSYNC, so each write is on disk when it returns',
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
      // Each write goes to the place its lines were given (writes may run side by side): with
      // O_APPEND, Linux would put every write at the end whatever place it names.
      expect(flags & fsConstants.O_APPEND).toBe(0);
      await session.close();
    },
  );

  it.skipIf(process.platform !== 'linux')(
    'after an append that fails halfway holds exactly the lines appended before it, and appends nothing queued behind it',
    () => {
      // A real process whose files may not grow past 2 KiB (ulimit -f 2): the fourth line does not
      // fit, so its write stops partway. The fifth and sixth, queued behind it, would fit once the
      // file is cut back; they must be refused, or the journal would skip from change 3 to 5.
      const journal = join(store.dir, 'runform.state.json.journal');
      const script = `
        import { LocalJournal } from ${JSON.stringify(journalModule)};
        const j = new LocalJournal(${JSON.stringify(journal)});
        const entry = (seq, value) => ({ lineage: ${JSON.stringify(LINEAGE)}, base: 1, seq,
          change: { kind: 'set-output', name: 'o' + seq, output: { value, sensitive: false } } });
        const outcome = (p) => p.then(() => 'written', (e) => e.message);
        const done = [];
        for (let seq = 1; seq <= 3; seq++) done.push(await outcome(j.append(entry(seq, 'x'))));
        const rest = [j.append(entry(4, 'y'.repeat(3000))), j.append(entry(5, 'z')), j.append(entry(6, 'z'))];
        done.push(...(await Promise.all(rest.map(outcome))));
        const read = await j.readAll();
        console.log(JSON.stringify({ done, seqs: read.entries.map((e) => e.seq), tornTail: read.tornTail }));
      `;
      const r = spawnSync(
        'bash',
        ['-c', 'ulimit -f 2 && exec "$0" --input-type=module -e "$1"', process.execPath, script],
        {
          encoding: 'utf8',
        },
      );
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout) as { done: string[]; seqs: number[]; tornTail: boolean };
      expect(out.done.slice(0, 3)).toEqual(['written', 'written', 'written']);
      expect(out.done[3]).toMatch(/^cannot append to .*runform\.state\.json\.journal: .*too large/i);
      expect(out.done[4]).toMatch(/an earlier append failed, so no later change is appended/);
      expect(out.done[5]).toBe(out.done[4]);
      expect(out).toMatchObject({ seqs: [1, 2, 3], tornTail: false });
    },
  );
});
