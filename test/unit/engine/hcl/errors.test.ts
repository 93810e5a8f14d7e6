import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../../../engine/diag/index.js';
import { parseExpression, parseHCL } from '../../../../engine/hcl/index.js';
import { errorsOf } from './helpers.js';

describe('error positions', () => {
  it('points at the second argument on a line', () => {
    expect(errorsOf('a = 1 b = 2\n')).toEqual(['1:7 Missing newline after argument']);
  });

  it('points at the redefined name and says where the first one is', () => {
    const d = parseHCL('a = 1\n  a = 2\n', 'dup.hcl').diagnostics;
    expect(d.map((x) => [x.summary, x.range?.start.line, x.range?.start.column])).toEqual([
      ['Attribute redefined', 2, 3],
    ]);
    expect(d[0].detail).toContain('dup.hcl:1,1-2');
  });

  it('points at an invalid escape, backslash included', () => {
    const d = parseHCL('a = "ok\\q"\n', 'e.hcl').diagnostics;
    expect(d.map((x) => [x.summary, x.range?.start.column, x.range?.end.column])).toEqual([
      ['Invalid escape sequence', 8, 10],
    ]);
  });

  it('points at the opening brace of an unclosed block', () => {
    expect(errorsOf('a = 1\nblk {\n  b = 2\n')).toEqual(['2:5 Unclosed configuration block']);
  });

  it('reports an unterminated string at the end of its line and parses the next line', () => {
    expect(errorsOf('a = "abc\nb = 2 c = 3\n')).toEqual([
      '1:9 Invalid multi-line string',
      '2:7 Missing newline after argument',
    ]);
  });

  it('reports an unterminated heredoc at the end of the file', () => {
    expect(errorsOf('a = <<EOF\nx\n')).toEqual(['3:1 Unterminated template string']);
  });

  it('counts columns in code points in error positions', () => {
    expect(errorsOf('名前 = 1 x\n')).toEqual(['1:8 Missing newline after argument']);
  });

  it('reports several errors in one file and keeps the good items', () => {
    const r = parseHCL('a = 1 +\nb = 2\nc = [1 2]\nd {\n  e = )\n  f = 3\n}\ng = "\\q"\n', 'm.hcl');
    expect(r.diagnostics.map((x) => `${x.range?.start.line}:${x.range?.start.column} ${x.summary}`)).toEqual([
      '1:8 Invalid expression',
      '3:8 Missing item separator',
      '5:7 Invalid expression',
      '8:6 Invalid escape sequence',
    ]);
    expect(r.file.body.items.map((i) => (i.kind === 'Attribute' ? i.name : i.type))).toEqual(['b', 'd', 'g']);
    expect(r.file.body.blocks[0].body.attributes.map((x) => x.name)).toEqual(['f']);
  });

  it('prints as file:line:col, the detail and a caret under the source', () => {
    const src = 'a = 1\nb = 2;\n';
    const d = parseHCL(src, 'p.hcl').diagnostics[0];
    expect(formatDiagnostic(d, () => src).split('\n')).toEqual([
      'p.hcl:2:6: error: Invalid character',
      '  The ";" character is not valid. Use newlines to separate arguments and blocks, and commas to separate items in collection values.',
      '  2 | b = 2;',
      '    |      ^',
    ]);
  });

  it('rejects extra text after a standalone expression', () => {
    const r = parseExpression('1 2', 'var');
    expect(r.diagnostics.map((x) => `${x.range?.start.column} ${x.summary}`)).toEqual([
      '3 Extra characters after expression',
    ]);
  });

  it('accepts newlines around and inside a standalone expression', () => {
    expect(parseExpression('\n{\n  a = 1\n}\n', 'var').diagnostics).toEqual([]);
  });
});
