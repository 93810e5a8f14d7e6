type Utf8Write = (this: Buffer, s: string, offset: number, length: number) => number;

// Buffer's write() checks and sorts out its optional arguments on every call, which for many short
// pieces costs more than the encoding itself. Node's own stream code calls utf8Write, which takes
// them as given; write() stands in wherever that is missing.
const utf8Write: Utf8Write =
  (Buffer.prototype as unknown as { utf8Write?: Utf8Write }).utf8Write ??
  function (this: Buffer, s: string, offset: number, length: number): number {
    return this.write(s, offset, length, 'utf8');
  };

/** Bytes already encoded somewhere in a block of Utf8Blocks: they never move or change. */
export interface ByteSpan {
  readonly block: Buffer;
  readonly start: number;
  readonly end: number;
}

/**
 * Text gathered as UTF-8 straight into large blocks of memory. `take` hands over what was written
 * since the last take as views of those blocks, never copies, and later text goes on after it in
 * the same block. A full block is left as it is and a new one started, so nothing already encoded
 * ever moves until `reuse` says that everything taken was written. A state file of many instances,
 * or a journal's stream of lines, thus costs no joining of strings, no buffer per piece and no
 * copying as it grows; and a writer that reuses its blocks touches no new memory once they are
 * big enough (on a virtual machine, the first touch of a page can cost more than encoding into it).
 */
export class Utf8Blocks {
  private block: Buffer;
  /** Where the text not yet taken starts in the current block. */
  private start = 0;
  private end = 0;
  /** The parts of earlier blocks not yet taken. */
  private filled: Buffer[] = [];
  private filledBytes = 0;
  /** The block that the last `reserve` made room in. */
  private reserved: Buffer | undefined;
  /** Blocks left behind for a new one since the last `reuse`. */
  private retired: Buffer[] = [];
  /** Blocks that `reuse` gave back, for the next new block. */
  private spare: Buffer[] = [];

  /** The size of the next block: it doubles with each block, up to 8 MiB. */
  private nextSize: number;

  /** The first block holds `firstBlock` bytes; each later one twice the one before (or what one piece needs). */
  constructor(firstBlock = 65_536) {
    this.block = Buffer.allocUnsafe(firstBlock);
    this.nextSize = firstBlock;
  }

  /** Appends `s` as UTF-8. */
  str(s: string): void {
    // At most three bytes of UTF-8 per UTF-16 code unit.
    if (this.end + 3 * s.length > this.block.length) this.newBlock(3 * s.length);
    this.end += utf8Write.call(this.block, s, this.end, this.block.length - this.end);
  }

  /** Appends bytes encoded beforehand (a constant piece of text): a copy, no encoding. */
  bytes(b: Uint8Array): void {
    if (this.end + b.length > this.block.length) this.newBlock(b.length);
    this.block.set(b, this.end);
    this.end += b.length;
  }

  /** Appends a whole number in decimal. */
  int(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) {
      this.str(String(n));
      return;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    if (this.end + digits > this.block.length) this.newBlock(digits);
    let at = this.end + digits;
    let x = n;
    do {
      this.block[--at] = 48 + (x % 10);
      x = Math.floor(x / 10);
    } while (x > 0);
    this.end += digits;
  }

  /**
   * Makes room for `n` bytes in the current block, and says where they start: the pieces appended
   * next, up to `n` bytes of them, land in one run that `spanFrom` names.
   */
  reserve(n: number): number {
    if (this.end + n > this.block.length) this.newBlock(n);
    this.reserved = this.block;
    return this.end;
  }

  /**
   * The bytes appended since `reserve` returned `start`. They stay as they are for as long as the
   * span is kept: a writer that keeps spans never calls `reuse`.
   */
  spanFrom(start: number): ByteSpan {
    if (this.block !== this.reserved) throw new Error('Utf8Blocks: a span outgrew its reservation');
    return { block: this.block, start, end: this.end };
  }

  /** Appends bytes encoded earlier. */
  span(b: ByteSpan): void {
    const n = b.end - b.start;
    if (this.end + n > this.block.length) this.newBlock(n);
    this.block.set(b.block.subarray(b.start, b.end), this.end);
    this.end += n;
  }

  /** Appends one byte (an ASCII character's code). */
  byte(b: number): void {
    if (this.end === this.block.length) this.newBlock(1);
    this.block[this.end++] = b;
  }

  /** Bytes written since the last take. */
  get size(): number {
    return this.filledBytes + this.end - this.start;
  }

  /** What was written since the last take, in order. Its bytes stay as they are until `reuse`. */
  take(): Buffer[] {
    const out = this.filled;
    if (this.end > this.start) out.push(this.block.subarray(this.start, this.end));
    this.filled = [];
    this.filledBytes = 0;
    this.start = this.end;
    return out;
  }

  /**
   * Says that everything taken so far was written and is no longer needed: the memory under it is
   * written over by what comes next. Only with nothing written since the last take.
   */
  reuse(): void {
    if (this.size !== 0) throw new Error('Utf8Blocks.reuse with text not taken yet');
    this.spare.push(...this.retired);
    this.retired = [];
    this.start = 0;
    this.end = 0;
  }

  private newBlock(need: number): void {
    if (this.end > this.start) {
      this.filled.push(this.block.subarray(this.start, this.end));
      this.filledBytes += this.end - this.start;
    }
    this.retired.push(this.block);
    const i = this.spare.findIndex((b) => b.length >= need);
    if (i >= 0) {
      this.block = this.spare[i]!;
      this.spare.splice(i, 1);
    } else {
      this.nextSize = Math.min(2 * this.nextSize, 8_388_608);
      this.block = Buffer.allocUnsafe(Math.max(this.nextSize, need));
    }
    this.start = 0;
    this.end = 0;
  }
}

/** The chunks as one buffer (the chunk itself when there is only one). */
export function joined(chunks: readonly Buffer[]): Buffer {
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
