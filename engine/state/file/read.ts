import { StateError } from '../errors.js';
import { isObject } from '../json.js';
import type { State } from '../state.js';
import { joined } from './bytes.js';
import { decodeV1, decodeV2, encodeV1Chunks, encodeV1Stream, encodeV1Text, VERSION_1, VERSION_2 } from './v1.js';

/** The newest state file format version (writes use the oldest version that holds the state). */
export const CURRENT_VERSION = VERSION_2;

/**
 * One reader per known format version. A reader of an older version upgrades what it reads to
 * the current model, so the rest of runform only ever sees the current one.
 */
const readers: Record<number, (raw: Record<string, unknown>, location: string) => State> = {
  [VERSION_1]: decodeV1,
  [VERSION_2]: decodeV2,
};

/**
 * Parses a state file: reads `version` first, then hands the document to that version's reader.
 * A corrupt document or an unknown version is refused with a StateError naming `location`.
 */
export function decodeStateFile(text: string, location: string): State {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new StateError('corrupt', `${location}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  if (!isObject(raw)) throw new StateError('corrupt', `${location}: a state file must hold a JSON object`);
  const v = raw.version;
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) {
    throw new StateError('corrupt', `${location}: "version" must be a whole number ≥ 1, found ${JSON.stringify(v)}`);
  }
  const reader = readers[v];
  if (!reader) {
    const why =
      v > CURRENT_VERSION
        ? `was written by a newer runform (state format version ${v}; this runform reads up to version ${CURRENT_VERSION}). Upgrade runform to use it`
        : `has state format version ${v}, which runform never wrote`;
    throw new StateError('unsupported-version', `${location}: ${why}. The file was left untouched.`);
  }
  return reader(raw, location);
}

/** Encodes a state in the current format, as the text of a state file. */
export function encodeStateFile(state: State): string {
  return encodeV1Text(state);
}

/**
 * encodeStateFile as the UTF-8 bytes to write, made without a text copy of the whole state: in parts
 * of about a megabyte, each in chunks to write in order, and each to be written before the next is
 * asked for (the memory under one part is used again for the next).
 */
export function encodeStateStream(state: State): Iterable<Buffer[]> {
  return encodeV1Stream(state);
}

/** encodeStateFile as UTF-8 bytes, in one buffer. */
export function encodeStateBytes(state: State): Buffer {
  return joined(encodeV1Chunks(state));
}
