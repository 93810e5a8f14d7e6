// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are HCL source, where ${} is interpolation
import { describe, expect, it } from 'vitest';
import { isKnown, markSensitive, NULL, num, str, tString, unknown } from '../../../../../engine/lang/index.js';
import { call, expectArgError, expectError } from '../ast-helpers.js';
import { plain, val } from '../values-helpers.js';

const ok = (name: string, ...args: Parameters<typeof call>[1]) => {
  const r = call(name, args);
  expect(r.diagnostics).toEqual([]);
  return plain(r.value);
};

describe('case and trimming', () => {
  it('changes case, including non-ASCII letters', () => {
    expect(ok('lower', str('HÉLLO'))).toBe('héllo');
    expect(ok('upper', str('straße'))).toBe('STRASSE');
  });
  it('title-cases each word', () => {
    expect(ok('title', str('hello world-wide web_site'))).toBe('Hello World-Wide Web_site');
  });
  it('trims whitespace, cutsets, prefixes and suffixes', () => {
    expect(ok('trimspace', str('  \n hi \t'))).toBe('hi');
    expect(ok('trim', str('?!hello?!'), str('!?'))).toBe('hello');
    expect(ok('trimprefix', str('helloworld'), str('hello'))).toBe('world');
    expect(ok('trimprefix', str('helloworld'), str('x'))).toBe('helloworld');
    expect(ok('trimsuffix', str('helloworld'), str('world'))).toBe('hello');
  });
  it('refuses a null argument, naming the parameter', () => {
    expectArgError(call('lower', [NULL]), 0, '"str" parameter of lower: argument must not be null');
  });
  it('refuses a list where a string is required', () => {
    expectArgError(call('upper', [val(['a'])]), 0, 'string required');
  });
});

describe('predicates', () => {
  it('tests prefixes, suffixes and containment', () => {
    expect(ok('startswith', str('hello'), str('he'))).toBe(true);
    expect(ok('endswith', str('hello'), str('he'))).toBe(false);
    expect(ok('strcontains', str('hello'), str('ll'))).toBe(true);
  });
});

describe('join and split', () => {
  it('joins several lists', () => {
    expect(ok('join', str(', '), val(['a', 'b']), val(['c']))).toBe('a, b, c');
  });
  it('refuses null elements with the list as the culprit', () => {
    expectArgError(call('join', [str(','), val(['a', null])]), 1, 'element 1 is null');
  });
  it('requires at least one list', () => {
    expectError(call('join', [str(',')]), 'Error in function call', 'at least one list');
  });
  it('splits, including on the empty separator', () => {
    expect(ok('split', str(','), str('a,b,,c'))).toEqual(['a', 'b', '', 'c']);
    expect(ok('split', str(''), str('añb'))).toEqual(['a', 'ñ', 'b']);
  });
});

describe('replace', () => {
  it('replaces every literal occurrence', () => {
    expect(ok('replace', str('1 + 2 + 3'), str('+'), str('-'))).toBe('1 - 2 - 3');
  });
  it('treats a /slashed/ pattern as a regular expression with Go-style group references', () => {
    expect(ok('replace', str('hello world'), str('/w(or)ld/'), str('$1-${1}'))).toBe('hello or-or');
    expect(ok('replace', str('a1b22'), str('/(?P<d>\\d+)/'), str('<$d>'))).toBe('a<1>b<22>');
  });
  it('reports an invalid regular expression', () => {
    expectArgError(call('replace', [str('x'), str('/(/'), str('')]), 1, 'invalid regular expression');
  });
});

describe('substr', () => {
  it('takes code points from an offset, with negative offsets from the end and -1 meaning the rest', () => {
    expect(ok('substr', str('hello world'), num(1), num(4))).toBe('ello');
    expect(ok('substr', str('🤔🤷'), num(0), num(1))).toBe('🤔');
    expect(ok('substr', str('hello world'), num(-5), num(-1))).toBe('world');
    expect(ok('substr', str('abc'), num(1), num(100))).toBe('bc');
  });
  it('refuses a fractional offset and a bad length', () => {
    expectArgError(call('substr', [str('abc'), num(0.5), num(1)]), 1, 'whole number');
    expectArgError(call('substr', [str('abc'), num(0), num(-3)]), 2, 'length must be -1');
  });
});

describe('unknown and sensitive arguments', () => {
  it('yields an unknown string for an unknown argument', () => {
    const r = call('upper', [unknown(tString)]);
    expect(r.diagnostics).toEqual([]);
    expect(isKnown(r.value)).toBe(false);
    expect(r.value.type).toEqual(tString);
  });
  it('keeps the sensitive mark on the result', () => {
    const r = call('upper', [markSensitive(str('secret'))]);
    expect(r.value.sensitive).toBe(true);
    expect(r.value.payload).toBe('SECRET');
  });
  it('marks a join result sensitive when one element is', () => {
    const r = call('join', [str(','), val(['a', 'b'])]);
    expect(r.value.sensitive).toBe(false);
    const list = val(['a', 'b']);
    const marked = { ...list, payload: [(list.payload as readonly never[])[0], markSensitive(str('b'))] };
    expect(call('join', [str(','), marked]).value.sensitive).toBe(true);
  });
});

describe('grapheme clusters', () => {
  it('counts, slices and reverses by user-perceived character', () => {
    const flag = '🇫🇷';
    const accented = 'e\u0301';
    expect(ok('strrev', str(`a${accented}b`))).toBe(`b${accented}a`);
    expect(ok('substr', str(`${flag}x`), num(0), num(1))).toBe(flag);
    expect(plain(call('length', [str(`${flag}${accented}`)]).value)).toBe(2);
  });
});
