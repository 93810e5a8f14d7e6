import { randomBytes, randomUUID } from 'node:crypto';
import { link, open, readFile, unlink } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { basename, dirname, join } from 'node:path';
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

/** What link() fails with on a file system that has no hard links. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * One attempt to take the lock; when the lock file exists, reports who holds it. The lock info is
 * written and synced to a temporary file first, then hard-linked to the lock's name, which fails
 * when that name exists: the lock file appears whole, so a process killed at any moment never
 * leaves an empty or half-written lock. Where the file system has no hard links, the lock file is
 * created exclusively (O_EXCL) and written in place.
 */
export async function tryLockFile(path: string, info: LockInfo): Promise<LockAttempt> {
  const text = `${JSON.stringify(info)}\n`;
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeSynced(tmp, 'wx', text);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw new LockError('io', `cannot write the lock file ${path}: ${(e as Error).message}`, undefined, { cause: e });
  }
  let linked: 'yes' | 'exists' | 'unsupported';
  try {
    await link(tmp, path);
    linked = 'yes';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (code !== 'EEXIST' && !NO_HARD_LINKS.has(code)) {
      await unlink(tmp).catch(() => {});
      throw new LockError('io', `cannot create the lock file ${path}: ${(e as Error).message}`, undefined, {
        cause: e,
      });
    }
    linked = code === 'EEXIST' ? 'exists' : 'unsupported';
  }
  await unlink(tmp).catch(() => {});
  if (linked === 'unsupported') return tryLockFileInPlace(path, info, text);
  if (linked === 'exists') return heldBy(path);
  await fsyncDir(dirname(path));
  return { ok: true, info };
}

async function writeSynced(path: string, flags: string, text: string): Promise<void> {
  const fh = await open(path, flags, PRIVATE_MODE);
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

// Without hard links: create the lock file exclusively, then write it.
async function tryLockFileInPlace(path: string, info: LockInfo, text: string): Promise<LockAttempt> {
  try {
    await writeSynced(path, 'wx', text);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return heldBy(path);
    await unlink(path).catch(() => {});
    throw new LockError('io', `cannot write the lock file ${path}: ${(e as Error).message}`, undefined, { cause: e });
  }
  await fsyncDir(dirname(path));
  return { ok: true, info };
}

// Who holds an existing lock file. A lock written in place may still be being written: it gets a
// moment before it is called unreadable.
async function heldBy(path: string): Promise<LockAttempt> {
  for (let tries = 0; ; tries++) {
    const held = await readLockFile(path);
    if (held === undefined) return { ok: false, unreadable: 'it vanished' };
    if (held.holder || tries >= 5) return held;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Reads the lock file: undefined when there is none. */
export async function readLockFile(path: string): Promise<Extract<LockAttempt, { ok: false }> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // A folder in the lock's place makes every run fail until someone removes it; say so.
    if (code === 'EISDIR') {
      throw new LockError(
        'io',
        `the lock file ${path} is a folder, not a file; remove that folder and run again.`,
        undefined,
        { cause: e },
      );
    }
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
