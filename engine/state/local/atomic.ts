import { randomBytes } from 'node:crypto';
import { type FileHandle, open, rename, unlink } from 'node:fs/promises';
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
 * Writes the chunks in order at the handle's position. A write call may take part of a chunk; the
 * rest follows, so nothing is ever cut short.
 */
export async function writeChunks(fh: FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  for (const c of chunks) {
    for (let at = 0; at < c.length; ) at += (await fh.write(c, at)).bytesWritten;
  }
}

/**
 * Returns the fingerprint of the written file.
 * Replaces `path` with `data` (text; bytes in chunks written in order; or parts of such chunks, each
 * written before the next is asked for) so that a crash leaves either the old or the new file,
 * never a mix: temp file in the same folder (mode 0600), fsync, rename over the target, fsync the folder.
 */
export async function atomicWrite(
  path: string,
  data: string | readonly Uint8Array[] | Iterable<readonly Uint8Array[]>,
): Promise<string> {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx', PRIVATE_MODE);
  let written: string;
  try {
    if (typeof data === 'string') await fh.writeFile(data);
    else if (Array.isArray(data)) await writeChunks(fh, data as readonly Uint8Array[]);
    else for (const part of data as Iterable<readonly Uint8Array[]>) await writeChunks(fh, part);
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
