import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** File mode of every state, backup, journal and lock file: they may hold secrets. */
export const PRIVATE_MODE = 0o600;

/** Makes a directory entry change (create, rename, unlink) durable. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } catch (e) {
    // Some file systems cannot fsync a directory; the rename is still atomic there.
    if ((e as NodeJS.ErrnoException).code !== 'EINVAL' && (e as NodeJS.ErrnoException).code !== 'EISDIR') throw e;
  } finally {
    await fh.close();
  }
}

/**
 * Returns the fingerprint of the written file.
 * Replaces `path` with `data` so that a crash leaves either the old or the new file, never a mix:
 * temp file in the same folder (mode 0600), fsync, rename over the target, fsync the folder.
 */
export async function atomicWrite(path: string, data: string | Uint8Array): Promise<string> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', PRIVATE_MODE);
  let written: string;
  try {
    await fh.writeFile(data);
    await fh.sync();
    written = fingerprintOf(await fh.stat({ bigint: true }));
  } catch (e) {
    await fh.close();
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await fh.close();
  try {
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
  await fsyncDir(dir);
  return written;
}

/** Identifies one version of a file: a rename-based write always changes it. */
export function fingerprintOf(s: { ino: bigint; size: bigint; mtimeNs: bigint }): string {
  return `${s.ino}:${s.size}:${s.mtimeNs}`;
}
