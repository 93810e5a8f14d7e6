import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joined, Utf8Blocks } from '../../../../engine/state/file/bytes.js';

// The UTF-8 gatherer under state files and journal lines: what each take hands over is exactly the
// text written since the one before, in order, across block boundaries, and a later write never
// touches bytes already handed over (a journal write may still be reading them).

type Op = { str: string } | { byte: number } | 'take';

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((str) => ({ str })),
  fc.integer({ min: 0x20, max: 0x7e }).map((byte) => ({ byte })),
  fc.constant('take' as const),
);

describe('Utf8Blocks', () => {
  it('hands over exactly the text written since the last take, and never rewrites what it handed over', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.array(op, { maxLength: 200 }), (blockSize, ops) => {
        const w = new Utf8Blocks(blockSize);
        const taken: { chunks: Buffer[]; copy: Buffer; text: string }[] = [];
        let since = '';
        const take = () => {
          const chunks = w.take();
          const bytes = joined(chunks.length === 0 ? [Buffer.alloc(0)] : chunks);
          expect(bytes.toString('utf8')).toBe(Buffer.from(since).toString('utf8'));
          expect(w.size).toBe(0);
          taken.push({ chunks, copy: Buffer.from(bytes), text: since });
          since = '';
        };
        for (const o of [...ops, 'take' as const]) {
          if (o === 'take') take();
          else if ('str' in o) {
            w.str(o.str);
            since += o.str;
          } else {
            w.byte(o.byte);
            since += String.fromCharCode(o.byte);
          }
          expect(w.size).toBe(Buffer.byteLength(since));
        }
        for (const t of taken) expect(Buffer.concat(t.chunks).equals(t.copy)).toBe(true);
      }),
      { numRuns: 300 },
    );
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
