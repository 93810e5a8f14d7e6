import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSourceFile } from '../../../../engine/config/index.js';

const dir = mkdtempSync(join(tmpdir(), 'runform-source-'));
const read = (bytes: number[] | Buffer) => {
  const path = join(dir, 'f.hcl');
  writeFileSync(path, Buffer.from(bytes));
  return readSourceFile(path, 'f.hcl');
};
const where = (bytes: number[] | Buffer) => {
  const r = read(bytes);
  const s = r.invalid?.range?.start;
  return s && [s.line, s.column, s.byte];
};
const ascii = (s: string) => [...Buffer.from(s, 'latin1')];

describe('reading a source file as UTF-8', () => {
  it('returns valid text as it is, a byte order mark and U+FFFD written in the file included', () => {
    const text = '\uFEFFx = "caf\u00e9 \u{1F600} \uFFFD"\n';
    expect(read(Buffer.from(text, 'utf8'))).toEqual({ text });
  });

  it.each([
    ['a Latin-1 byte', ascii('a = "caf\xe9"\n'), [1, 9, 8]],
    ['a byte that never starts a character', [...ascii('ab\n'), 0xff], [2, 1, 3]],
    ['an overlong encoding', [...ascii('x\ny '), 0xc0, 0x80], [2, 3, 4]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], [1, 1, 0]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], [1, 1, 0]],
    ['a sequence cut short at the end', [...ascii('x = '), 0xe2, 0x82], [1, 5, 4]],
    [
      'a bad byte after wide characters, counted as characters',
      [...Buffer.from('\u00e9\u{1F600}', 'utf8'), 0x80],
      [1, 3, 6],
    ],
  ])('places %s at its line, column and byte', (_, bytes, at) => {
    const r = read(bytes as number[]);
    expect(r.invalid?.summary).toBe('Invalid character encoding');
    expect(r.invalid?.range?.filename).toBe('f.hcl');
    expect(where(bytes as number[])).toEqual(at);
    // The text to show has U+FFFD where the bad bytes were; nothing is dropped silently.
    expect(r.text).toContain('\uFFFD');
  });
});
