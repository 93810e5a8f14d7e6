// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are HCL source, where ${} is interpolation
import { describe, expect, it } from 'vitest';
import { isKnown, markSensitive, str, tString, tuple, unknown } from '../../../../../engine/lang/index.js';
import { evalOk, evalText } from '../eval-helpers.js';
import { plain, val } from '../values-helpers.js';

describe('templates', () => {
  it('interpolates and converts primitives', () => {
    expect(plain(evalOk('"n=${1 + 1}, b=${true}"'))).toBe('n=2, b=true');
  });
  it('yields a lone interpolation unconverted', () => {
    expect(plain(evalOk('"${[1, 2]}"'))).toEqual([1, 2]);
  });
  it('renders if and for directives', () => {
    expect(plain(evalOk('"%{ if x }yes%{ else }no%{ endif }"', { x: val(false) }))).toBe('no');
    expect(plain(evalOk('"%{ for i, s in ["a", "b"] }${i}:${s};%{ endfor }"'))).toBe('0:a;1:b;');
  });
  it('renders heredocs', () => {
    expect(plain(evalOk('<<EOT\nhello ${name}\nEOT\n', { name: str('web') }))).toBe('hello web\n');
  });
  it('refuses null and non-primitive interpolations', () => {
    expect(evalText('"a${null}"').diagnostics[0].summary).toBe('Invalid template interpolation value');
    expect(evalText('"a${[1]}"').diagnostics[0].detail).toContain('string required');
  });
  it('is an unknown string when a part is unknown, and sensitive when a part is', () => {
    const v = evalOk('"a${u}"', { u: unknown(tString) });
    expect(isKnown(v)).toBe(false);
    expect(v.type).toEqual(tString);
    expect(evalOk('"a${p}"', { p: markSensitive(str('x')) }).sensitive).toBe(true);
    expect(isKnown(evalOk('"%{ if u == "a" }x%{ endif }"', { u: unknown(tString) }))).toBe(false);
  });
});

describe('splat', () => {
  const roots = {
    items: val([
      { id: 'a', tags: ['x'] },
      { id: 'b', tags: ['y'] },
    ]),
    one: val({ id: 'solo' }),
  };
  it('projects attributes across a list', () => {
    expect(plain(evalOk('items[*].id', roots))).toEqual(['a', 'b']);
    expect(plain(evalOk('items.*.id', roots))).toEqual(['a', 'b']);
    expect(plain(evalOk('items[*].tags[0]', roots))).toEqual(['x', 'y']);
  });
  it('wraps a single value and turns null into an empty tuple', () => {
    expect(plain(evalOk('one[*].id', roots))).toEqual(['solo']);
    expect(plain(evalOk('n[*].id', { n: val(null) }))).toEqual([]);
  });
  it('is unknown for an unknown source and keeps unknown elements', () => {
    expect(isKnown(evalOk('u[*].id', { u: unknown() }))).toBe(false);
    const v = evalOk('l[*].id', { l: tuple([unknown()]) });
    expect(isKnown(v)).toBe(true);
    expect(v.payload).toHaveLength(1);
  });
  it('marks the result of a splat over a sensitive source', () => {
    expect(evalOk('s[*].id', { s: markSensitive(roots.items) }).sensitive).toBe(true);
  });
});
