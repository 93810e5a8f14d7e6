import { canonicalInstance, type InstanceAddr } from '../../addrs/index.js';
import type { JournalEntry } from '../backend.js';
import type { StateChange } from '../change.js';
import { StateError } from '../errors.js';
import type { JsonValue } from '../json.js';
import { Checker } from './check.js';
import { decodeInstance, encodeInstance } from './v1.js';

/** The journal line format version. */
export const JOURNAL_VERSION = 1;

/** Encodes a journal entry as one line of JSON (without the newline). */
export function encodeJournalLine(e: JournalEntry): string {
  const c = e.change;
  const change =
    c.kind === 'set-instance'
      ? { kind: c.kind, addr: c.addr, provider: c.provider, instance: encodeInstance(c.instance) }
      : c;
  return JSON.stringify({ v: JOURNAL_VERSION, lineage: e.lineage, base: e.base, seq: e.seq, change });
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
  if (o.v !== JOURNAL_VERSION) {
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
        provider: c.name(ch.provider, 'change.provider'),
        instance: decodeInstance(c, ch.instance, 'change.instance').object,
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
