import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHCL, parseHCL } from '../../../../../engine/hcl/index.js';
import { validSnippets } from '../conformance/all.js';
import { strip } from '../helpers.js';

// Over every snippet HashiCorp's HCL accepts: formatting is idempotent, keeps the meaning (the same
// syntax tree, ranges aside) and keeps every comment.

function formatted(src: string): string {
  const r = formatHCL(src, 'f.hcl');
  if (r.output === undefined) throw new Error(`refused: ${r.diagnostics.map((d) => d.summary).join('; ')}`);
  return r.output;
}

/** The syntax tree without ranges, as JSON. */
function tree(src: string): string {
  return JSON.stringify(strip(parseHCL(src, 'f.hcl').file.body));
}

function comments(src: string): string[] {
  return parseHCL(src, 'f.hcl').file.comments.map((c) => c.text.trimEnd().replace(/\r\n/g, '\n'));
}

describe('formatting the conformance snippets', () => {
  it('is idempotent', () => {
    for (const src of validSnippets) {
      const once = formatted(src);
      expect(formatted(once), JSON.stringify(src)).toBe(once);
    }
  });

  it('keeps the syntax tree', () => {
    // CRLF inside heredocs becomes LF, which changes their text; those snippets are compared after
    // normalising the input the same way.
    for (const src of validSnippets) {
      expect(tree(formatted(src)), JSON.stringify(src)).toBe(tree(src.replace(/\r\n/g, '\n')));
    }
  });

  it('keeps every comment', () => {
    for (const src of validSnippets) expect(comments(formatted(src)), JSON.stringify(src)).toEqual(comments(src));
  });
});

describe('formatting mutated snippets that still parse', () => {
  const pieces = [
    '\n',
    ' ',
    '  ',
    '\t',
    '# c\n',
    '/* c */',
    ',',
    '(',
    ')',
    '[',
    ']',
    '{',
    '}',
    '-',
    '!',
    '=',
    'a',
    '1',
  ];
  const insert = fc.record({ at: fc.nat(), text: fc.constantFrom(...pieces) });

  it('is idempotent and keeps the syntax tree', () => {
    fc.assert(
      fc.property(fc.constantFrom(...validSnippets), fc.array(insert, { minLength: 1, maxLength: 3 }), (base, ins) => {
        const src = ins.reduce((s, m) => {
          const at = m.at % (s.length + 1);
          return s.slice(0, at) + m.text + s.slice(at);
        }, base);
        if (parseHCL(src, 'f.hcl').diagnostics.length > 0) return;
        const once = formatted(src);
        expect(formatted(once)).toBe(once);
        expect(tree(once)).toBe(tree(src.replace(/\r\n/g, '\n')));
      }),
      { numRuns: 3000 },
    );
  });
});
