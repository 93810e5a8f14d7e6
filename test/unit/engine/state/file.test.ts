import { describe, expect, it } from 'vitest';
import type { InstanceAddr, ResourceAddr } from '../../../../engine/addrs/index.js';
import { applyChange } from '../../../../engine/state/change.js';
import { encodeInstance, encodeV1Stream, instanceJson } from '../../../../engine/state/file/v1.js';
import {
  decodeJournalLine,
  decodeStateFile,
  encodeJournalLine,
  encodeStateBytes,
  encodeStateFile,
  JournalBytes,
  State,
  type StateChange,
  StateError,
} from '../../../../engine/state/index.js';
import { createService, serviceAddr, serviceInstance } from '../../../integration/state/fixtures.js';

const F = 'runform.state.json';

function sample(): State {
  const s = new State('6f1c1d2e-0000-4000-8000-000000000001', 7);
  s.setInstance(serviceAddr(2), 'provider["apprunner"]', serviceInstance(2));
  s.setInstance(serviceAddr(10), 'provider["apprunner"]', { ...serviceInstance(10), status: 'tainted' });
  s.setInstance('svc.k["b"]' as InstanceAddr, 'provider["apprunner"].eu', {
    attributes: {},
    sensitivePaths: [],
    dependencies: [],
    status: 'pending',
    identity: { service_name: 'b' },
  });
  s.setInstance('data.svc.d' as InstanceAddr, 'provider["apprunner"]', {
    attributes: { a: [1, { b: null }] },
    sensitivePaths: [['a', 0]],
    dependencies: [],
  });
  s.outputs.set('url', { value: 'https://x', sensitive: false });
  s.outputs.set('token', { value: 's3cr3t', sensitive: true });
  return s;
}

const errorOf = (f: () => unknown): StateError => {
  try {
    f();
  } catch (e) {
    if (e instanceof StateError) return e;
    throw e;
  }
  throw new Error('expected a StateError');
};

