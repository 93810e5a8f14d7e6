import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../../../engine/diag/index.js';
import { parseExpression, parseHCL } from '../../../../engine/hcl/index.js';

// Inputs that must never crash the parser or blow its stack: each gives diagnostics or a clean result.

function summaries(text: string): string[] {
  return parseHCL(text, 'x.hcl').diagnostics.map((d) => d.summary);
}

describe('hostile input', () => {
  it('reports binary garbage as errors, in few diagnostics', () => {
    let seed = 7;
    const bytes = new Uint8Array(64 * 1024).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    });
    const text = new TextDecoder('utf-8').decode(bytes);
    const d = parseHCL(text, 'bin.hcl').diagnostics;
    expect(hasErrors(d)).toBe(true);
    expect(d.length).toBeLessThanOrEqual(101);
    expect(d[d.length - 1].summary).toBe('Too many errors');
    expect(d.some((x) => x.summary === 'Internal parser error')).toBe(false);
  });

  it('reports invalid UTF-8 decoded with replacement characters', () => {
    const text = new TextDecoder('utf-8').decode(new Uint8Array([0x61, 0x20, 0x3d, 0x20, 0xff, 0xfe, 0x0a]));
    // One diagnostic per problem: the parser does not repeat what the lexer reported.
    expect(summaries(text)).toEqual(['Invalid character']);
  });

  it('reports lone surrogates as an encoding error, in code and in strings', () => {
    expect(summaries('a = \ud800\n')).toEqual(['Invalid character encoding']);
    expect(summaries('a = "x\udc00y"\n')).toEqual(['Invalid character encoding']);
  });

  it('accepts a lone surrogate inside a comment, as HCL accepts any bytes there', () => {
    expect(summaries('# \ud800\na = 1\n')).toEqual([]);
  });

  it('refuses a 10,000-deep bracket nest with one clear diagnostic', () => {
    const n = 10_000;
    expect(summaries(`a = ${'['.repeat(n)}${']'.repeat(n)}\n`)).toEqual(['Nesting too deep']);
    expect(parseExpression('('.repeat(n) + '1' + ')'.repeat(n), 'v').diagnostics.map((d) => d.summary)).toEqual([
      'Nesting too deep',
    ]);
  });

  it('refuses 10,000 nested blocks, interpolations, calls and unary operators without overflowing', () => {
    const n = 10_000;
    for (const text of [
      `${'b {\n'.repeat(n)}${'}\n'.repeat(n)}`,
      `a = ${'"${'.repeat(n)}1${'}"'.repeat(n)}\n`,
      `a = ${'f('.repeat(n)}${')'.repeat(n)}\n`,
      `a = ${'!'.repeat(n)}x\n`,
      `a = ${'x ? y : '.repeat(n)}z\n`,
      `a = ${'[for x in '.repeat(n)}y${' : x]'.repeat(n)}\n`,
    ]) {
      expect(summaries(text)).toEqual(['Nesting too deep']);
    }
  });

  it('refuses an operator or traversal chain longer than the nesting limit, whose tree would be as deep, without recursion', () => {
    // Everything that walks the tree later recurses through it: a chain the parser accepts must be safe to walk.
    expect(summaries(`a = ${'1 + '.repeat(499)}1\n`)).toEqual([]);
    for (const text of [
      `a = ${'1 + '.repeat(100_000)}1\n`,
      `a = ${'true && '.repeat(3_000)}true\n`,
      `a = x${'.y'.repeat(3_000)}\n`,
      `a = x${'[0]'.repeat(3_000)}\n`,
      `a = x${'[*]'.repeat(10_000)}\n`,
    ]) {
      expect(summaries(text)).toEqual(['Expression too long']);
    }
    const d = parseHCL(`a = ${'1 + '.repeat(1_000)}1\n`, 'x.hcl').diagnostics[0]!;
    // At the 500th operator: "a = " then "1 + " per operand.
    expect(d.range?.start).toMatchObject({ line: 1, column: 4 * 500 + 3 });
  });

  it('parses a 50 MB file', () => {
    const block = 'resource "aws_apprunner_service" "s" {\n  name = "svc-${var.env}"\n  ports = [80, 443]\n}\n';
    const text = `${'# padding comment line that is long enough to fill the file quickly\n'.repeat(500_000)}${block.repeat(2_000)}`;
    expect(text.length).toBeGreaterThan(30_000_000);
    const big = `${text}${'x'.repeat(50_000_000 - text.length - 5)} = 1\n`;
    expect(big.length).toBeGreaterThanOrEqual(50_000_000);
    const r = parseHCL(big, 'big.hcl');
    expect(r.diagnostics).toEqual([]);
    expect(r.file.body.blocks.length).toBe(2_000);
  });

  it('reports a 50 MB unterminated string once', () => {
    const text = `a = "${'x'.repeat(50_000_000)}`;
    expect(summaries(text)).toEqual(['Unterminated template string']);
  });
});
