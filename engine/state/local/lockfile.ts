import { randomUUID } from 'node:crypto';
import { open, readFile, unlink } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { dirname } from 'node:path';
import type { LockRequest } from '../backend.js';
import { LockError, type LockInfo } from '../errors.js';
import { isObject } from '../json.js';
import type { LockAttempt } from '../lock-wait.js';
import { fsyncDir, PRIVATE_MODE } from './atomic.js';

/** The OS user, for the lock's `who`; some containers have no passwd entry. */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/** The lock info this process writes for a request. */
export function newLockInfo(req: LockRequest): LockInfo {
  return {
    id: randomUUID(),
    operation: req.operation,
    who: req.who ?? currentUser(),
    pid: process.pid,
    host: hostname(),
    created: new Date().toISOString(),
  };
}

/** One attempt to create the lock file exclusively (O_EXCL); when it exists, reports who holds it. */
export async function tryLockFile(path: string, info: LockInfo): Promise<LockAttempt> {
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(path, 'wx', PRIVATE_MODE);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new LockError('io', `cannot create the lock file ${path}: ${(e as Error).message}`, undefined, {
        cause: e,
      });
    }
    // The holder writes its info just after creating the file: give it a moment before calling the lock unreadable.
    for (let tries = 0; ; tries++) {
      const held = await readLockFile(path);
      if (held === undefined) return { ok: false, unreadable: 'it vanished' };
      if (held.holder || tries >= 5) return held;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  try {
    await fh.writeFile(`${JSON.stringify(info)}\n`);
    await fh.sync();
  } catch (e) {
    await fh.close();
    await unlink(path).catch(() => {});
    throw new LockError('io', `cannot write the lock file ${path}: ${(e as Error).message}`, undefined, { cause: e });
  }
  await fh.close();
  await fsyncDir(dirname(path));
  return { ok: true, info };
}

/** Reads the lock file: undefined when there is none. */
export async function readLockFile(path: string): Promise<Extract<LockAttempt, { ok: false }> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const holder = parseLockInfo(text);
  // An empty or partial file is a lock being written right now, or one torn by a crash.
  return holder ? { ok: false, holder } : { ok: false, unreadable: `${path} does not hold valid lock information` };
}

/** Removes the lock file when it holds lock `id`; `force` only changes the wording of the refusal. */
export async function removeLockFile(path: string, id: string, force: boolean): Promise<void> {
  const held = await readLockFile(path);
  if (!held) throw new LockError('lock-mismatch', `${path} is not locked; there is nothing to unlock.`);
  if (held.holder?.id !== id) {
    const who = held.holder ? `lock ${held.holder.id}` : 'an unreadable lock';
    const verb = force ? 'force-unlock' : 'unlock';
    throw new LockError(
      'lock-mismatch',
      `cannot ${verb} ${path}: it holds ${who}, not lock ${id}. Nothing was removed.`,
      held.holder,
    );
  }
  await unlink(path);
  await fsyncDir(dirname(path));
}

/** The lock info in a lock's text; undefined when it is not valid lock information. */
export function parseLockInfo(text: string): LockInfo | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(raw)) return undefined;
  const { id, operation, who, pid, host, created } = raw;
  if (typeof id !== 'string' || typeof operation !== 'string' || typeof who !== 'string') return undefined;
  if (typeof pid !== 'number' || typeof host !== 'string' || typeof created !== 'string') return undefined;
  return { id, operation, who, pid, host, created };
}
