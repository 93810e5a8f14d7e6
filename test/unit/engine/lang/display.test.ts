import { describe, expect, it } from 'vitest';
import {
  displayValue,
  markSensitive,
  num,
  object,
  str,
  tString,
  tuple,
  unknown,
} from '../../../../engine/lang/index.js';
import { val } from './values-helpers.js';

describe('displayValue', () => {
  it('renders primitives, collections and odd keys as HCL-like text', () => {
    expect(displayValue(val({ name: 'web', 'a key': [1, true, null], e: {} }))).toBe(
      '{\n  "a key" = [\n    1,\n    true,\n    null,\n  ]\n  e       = {}\n  name    = "web"\n}',
    );
  });
  it('renders multi-line strings as heredocs', () => {
    expect(displayValue(str('a\nb\n'))).toBe('<<-EOT\n  a\n  b\nEOT');
  });
  it('never shows a sensitive value and says when a value is unknown', () => {
    const v = object({ password: markSensitive(str('hunter2')), arn: unknown(tString), n: num(1) });
    const text = displayValue(v);
    expect(text).not.toContain('hunter2');
    expect(text).toContain('password = (sensitive value)');
    expect(text).toContain('arn      = (known after apply)');
    expect(displayValue(markSensitive(tuple([str('x')])))).toBe('(sensitive value)');
  });
});
