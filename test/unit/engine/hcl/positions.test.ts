import { describe, expect, it } from 'vitest';
import { parseHCL } from '../../../../engine/hcl/index.js';
import { attr } from './helpers.js';

describe('source ranges', () => {
  it('give 1-based lines and columns and 0-based byte offsets', () => {
    const a = attr('x = 1\nname = true\n', 'name');
    expect(a.nameRange.start).toEqual({ line: 2, column: 1, byte: 6 });
    expect(a.range.end).toEqual({ line: 2, column: 12, byte: 17 });
  });

  it('count columns in code points and bytes in UTF-8', () => {
    // é is 2 bytes, 😀 is 4 bytes and two UTF-16 units but one column.
    const a = attr('é = "😀"\nb = 1\n', 'é');
    expect(a.expr.range.start).toEqual({ line: 1, column: 5, byte: 5 });
    expect(a.expr.range.end).toEqual({ line: 1, column: 8, byte: 11 });
    const b = attr('é = "😀"\nb = 1\n', 'b');
    expect(b.nameRange.start).toEqual({ line: 2, column: 1, byte: 12 });
  });

  it('count CRLF as one line break', () => {
    const b = attr('a = 1\r\nb = 2\r\n', 'b');
    expect(b.nameRange.start).toEqual({ line: 2, column: 1, byte: 7 });
  });

  it('cover a block from its type to its closing brace', () => {
    const { file } = parseHCL('res "a" {\n  x = 1\n}\n', 'r.hcl');
    const blk = file.body.blocks[0];
    expect([blk.range.start.line, blk.range.start.column, blk.range.end.line, blk.range.end.column]).toEqual([
      1, 1, 3, 2,
    ]);
    expect(blk.labels[0].range.start.column).toBe(5);
    expect(blk.openBraceRange.start.column).toBe(9);
    expect(blk.closeBraceRange.start).toEqual({ line: 3, column: 1, byte: 18 });
    expect(blk.range.filename).toBe('r.hcl');
  });

  it('keep every comment with its style and range', () => {
    const { file } = parseHCL('# one\na = 1 // two\r\n/* three\n */ b = 2\n', 'c.hcl');
    expect(file.comments.map((c) => [c.text, c.style, c.range.start.line])).toEqual([
      ['# one', 'line', 1],
      ['// two', 'line', 2],
      ['/* three\n */', 'block', 3],
    ]);
  });

  it('serialise as plain filename, start and end, in any reading order', () => {
    const text = 'a = 1\nlong_name = "é😀"\n';
    const b = attr(text, 'long_name');
    // Read the later range first: positions are worked out on demand and must not depend on order.
    const end = b.range.end;
    const start = b.nameRange.start;
    expect(JSON.parse(JSON.stringify(b.nameRange))).toEqual({
      filename: 'test.hcl',
      start: { line: 2, column: 1, byte: 6 },
      end: { line: 2, column: 10, byte: 15 },
    });
    expect(start).toEqual({ line: 2, column: 1, byte: 6 });
    expect(end).toEqual({ line: 2, column: 17, byte: 26 });
    const copy = { filename: b.range.filename, start: b.range.start, end: b.range.end };
    expect(copy).toEqual(JSON.parse(JSON.stringify(b.range)));
  });

  it('stay in the JSON of a node, with its fields, as plain ranges', () => {
    const { file } = parseHCL('res "a" {\n  x = 1\n}\n', 'r.hcl');
    const json = JSON.parse(JSON.stringify(file.body.blocks[0]));
    expect(json).toMatchObject({ kind: 'Block', type: 'res', labels: [{ value: 'a', quoted: true }] });
    expect(json.typeRange).toEqual({
      filename: 'r.hcl',
      start: { line: 1, column: 1, byte: 0 },
      end: { line: 1, column: 4, byte: 3 },
    });
    expect(json.closeBraceRange.start).toEqual({ line: 3, column: 1, byte: 18 });
    expect(json.range.end).toEqual({ line: 3, column: 2, byte: 19 });
    expect(json.body.items[0].nameRange.start).toEqual({ line: 2, column: 3, byte: 12 });
    expect(json.body.items[0].expr).toMatchObject({ kind: 'Literal', value: 1, range: { start: { column: 7 } } });
  });
});
