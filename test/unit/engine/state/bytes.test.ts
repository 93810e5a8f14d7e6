import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ByteSpan, joined, Utf8Blocks } from '../../../../engine/state/file/bytes.js';

// The UTF-8 gatherer under state files and journal lines: what each take hands over is exactly the
// text written since the one before, in order, across block boundaries, and a later write never
// touches bytes already handed over (a journal write may still be reading them) until the writer
// says, with reuse, that they were written.

type Op =
  | { str: string }
  | { bytes: string }
  | { kept: string }
  | { again: number }
  | { int: number }
  | { byte: number }
  | 'take'
  | 'reuse';

const text = fc.string({ unit: 'grapheme', maxLength: 20 });
const op: fc.Arbitrary<Op> = fc.oneof(
  text.map((str) => ({ str })),
  text.map((bytes) => ({ bytes })),
  // Written in pieces inside one reservation and kept as a span...
  text.map((kept) => ({ kept })),
  // ...which is appended again later (until a reuse), by index among the spans kept so far.
  fc.nat().map((again) => ({ again })),
  fc.oneof(fc.nat(), fc.integer(), fc.double()).map((int) => ({ int })),
  fc.integer({ min: 0x20, max: 0x7e }).map((byte) => ({ byte })),
  fc.constant('take' as const),
  // A take, then reuse: what was handed over may be written over from then on.
  fc.constant('reuse' as const),
);

describe('Utf8Blocks', () => {
  it('hands over exactly the text written since the last take, and rewrites nothing handed over before reuse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.array(op, { maxLength: 200 }), (blockSize, ops) => {
        const w = new Utf8Blocks(blockSize);
        // Handed over since the last reuse: must stay as it was.
        let taken: { chunks: Buffer[]; copy: Buffer }[] = [];
        let since = '';
        const take = () => {
          const chunks = w.take();
          const bytes = joined(chunks.length === 0 ? [Buffer.alloc(0)] : chunks);
          expect(bytes.toString('utf8')).toBe(Buffer.from(since).toString('utf8'));
          expect(w.size).toBe(0);
          taken.push({ chunks, copy: Buffer.from(bytes) });
          since = '';
        };
        let spans: { span: ByteSpan; text: string }[] = [];
        const unchanged = () => {
          for (const t of taken) expect(Buffer.concat(t.chunks).equals(t.copy)).toBe(true);
        };
        for (const o of [...ops, 'take' as const]) {
          if (o === 'take') take();
          else if (o === 'reuse') {
            take();
            unchanged();
            w.reuse();
            taken = [];
            spans = [];
          } else if ('str' in o) {
            w.str(o.str);
            since += o.str;
          } else if ('bytes' in o) {
            w.bytes(Buffer.from(o.bytes));
            since += o.bytes;
          } else if ('kept' in o) {
            const chars = [...o.kept];
            const half = Math.floor(chars.length / 2);
            const start = w.reserve(3 * o.kept.length);
            w.str(chars.slice(0, half).join(''));
            w.str(chars.slice(half).join(''));
            spans.push({ span: w.spanFrom(start), text: o.kept });
            since += o.kept;
          } else if ('again' in o) {
            const kept = spans[o.again % Math.max(1, spans.length)];
            if (kept === undefined) continue;
            w.span(kept.span);
            since += kept.text;
          } else if ('int' in o) {
            w.int(o.int);
            since += String(o.int);
          } else {
            w.byte(o.byte);
            since += String.fromCharCode(o.byte);
          }
          expect(w.size).toBe(Buffer.byteLength(since));
        }
        unchanged();
      }),
      { numRuns: 300 },
    );
  });

  it('writes through the same memory again after reuse', () => {
    // Blocks above 4 KiB: smaller Buffers may share Node's pool, which would prove nothing.
    const w = new Utf8Blocks(5_000);
    const a = 'a'.repeat(12_000);
    const b = 'b'.repeat(12_000);
    w.str(a);
    const first = w.take();
    const blocksOf = (chunks: Buffer[]) => new Set(chunks.map((c) => c.buffer));
    w.reuse();
    w.str(b);
    const second = w.take();
    expect(joined(second).toString('utf8')).toBe(b);
    expect([...blocksOf(second)].every((x) => blocksOf(first).has(x))).toBe(true);
    // Without reuse, later text goes into memory of its own.
    const v = new Utf8Blocks(5_000);
    v.str(a);
    const kept = v.take();
    v.str(b);
    expect([...blocksOf(v.take())].some((x) => blocksOf(kept).has(x))).toBe(false);
    expect(joined(kept).toString('utf8')).toBe(a);
  });

  it('refuses a span that outgrew its reservation into another block', () => {
    const w = new Utf8Blocks(8);
    const start = w.reserve(2);
    w.str('a longer piece than the block');
    expect(() => w.spanFrom(start)).toThrow('outgrew its reservation');
  });

  it('refuses reuse while text is not taken yet', () => {
    const w = new Utf8Blocks(8);
    w.str('x');
    expect(() => w.reuse()).toThrow('not taken yet');
  });

  it('starts a block big enough for a piece longer than a block', () => {
    const w = new Utf8Blocks(8);
    w.str('ab');
    w.str('é'.repeat(100));
    w.byte(0x0a);
    const chunks = w.take();
    expect(chunks.length).toBeGreaterThan(1);
    expect(joined(chunks).toString('utf8')).toBe(`ab${'é'.repeat(100)}\n`);
  });
});
