import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  asArn,
  canonicalInstance,
  configAddr,
  contains,
  type InstanceAddr,
  instanceAddr,
  instanceOf,
  keySuffix,
  parseInstance,
  parseResource,
  parseTarget,
  type ResourceAddr,
  resourceAddr,
  resourceRef,
} from '../../../../engine/addrs/index.js';

const ok = (text: string) => {
  const r = parseInstance(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.diags[0]?.detail}`);
  return r.value;
};

describe('parseInstance', () => {
  it('parses managed and data addresses with and without an index', () => {
    expect(ok('aws_apprunner_service.web')).toEqual({ mode: 'managed', type: 'aws_apprunner_service', name: 'web' });
    expect(ok('svc.web[3]')).toEqual({ mode: 'managed', type: 'svc', name: 'web', key: 3 });
    expect(ok('svc.web["eu-west"]')).toEqual({ mode: 'managed', type: 'svc', name: 'web', key: 'eu-west' });
    expect(ok('data.svc.web')).toEqual({ mode: 'data', type: 'svc', name: 'web' });
    expect(ok('data.svc.web[0]')).toEqual({ mode: 'data', type: 'svc', name: 'web', key: 0 });
  });

  it('keeps quotes, brackets and escapes inside string keys', () => {
    expect(ok('svc.web["a]b\\"c[d"]').key).toBe('a]b"c[d');
  });

  it.each([
    ['', 'must start with a resource type'],
    ['svc', 'must be followed by a dot'],
    ['svc.', 'name must follow'],
    ['svc.web[', 'non-negative whole number'],
    ['svc.web[-1]', 'non-negative whole number'],
    ['svc.web[01]', 'non-negative whole number'],
    ['svc.web["x]', 'not closed'],
    ['svc.web["x"', 'closed with'],
    ['svc.web[0]x', 'Unexpected "x"'],
    ['svc.web.extra', 'Unexpected ".extra"'],
    ['data.svc.', 'data source name'],
    ['1svc.web', 'must start with a resource type'],
  ])('reports %j as a diagnostic, without throwing', (text, why) => {
    const r = parseInstance(text);
    expect(r.ok).toBe(false);
    expect(r.diags).toHaveLength(1);
    expect(r.diags[0]?.severity).toBe('error');
    expect(r.diags[0]?.summary).toBe(`Invalid resource address "${text}"`);
    expect(r.diags[0]?.detail).toContain(why);
  });

  it('attaches the given source range to its diagnostics', () => {
    const range = {
      filename: 'main.hcl',
      start: { line: 2, column: 3, byte: 9 },
      end: { line: 2, column: 6, byte: 12 },
    };
    const r = parseInstance('nope', range);
    expect(r.diags[0]?.range).toBe(range);
  });

  it('never throws and round-trips canonical text for any input', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const r = parseInstance(text);
        if (r.ok) expect(instanceAddr(ok(instanceAddr(r.value)))).toBe(instanceAddr(r.value));
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('managed' as const, 'data' as const),
        fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/),
        fc.oneof(fc.constant(undefined), fc.nat(), fc.string()),
        (mode, name, key) => {
          const ref = key === undefined ? { mode, type: 't', name } : { mode, type: 't', name, key };
          expect(ok(instanceAddr(ref))).toEqual(ref);
        },
      ),
    );
  });
});

describe('parseResource and parseTarget', () => {
  it('refuses an index where a resource address is expected', () => {
    expect(parseResource('svc.web').ok).toBe(true);
    const r = parseResource('svc.web[0]');
    expect(r.ok).toBe(false);
    expect(r.diags[0]?.detail).toContain('takes no index');
  });

  it('canonicalises a target', () => {
    const r = parseTarget('data.svc.web["k"]');
    expect(r.ok && r.value).toBe('data.svc.web["k"]');
    expect(canonicalInstance('svc.web[ 0]')).toBeUndefined();
  });
});

describe('address helpers', () => {
  const web0 = 'svc.web[0]' as InstanceAddr;
  const webK = 'svc.web["a[b"]' as InstanceAddr;

  it('finds the config address and key part of an instance', () => {
    expect(configAddr(web0)).toBe('svc.web');
    expect(configAddr(webK)).toBe('svc.web');
    expect(configAddr('svc.web' as InstanceAddr)).toBe('svc.web');
    expect(keySuffix(webK)).toBe('["a[b"]');
    expect(instanceOf('svc.web' as ResourceAddr, 'a[b')).toBe(webK);
    expect(instanceOf('svc.web' as ResourceAddr)).toBe('svc.web');
  });

  it('lets a resource target select all its instances and an instance target only itself', () => {
    expect(contains('svc.web' as ResourceAddr, web0)).toBe(true);
    expect(contains('svc.web' as ResourceAddr, webK)).toBe(true);
    expect(contains(web0, web0)).toBe(true);
    expect(contains('svc.web[1]' as InstanceAddr, web0)).toBe(false);
    expect(contains('svc.webx' as ResourceAddr, web0)).toBe(false);
    expect(contains('svc.web' as ResourceAddr, 'data.svc.web' as InstanceAddr)).toBe(false);
  });

  it('splits a canonical resource address into the parts parsing finds, and refuses anything else', () => {
    for (const text of ['svc.web', 'data.svc.web', 'data.web', 'a_b-c.d-e_f']) {
      const addr = text as ResourceAddr;
      const { key: _key, ...parsed } = ok(text);
      expect(resourceRef(addr)).toEqual(parsed);
      expect(resourceAddr(resourceRef(addr))).toBe(text);
    }
    expect(() => resourceRef('web' as ResourceAddr)).toThrow('not a resource address: web');
    expect(() => resourceRef('svc.web.x' as ResourceAddr)).toThrow('not a resource address');
  });

  it('brands only ARN-shaped text', () => {
    expect(asArn('arn:aws:apprunner:eu-west-1:123456789012:service/web/abc')).toBeDefined();
    expect(asArn('not-an-arn')).toBeUndefined();
  });
});
