import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExpression, parseHCL } from '../../../../engine/hcl/index.js';
import { validSnippets } from './conformance/all.js';

// Random and mutated inputs: the parser must return (never throw) and never fall back to its
// last-resort guard, which would mean a bug.

const pieces = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '"',
  '${',
  '%{',
  '~}',
  '}',
  '=',
  '==',
  ',',
  '.',
  '...',
  ':',
  '::',
  '?',
  '=>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '!',
  '&&',
  '||',
  '<',
  '>=',
  '\n',
  '\r\n',
  ' ',
  '\t',
  '#',
  '//',
  '/*',
  '*/',
  '\\',
  '<<EOF\n',
  '<<-EOF\n',
  'EOF\n',
  'for',
  'in',
  'if',
  'else',
  'endif',
  'endfor',
  'a',
  'b1',
  'x-y',
  'é',
  '0',
  '1.5e3',
  '.0',
  '[*]',
  '.*',
  'true',
  'null',
  '$${',
  '\ud800',
  '\u0000',
  '😀',
];

function check(text: string): void {
  const r = parseHCL(text, 'p.hcl');
  expect(r.diagnostics.filter((d) => d.summary === 'Internal parser error')).toEqual([]);
  const e = parseExpression(text, 'p.hcl');
  expect(e.diagnostics.filter((d) => d.summary === 'Internal parser error')).toEqual([]);
}

const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...pieces) }),
  fc.record({ op: fc.constant('random' as const), at: fc.nat(), text: fc.string({ unit: 'binary', maxLength: 3 }) }),
  fc.record({ op: fc.constant('copy' as const), at: fc.nat(), from: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(src: string, m: Mutation): string {
  const at = src.length === 0 ? 0 : m.at % (src.length + 1);
  switch (m.op) {
    case 'delete':
      return src.slice(0, at) + src.slice(at + m.len);
    case 'insert':
    case 'random':
      return src.slice(0, at) + m.text + src.slice(at);
    case 'copy': {
      const from = src.length === 0 ? 0 : m.from % src.length;
      return src.slice(0, at) + src.slice(from, from + m.len) + src.slice(at);
    }
  }
}

describe('the parser never throws', () => {
  it('on random Unicode text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 200 }), check), { numRuns: 500 });
  });

  it('on random sequences of HCL tokens', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => check(parts.join(''))),
      { numRuns: 1500 },
    );
  });

  it('on mutations of valid snippets', () => {
    fc.assert(
      fc.property(fc.constantFrom(...validSnippets), fc.array(mutation, { minLength: 1, maxLength: 6 }), (src, ms) =>
        check(ms.reduce(apply, src)),
      ),
      { numRuns: 2000 },
    );
  });
});
