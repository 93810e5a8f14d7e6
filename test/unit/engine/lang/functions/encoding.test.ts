import { describe, expect, it } from 'vitest';
import { isKnown, markSensitive, NULL, num, str, tString, tuple, unknown } from '../../../../../engine/lang/index.js';
import { call, expectArgError, callOk as ok } from '../ast-helpers.js';
import { plain, val } from '../values-helpers.js';

describe('jsonencode and jsondecode', () => {
  it('encodes with sorted keys, full integers and HTML-safe escapes', () => {
    expect(plain(ok('jsonencode', val({ b: [1, true, null], a: '<x & y>' })))).toBe(
      '{"a":"\\u003cx \\u0026 y\\u003e","b":[1,true,null]}',
    );
    expect(plain(ok('jsonencode', num(1e20)))).toBe('100000000000000000000');
    expect(plain(ok('jsonencode', NULL))).toBe('null');
  });
  it('decodes objects and arrays as objects and tuples', () => {
    const v = ok('jsondecode', str('{"a":[1,"x"],"b":null}'));
    expect(v.type.kind).toBe('object');
    expect(plain(v)).toEqual({ a: [1, 'x'], b: null });
  });
  it('reports invalid JSON at the argument', () => {
    expectArgError(call('jsondecode', [str('{nope')]), 0, 'invalid JSON');
  });
  it('is unknown when any part of the value is unknown, and keeps sensitivity', () => {
    expect(isKnown(ok('jsonencode', tuple([unknown(tString)])))).toBe(false);
    expect(ok('jsonencode', tuple([markSensitive(str('s'))])).sensitive).toBe(true);
  });
});

describe('yamlencode and yamldecode', () => {
  it('round-trips structures', () => {
    const text = plain(ok('yamlencode', val({ name: 'web', ports: [80, 443] }))) as string;
    expect(text).toContain('"name": "web"');
    expect(plain(ok('yamldecode', str(text)))).toEqual({ name: 'web', ports: [80, 443] });
  });
  it('writes the layout Terraform documents: quoted strings, sorted keys, unindented sequences', () => {
    expect(plain(ok('yamlencode', val({ foo: [1, 2, 3], bar: 'baz' })))).toBe('"bar": "baz"\n"foo":\n- 1\n- 2\n- 3\n');
  });
  it('reports invalid YAML', () => {
    expectArgError(call('yamldecode', [str('a: [')]), 0, 'invalid YAML');
  });
  it('refuses YAML that contains itself through an alias, at the argument', () => {
    expectArgError(
      call('yamldecode', [str('&a [*a]')]),
      0,
      'YAML nests too deeply, or contains itself through an alias',
    );
  });
});

describe('base64 and URL encoding', () => {
  it('encodes and decodes UTF-8 text', () => {
    expect(plain(ok('base64encode', str('héllo')))).toBe('aMOpbGxv');
    expect(plain(ok('base64decode', str('aMOpbGxv')))).toBe('héllo');
  });
  it('refuses malformed base64 and non-UTF-8 results', () => {
    expectArgError(call('base64decode', [str('%%%')]), 0, 'not valid base64');
    expectArgError(call('base64decode', [str('/w==')]), 0, 'not valid UTF-8');
  });
  it('query-escapes strings', () => {
    expect(plain(ok('urlencode', str('a b&c/d')))).toBe('a+b%26c%2Fd');
  });
});

describe('hashes', () => {
  it('hashes the UTF-8 bytes', () => {
    expect(plain(ok('md5', str('hello')))).toBe('5d41402abc4b2a76b9719d911017c592');
    expect(plain(ok('sha256', str('hello')))).toBe('2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824');
    expect(plain(ok('sha1', str('hello')))).toBe('aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d');
  });
  it('keeps the result of hashing a secret sensitive', () => {
    expect(ok('sha256', markSensitive(str('pw'))).sensitive).toBe(true);
  });
  it('refuses null', () => {
    expectArgError(call('md5', [NULL]), 0, 'must not be null');
  });
});

describe('integer precision', () => {
  it('refuses decoded integers beyond 2^53 instead of rounding them', () => {
    expectArgError(call('jsondecode', [str('{"id": 12345678901234567890}')]), 0, 'cannot be represented exactly');
    expectArgError(call('yamldecode', [str('id: 12345678901234567890')]), 0, 'cannot be represented exactly');
  });
  it('accepts big numbers inside strings and ordinary floats', () => {
    expect(plain(ok('jsondecode', str('{"id": "12345678901234567890", "f": 1.5e300, "n": 9007199254740992}')))).toEqual(
      {
        id: '12345678901234567890',
        f: 1.5e300,
        n: 9007199254740992,
      },
    );
    expect(plain(ok('yamldecode', str('n: 42')))).toEqual({ n: 42 });
  });
});