describe('state file format', () => {
  it('round-trips a state, with the documented field names', () => {
    const text = encodeStateFile(sample());
    const raw = JSON.parse(text);
    expect(Object.keys(raw)).toEqual(['version', 'lineage', 'serial', 'resources', 'outputs']);
    expect(raw.version).toBe(1);
    const pending = raw.resources.find((r: { name: string }) => r.name === 'k');
    expect(pending).toMatchObject({ mode: 'managed', type: 'svc', provider: 'provider["apprunner"].eu' });
    expect(pending.instances[0]).toMatchObject({ index_key: 'b', status: 'pending', identity: { service_name: 'b' } });
    expect(raw.resources[0].instances[0]).toHaveProperty('sensitive_paths');
    const back = decodeStateFile(text, F);
    expect(back.serial).toBe(7);
    expect(encodeStateFile(back)).toBe(text);
    expect(back.instance(serviceAddr(10))?.status).toBe('tainted');
  });

  it('writes deposed objects as instances with a deposed key, in version 2, and reads them back', () => {
    const s = sample();
    s.setDeposed(serviceAddr(2), 'provider["apprunner"]', '0a1b2c3d', serviceInstance(102));
    expect(s.depose(serviceAddr(10), 'ffee0011')).toBe(true);
    const text = encodeStateFile(s);
    const raw = JSON.parse(text);
    expect(raw.version).toBe(2);
    const svc = raw.resources.find((r: { name: string }) => r.name === 'web');
    expect(svc.instances.map((i: { index_key: number; deposed?: string }) => [i.index_key, i.deposed])).toEqual([
      [2, undefined],
      [2, '0a1b2c3d'],
      [10, 'ffee0011'],
    ]);
    const back = decodeStateFile(text, F);
    expect(encodeStateFile(back)).toBe(text);
    expect(back.instance(serviceAddr(10))).toBeUndefined();
    expect(back.deposedObject(serviceAddr(10), 'ffee0011')?.status).toBe('tainted');
    expect(back.deposedObject(serviceAddr(2), '0a1b2c3d')).toEqual(serviceInstance(102));
    expect(back.instanceCount).toBe(3);
    // Once the deposed objects are gone the file is version 1 again, readable by an older runform.
    back.removeDeposed(serviceAddr(2), '0a1b2c3d');
    back.removeDeposed(serviceAddr(10), 'ffee0011');
    expect(JSON.parse(encodeStateFile(back)).version).toBe(1);
  });

  it('refuses a deposed object in a version 1 file, and a repeated deposed key', () => {
    const s = new State('L', 1);
    s.setDeposed(serviceAddr(1), 'provider["p"]', 'aa', serviceInstance(1));
    const raw = JSON.parse(encodeStateFile(s));
    const v1 = errorOf(() => decodeStateFile(JSON.stringify({ ...raw, version: 1 }), F));
    expect(v1.message).toContain('resources[0].instances[0].deposed is not allowed before state format version 2');
    raw.resources[0].instances.push(raw.resources[0].instances[0]);
    expect(errorOf(() => decodeStateFile(JSON.stringify(raw), F)).message).toContain(
      'repeats deposed object aa of aws_apprunner_service.web[1]',
    );
  });

  it('writes resources and instances in a stable order whatever the insertion order', () => {
    const a = new State('L');
    const b = new State('L');
    for (const i of [3, 1, 2]) a.setInstance(serviceAddr(i), 'provider["p"]', serviceInstance(i));
    for (const i of [2, 3, 1]) b.setInstance(serviceAddr(i), 'provider["p"]', serviceInstance(i));
    expect(encodeStateFile(a)).toBe(encodeStateFile(b));
    expect(
      JSON.parse(encodeStateFile(a)).resources[0].instances.map((x: { index_key: number }) => x.index_key),
    ).toEqual([1, 2, 3]);
  });

  it.each([
    ['{ not json', 'corrupt', 'not valid JSON'],
    ['[]', 'corrupt', 'must hold a JSON object'],
    ['{"lineage":"x"}', 'corrupt', '"version" must be a whole number'],
    ['{"version":99,"lineage":"x","serial":1,"resources":[],"outputs":{}}', 'unsupported-version', 'newer runform'],
    ['{"version":1,"serial":1,"resources":[],"outputs":{}}', 'corrupt', 'lineage must be a string'],
    ['{"version":1,"lineage":"x","serial":-1,"resources":[],"outputs":{}}', 'corrupt', 'serial must be a whole number'],
    ['{"version":1,"lineage":"x","serial":1,"resources":{},"outputs":{}}', 'corrupt', 'resources must be a list'],
    [
      '{"version":1,"lineage":"x","serial":1,"resources":[{"mode":"managed","name":"a","provider":"provider[\\"p\\"]","instances":[]}],"outputs":{}}',
      'corrupt',
      'resources[0].type must be a string',
    ],
    [
      '{"version":1,"lineage":"x","serial":1,"resources":[{"mode":"managed","type":"t","name":"a","provider":"provider[\\"p\\"]","instances":[{"attributes":{},"sensitive_paths":[],"dependencies":["not an addr"]}]}],"outputs":{}}',
      'corrupt',
      'resources[0].instances[0].dependencies[0] is not a resource address',
    ],
    [
      '{"version":1,"lineage":"x","serial":1,"resources":[{"mode":"managed","type":"t","name":"a","provider":"provider[\\"p\\"]","instances":[{"status":"gone","attributes":{},"sensitive_paths":[],"dependencies":[]}]}],"outputs":{}}',
      'corrupt',
      'resources[0].instances[0].status must be one of "tainted", "pending"',
    ],
    [
      '{"version":1,"lineage":"x","serial":1,"resources":[{"mode":"managed","type":"t","name":"a","provider":"apprunner","instances":[]}],"outputs":{}}',
      'corrupt',
      'resources[0].provider is not a provider address such as provider["apprunner"]: "apprunner"',
    ],
    [
      '{"version":1,"lineage":"x","serial":1,"resources":[{"mode":"data","type":"t t","name":"a","provider":"provider[\\"p\\"]","instances":[]}],"outputs":{}}',
      'corrupt',
      'resources[0] (type and name) is not a resource address: "data.t t.a"',
    ],
    [
      // An address checked once is remembered by kind: a resource address seen first is still no provider address.
      '{"version":1,"lineage":"x","serial":1,"resources":[{"mode":"managed","type":"t","name":"a","provider":"provider[\\"p\\"]","instances":[{"attributes":{},"sensitive_paths":[],"dependencies":["t.b"]}]},{"mode":"managed","type":"t","name":"c","provider":"t.b","instances":[]}],"outputs":{}}',
      'corrupt',
      'resources[1].provider is not a provider address such as provider["apprunner"]: "t.b"',
    ],
    [
      '{"version":1,"lineage":"x","serial":1,"resources":[],"outputs":{"o":{"sensitive":false}}}',
      'corrupt',
      'outputs.o.value is missing',
    ],
  ])('refuses %s with a message naming the file and the problem', (text, kind, problem) => {
    const e = errorOf(() => decodeStateFile(text, F));
    expect(e.kind).toBe(kind);
    expect(e.message).toContain(F);
    expect(e.message).toContain(problem);
  });
  it('writes one line per instance, and reads the fully indented layout of earlier files alike', () => {
    const s = sample();
    s.setDeposed(serviceAddr(2), 'provider["apprunner"]', '0a1b2c3d', serviceInstance(102));
    const text = encodeStateFile(s);
    const lines = text.split('\n');
    for (const [addr] of s.instances()) {
      const key = /\[(.+)\]$/.exec(addr)?.[1];
      if (key) expect(lines.filter((l) => l.trimStart().startsWith(`{"index_key":${key}`)).length).toBeGreaterThan(0);
    }
    expect(lines.filter((l) => l.includes('"deposed":"0a1b2c3d"'))).toHaveLength(1);
    // The same document as the canonical encoding, whatever the layout.
    const doc = JSON.parse(text);
    const indented = `${JSON.stringify(doc, null, 2)}\n`;
    expect(encodeStateFile(decodeStateFile(indented, F))).toBe(text);
    expect(decodeStateFile(indented, F)).toEqual(decodeStateFile(text, F));
  });

  it('writes an instance as the same JSON as its wire shape, dependencies deduplicated and sorted', () => {
    const o = {
      ...serviceInstance(3),
      status: 'pending' as const,
      identity: { service_name: 'x' },
      dependencies: ['b.y', 'a.x', 'b.y'] as ResourceAddr[],
    };
    expect(JSON.parse(instanceJson(o, false))).toEqual(encodeInstance(o));
    expect(instanceJson(o, false)).toBe(JSON.stringify(encodeInstance(o)));
    expect(JSON.parse(instanceJson(o, true)).identity).toBe(true);
  });

  it('re-encodes an instance once a change sets a new object for it', () => {
    const s = sample();
    const before = encodeStateFile(s);
    s.setInstance(serviceAddr(2), 'provider["apprunner"]', { ...serviceInstance(2), status: 'tainted' });
    const after = encodeStateFile(s);
    expect(after).not.toBe(before);
    expect(decodeStateFile(after, F).instance(serviceAddr(2))?.status).toBe('tainted');
  });
  it('encodes the same document as bytes as it does as text, across many resources and deposed-only ones', () => {
    const s = sample();
    // Enough instances that the text is encoded in several runs; keys outside ASCII; a resource
    // whose only object is deposed.
    for (let i = 0; i < 600; i++) {
      s.setInstance(`svc.many["clé-${i}"]` as InstanceAddr, 'provider["apprunner"]', serviceInstance(i));
    }
    s.setDeposed('svc.gone' as InstanceAddr, 'provider["apprunner"]', '0a1b2c3d', serviceInstance(40));
    const bytes = encodeStateBytes(s);
    const text = encodeStateFile(s);
    expect(bytes.length).toBeGreaterThan(3 * 65_536);
    expect(bytes.equals(Buffer.from(text))).toBe(true);
    const raw = JSON.parse(text);
    expect(raw.version).toBe(2);
    const back = decodeStateFile(text, F);
    expect(back.deposedObject('svc.gone' as InstanceAddr, '0a1b2c3d')).toBeDefined();
    expect(raw.resources.find((r: { name: string }) => r.name === 'gone').instances).toHaveLength(1);
    expect(back.instance('svc.many["clé-599"]' as InstanceAddr)).toBeDefined();
    expect(encodeStateFile(back)).toBe(text);
  });
});

