import { canonicalInstance, type InstanceAddr } from '../../addrs/index.js';
import type { JournalEntry } from '../backend.js';
import type { StateChange } from '../change.js';
import { StateError } from '../errors.js';
import type { JsonValue } from '../json.js';
import type { InstanceObject } from '../state.js';
import { Utf8Blocks } from './bytes.js';
import { Checker } from './check.js';
import { decodeInstance, encodedText, instanceBody, writeInstanceRest } from './v1.js';

/**
 * The journal line format version. Version 2 writes the `identity` of a pending instance whose
 * identity is its arguments (what a create records before calling the provider) as `true`, "the
 * same as `attributes`", instead of repeating them. Version 1 lines still replay.
 */
export const JOURNAL_VERSION = 2;

// The lines of one journal share their lineage and base, and mostly their provider: the JSON of
// the last ones seen is kept rather than written out again for every line.
let lastHead = { lineage: '', base: -1, bytes: Buffer.alloc(0) };
let lastProvider = { provider: '', bytes: Buffer.from('""') };

/** The text every line of a journal starts with, up to its sequence number: `{"v":…,"seq":`. */
function headOf(e: JournalEntry): typeof lastHead {
  if (lastHead.lineage !== e.lineage || lastHead.base !== e.base) {
    const text = `{"v":${JOURNAL_VERSION},"lineage":${JSON.stringify(e.lineage)},"base":${e.base},"seq":`;
    lastHead = { lineage: e.lineage, base: e.base, bytes: Buffer.from(text, 'utf8') };
  }
  return lastHead;
}

function providerOf(provider: string): typeof lastProvider {
  if (lastProvider.provider !== provider) {
    lastProvider = { provider, bytes: Buffer.from(JSON.stringify(provider), 'utf8') };
  }
  return lastProvider;
}

// A pending record (what a create writes before it calls the provider) has the identity of its
// arguments, the same object: written as `true`. It lives until its create returns, so its text is
// not kept.
const isPendingArgs = (o: InstanceObject): boolean => o.identity !== undefined && o.identity === o.attributes;

/** Encodes a journal entry as one line of JSON (without the newline). */
export function encodeJournalLine(e: JournalEntry): string {
  const c = e.change;
  // A backend that writes lines as text keeps each instance's text for its next compaction.
  if (c.kind === 'set-instance' && !isPendingArgs(c.instance)) instanceBody(c.instance);
  return encodedText((w) => writeLine(w, e, false));
}

const CHANGE = Buffer.from(',"change":');
const SET_INSTANCE = Buffer.from(',"change":{"kind":"set-instance","addr":');
const PROVIDER = Buffer.from(',"provider":');
const INSTANCE = Buffer.from(',"instance":{');
const SET_INSTANCE_END = Buffer.from('}}');

/** Appends the line of `e`, without its newline; with `keep`, an instance's encoding is kept (see writeInstanceRest). */
function writeLine(out: Utf8Blocks, e: JournalEntry, keep: boolean): void {
  const c = e.change;
  out.bytes(headOf(e).bytes);
  out.int(e.seq);
  if (c.kind !== 'set-instance') {
    out.bytes(CHANGE);
    out.str(JSON.stringify(c));
    out.byte(0x7d); // }
    return;
  }
  out.bytes(SET_INSTANCE);
  out.str(JSON.stringify(c.addr));
  out.bytes(PROVIDER);
  out.bytes(providerOf(c.provider).bytes);
  out.bytes(INSTANCE);
  writeInstanceRest(out, c.instance, isPendingArgs(c.instance), keep);
  out.bytes(SET_INSTANCE_END);
}

/**
 * Journal lines gathered as UTF-8, newline-terminated, ready to append: the same text as
 * encodeJournalLine. Each piece of a line is encoded straight into a large block shared by the
 * batches that follow (see Utf8Blocks): what a journal does for every change it records costs no
 * string per line, no join and no copy. The blocks are never reused: the state's instances keep
 * their encoding there for the compaction to copy.
 */
export class JournalBytes {
  private readonly out = new Utf8Blocks();

  /** Appends the line of `e`. */
  add(e: JournalEntry): void {
    writeLine(this.out, e, true);
    this.out.byte(0x0a); // newline
  }

  /** True when no line was added since the last take. */
  get empty(): boolean {
    return this.out.size === 0;
  }

  /** Bytes added since the last take. */
  get size(): number {
    return this.out.size;
  }

  /** The lines added since the last take, in chunks to write in order; later lines never overwrite them. */
  take(): Buffer[] {
    return this.out.take();
  }
}

/** Decodes and validates one journal line; a bad line is a StateError naming `location` and the line. */
export function decodeJournalLine(line: string, location: string, lineNo: number): JournalEntry {
  const where = `${location} line ${lineNo}`;
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    throw new StateError('corrupt', `${where}: not valid JSON`, { cause: e });
  }
  const c = new Checker(where);
  const o = c.object(raw, '');
  if (o.v !== 1 && o.v !== JOURNAL_VERSION) {
    throw new StateError('unsupported-version', `${where}: unknown journal format version ${JSON.stringify(o.v)}`);
  }
  const ch = c.object(o.change, 'change');
  const kind = c.oneOf(
    ch.kind,
    [
      'set-instance',
      'remove-instance',
      'depose-instance',
      'restore-deposed',
      'remove-deposed',
      'set-output',
      'remove-output',
    ] as const,
    'kind',
  );
  let change: StateChange;
  switch (kind) {
    case 'set-instance':
      change = {
        kind,
        addr: instanceAddrOf(c, ch.addr),
        provider: c.providerAddr(ch.provider, 'change.provider'),
        instance: decodeSetInstance(c, ch.instance, o.v === JOURNAL_VERSION),
      };
      break;
    case 'remove-instance':
      change = { kind, addr: instanceAddrOf(c, ch.addr) };
      break;
    case 'depose-instance':
    case 'restore-deposed':
    case 'remove-deposed':
      change = { kind, addr: instanceAddrOf(c, ch.addr), deposed: c.name(ch.deposed, 'change.deposed') };
      break;
    case 'set-output': {
      const out = c.object(ch.output, 'change.output');
      change = {
        kind,
        name: c.name(ch.name, 'change.name'),
        output: { value: out.value as JsonValue, sensitive: c.bool(out.sensitive, 'change.output.sensitive') },
      };
      break;
    }
    case 'remove-output':
      change = { kind, name: c.name(ch.name, 'change.name') };
      break;
  }
  return { lineage: c.name(o.lineage, 'lineage'), base: c.count(o.base, 'base'), seq: c.count(o.seq, 'seq'), change };
}

function instanceAddrOf(c: Checker, v: unknown): InstanceAddr {
  const s = c.string(v, 'change.addr');
  if (canonicalInstance(s) !== s) c.fail('change.addr', `is not an instance address: ${JSON.stringify(s)}`);
  return s as InstanceAddr;
}

// In version 2 lines, `identity: true` stands for "the same as attributes".
function decodeSetInstance(c: Checker, raw: unknown, v2: boolean): InstanceObject {
  const o = c.object(raw, 'change.instance');
  if (!v2 || o.identity !== true) return decodeInstance(c, o, 'change.instance').object;
  const { identity: _, ...rest } = o;
  const object = decodeInstance(c, rest, 'change.instance').object;
  return { ...object, identity: object.attributes };
}
