import { type Pos, type Range, spanRanges } from '../diag/index.js';

// Converts UTF-16 offsets (what the lexer works in) into Pos: 1-based line, column in code points,
// and UTF-8 byte offset. The tables are built for a file the first time one of its positions is
// read (a file that parses cleanly may never need them); ASCII-only files take a shortcut for bytes
// and columns.

/**
 * A range kept as two offsets into its file; line, column and byte offset are worked out when read.
 * A large file has hundreds of thousands of ranges and few are ever read, so one small object each
 * (instead of a range and two positions) keeps parsing out of the garbage collector.
 */
export class SourceRange implements Range {
  readonly #positions: Positions;
  /** UTF-16 offsets of the start and end. */
  readonly #from: number;
  readonly #to: number;

  constructor(positions: Positions, from: number, to: number) {
    this.#positions = positions;
    this.#from = from;
    this.#to = to;
  }

  get filename(): string {
    return this.#positions.filename;
  }

  /** The start as a UTF-16 offset into the text. */
  get startOffset(): number {
    return this.#from;
  }

  /** The end as a UTF-16 offset into the text. */
  get endOffset(): number {
    return this.#to;
  }

  get start(): Pos {
    return this.#positions.pos(this.#from);
  }

  get end(): Pos {
    return this.#positions.pos(this.#to);
  }

  /** The range from the start of this one to the end of `to`, which must be in the same file. */
  through(to: SourceRange): SourceRange {
    return new SourceRange(this.#positions, this.#from, to.#to);
  }

  /** The range covering this one and `other`, found from offsets alone (no line or column is worked out). */
  cover(other: SourceRange): SourceRange {
    const from = Math.min(this.#from, other.#from);
    const to = Math.max(this.#to, other.#to);
    if (from === this.#from && to === this.#to) return this;
    if (from === other.#from && to === other.#to) return other;
    return new SourceRange(this.#positions, from, to);
  }

  /** True when `other` was read from the same text. */
  sameText(other: SourceRange): boolean {
    return this.#positions === other.#positions;
  }

  /** Serialises as the plain `Range` shape (the getters are not own properties). */
  toJSON(): Range {
    return { filename: this.filename, start: this.start, end: this.end };
  }
}

const NO_OFFSETS = new Int32Array(0);

/** Maps string offsets of one source text to diagnostic positions. */
export class Positions {
  private lineStarts: Int32Array = NO_OFFSETS;
  private lineCount = 0;
  private ascii = true;
  // For non-ASCII text: offsets of non-ASCII code units, with running sums of extra UTF-8 bytes
  // and of low surrogates (which do not count as columns) up to and including each one.
  private wide: Int32Array = NO_OFFSETS;
  private extraBytes: Int32Array = NO_OFFSETS;
  private lowSurrogates: Int32Array = NO_OFFSETS;
  private lastLine = 0;

  constructor(
    private readonly text: string,
    readonly filename: string,
  ) {}

  /** Builds the line table and, for non-ASCII text, the byte and column corrections. */
  private build(): void {
    const text = this.text;
    let count = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
    const starts = new Int32Array(count);
    let line = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts[line++] = at + 1;
    this.lineStarts = starts;
    this.lineCount = count;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is the ASCII set
    this.ascii = !/[^\u0000-\u007f]/.test(text);
    if (!this.ascii) {
      const wide: number[] = [];
      const extra: number[] = [];
      const lows: number[] = [];
      let e = 0;
      let l = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x80) continue;
        if (c < 0x800) e += 1;
        else if (c >= 0xd800 && c <= 0xdbff) {
          // A pair is four bytes over two units, a lone one is U+FFFD (three bytes): two extra either way.
          e += 2;
        } else if (c >= 0xdc00 && c <= 0xdfff) {
          const b = i > 0 ? text.charCodeAt(i - 1) : 0;
          if (b >= 0xd800 && b <= 0xdbff) l += 1;
          else e += 2;
        } else e += 2;
        wide.push(i);
        extra.push(e);
        lows.push(l);
      }
      this.wide = Int32Array.from(wide);
      this.extraBytes = Int32Array.from(extra);
      this.lowSurrogates = Int32Array.from(lows);
    }
  }

  /** The position of a UTF-16 offset. */
  pos(offset: number): Pos {
    if (this.lineCount === 0) this.build();
    const line = this.lineOf(offset);
    const ls = this.lineStarts[line];
    if (this.ascii) return { line: line + 1, column: offset - ls + 1, byte: offset };
    const k = this.countBefore(offset);
    const kl = this.countBefore(ls);
    const lowsAt = k > 0 ? this.lowSurrogates[k - 1] : 0;
    const lowsLs = kl > 0 ? this.lowSurrogates[kl - 1] : 0;
    return {
      line: line + 1,
      column: offset - ls - (lowsAt - lowsLs) + 1,
      byte: offset + (k > 0 ? this.extraBytes[k - 1] : 0),
    };
  }

  /** The range between two UTF-16 offsets. */
  range(start: number, end: number): SourceRange {
    return new SourceRange(this, start, end);
  }

  /** The length of the text in UTF-16 units. */
  get length(): number {
    return this.text.length;
  }

  private lineOf(offset: number): number {
    const starts = this.lineStarts;
    let l = this.lastLine;
    if (offset >= starts[l] && (l + 1 >= this.lineCount || offset < starts[l + 1])) return l;
    if (l + 2 <= this.lineCount && offset >= starts[l + 1] && (l + 2 >= this.lineCount || offset < starts[l + 2])) {
      this.lastLine = l + 1;
      return l + 1;
    }
    let lo = 0;
    let hi = this.lineCount - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    l = lo;
    this.lastLine = l;
    return l;
  }

  /** How many non-ASCII code units lie strictly before the offset. */
  private countBefore(offset: number): number {
    const w = this.wide;
    let lo = 0;
    let hi = w.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (w[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The range covering `a` and `b` (of one file); ranges from the parser are joined by their offsets. */
export function coverRanges(a: Range, b: Range): Range {
  if (a instanceof SourceRange && b instanceof SourceRange && a.sameText(b)) return a.cover(b);
  return spanRanges(a, b);
}