describe('journal lines', () => {
  it('round-trips every kind of change', () => {
    const changes: StateChange[] = [
      createService(4),
      { kind: 'remove-instance', addr: serviceAddr(4) },
      { kind: 'depose-instance', addr: serviceAddr(4), deposed: '12ab34cd' },
      { kind: 'restore-deposed', addr: serviceAddr(4), deposed: '12ab34cd' },
      { kind: 'remove-deposed', addr: serviceAddr(4), deposed: '12ab34cd' },
      { kind: 'set-output', name: 'o', output: { value: [1, 'a'], sensitive: true } },
      { kind: 'remove-output', name: 'o' },
    ];
    changes.forEach((change, i) => {
      const entry = { lineage: 'L', base: 3, seq: i + 1, change };
      const line = encodeJournalLine(entry);
      expect(line).not.toContain('\n');
      expect(decodeJournalLine(line, 'j', 1)).toEqual(entry);
    });
  });

  it('gathers lines as bytes equal to the text lines, each ending in a newline', () => {
    const jb = new JournalBytes();
    expect(jb.empty).toBe(true);
    const entries = [
      { lineage: 'L', base: 3, seq: 1, change: createService(4) },
      {
        lineage: 'L',
        base: 3,
        seq: 2,
        change: { kind: 'remove-instance' as const, addr: 'svc.k["é☃"]' as InstanceAddr },
      },
      { lineage: 'M', base: 0, seq: 1, change: createService(5) },
    ];
    // Past the first block's size (64 KiB), so that more blocks are started.
    for (let i = 0; i < 400; i++) entries.push({ lineage: 'M', base: 0, seq: i + 2, change: createService(i) });
    for (const e of entries) jb.add(e);
    const first = jb.take();
    expect(first.length).toBeGreaterThan(1);
    const text = entries.map((e) => `${encodeJournalLine(e)}\n`).join('');
    expect(Buffer.concat(first).toString('utf8')).toBe(text);
    expect(jb.empty).toBe(true);
    jb.add(entries[1]!);
    expect(Buffer.concat(jb.take()).toString('utf8')).toBe(`${encodeJournalLine(entries[1]!)}\n`);
    // What was taken before stays as it was.
    expect(Buffer.concat(first).toString('utf8')).toBe(text);
  });

  it('writes a state whose instances were journalled first exactly as it writes the same state encoded afresh', () => {
    // Journal lines and state files share the encoding of an instance: keyed, deposed, tainted,
    // sensitive and non-ASCII instances must come out the same either way.
    const s = new State('6f1c1d2e-0000-4000-8000-000000000002', 1);
    const jb = new JournalBytes();
    let seq = 0;
    const record = (change: StateChange) => {
      applyChange(s, change);
      jb.add({ lineage: s.lineage, base: 1, seq: ++seq, change });
    };
    for (let i = 0; i < 300; i++) record(createService(i));
    for (let i = 0; i < 50; i++) {
      const instance = {
        ...serviceInstance(i),
        sensitivePaths: [['service_name']],
        dependencies: ['svc.a', 'svc.b'] as ResourceAddr[],
      };
      record({ kind: 'set-instance', addr: `svc.k["clé-${i}"]` as InstanceAddr, provider: 'provider["p"]', instance });
      record({ kind: 'set-instance', addr: `svc.n[${i}]` as InstanceAddr, provider: 'provider["p"]', instance });
    }
    record({ kind: 'depose-instance', addr: serviceAddr(3), deposed: '0a1b2c3d' });
    const tainted = { ...serviceInstance(3), status: 'tainted' as const };
    record({ kind: 'set-instance', addr: serviceAddr(3), provider: 'provider["apprunner"]', instance: tainted });
    jb.take();
    const text = encodeStateFile(s);
    expect(text).toBe(encodeStateFile(decodeStateFile(text, F)));
    const fresh = decodeStateFile(text, F);
    expect(fresh).toEqual(s);
    // In parts of at least 10 kB (a resource is never split) through reused memory, each copied
    // before the next is made, the bytes are the same.
    const parts: Buffer[] = [];
    for (const part of encodeV1Stream(s, 10_000)) parts.push(Buffer.concat(part));
    expect(parts.length).toBeGreaterThan(2);
    expect(Buffer.concat(parts).toString('utf8')).toBe(text);
  });

  it('refuses a line with an unknown version or a bad address, naming the line', () => {
    const good = JSON.parse(encodeJournalLine({ lineage: 'L', base: 0, seq: 1, change: createService(1) }));
    expect(errorOf(() => decodeJournalLine(JSON.stringify({ ...good, v: 3 }), 'j', 3)).message).toContain(
      'j line 3: unknown journal format version 3',
    );
    const bad = { ...good, change: { ...good.change, addr: 'svc.web[ 1]' } };
    expect(errorOf(() => decodeJournalLine(JSON.stringify(bad), 'j', 4)).message).toContain(
      'is not an instance address',
    );
  });

  it('writes a pending record whose identity is its arguments without repeating them, and reads it back whole', () => {
    const args = { service_name: 'web', cpu: '1024', tags: { team: 'a' } };
    const instance = {
      attributes: args,
      identity: args,
      status: 'pending' as const,
      sensitivePaths: [],
      dependencies: [],
    };
    const entry = {
      lineage: 'L',
      base: 0,
      seq: 1,
      change: { kind: 'set-instance' as const, addr: serviceAddr(1), provider: 'provider["p"]', instance },
    };
    const line = encodeJournalLine(entry);
    expect(line.split('"service_name"').length - 1).toBe(1);
    expect(JSON.parse(line).change.instance.identity).toBe(true);
    expect(decodeJournalLine(line, 'j', 1)).toEqual(entry);
    // An identity that differs from the arguments is written out.
    const other = {
      ...entry,
      change: { ...entry.change, instance: { ...instance, identity: { service_name: 'web' } } },
    };
    expect(decodeJournalLine(encodeJournalLine(other), 'j', 1)).toEqual(other);
  });

  it('still replays version 1 lines, where identity is always written out', () => {
    const args = { service_name: 'web' };
    const v1 = JSON.stringify({
      v: 1,
      lineage: 'L',
      base: 2,
      seq: 1,
      change: {
        kind: 'set-instance',
        addr: serviceAddr(1),
        provider: 'provider["p"]',
        instance: { status: 'pending', identity: args, attributes: args, sensitive_paths: [], dependencies: [] },
      },
    });
    const e = decodeJournalLine(v1, 'j', 1);
    expect(e.change).toMatchObject({ kind: 'set-instance', instance: { identity: args, attributes: args } });
  });
});
