import { readFileSync } from 'node:fs';
import { type Diagnostic, error } from '../diag/index.js';

// A configuration or variables file is read as bytes and decoded strictly: a byte that is not
// UTF-8 is an error at its line and column. Decoding it leniently would turn it into U+FFFD,
// which `fmt` would then write back, losing the original byte for good.

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

/** A source file's text; or, when it is not UTF-8, the error and the text with U+FFFD in its place, to show. */
export type SourceText =
  | { readonly text: string; readonly invalid?: undefined }
  | { readonly text: string; readonly invalid: Diagnostic };

/** Reads `path` (shown as `shown` in messages) as UTF-8. Throws only when the file cannot be read. */
export function readSourceFile(path: string, shown: string): SourceText {
  const bytes = readFileSync(path);
  try {
    return { text: strict.decode(bytes) };
  } catch {
    return { text: lenient.decode(bytes), invalid: encodingError(bytes, shown) };
  }
}

function encodingError(bytes: Uint8Array, shown: string): Diagnostic {
  const at = firstInvalidByte(bytes);
  const lineStart = bytes.lastIndexOf(0x0a, at - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line++;
  // Columns count characters, as everywhere else; the bytes before `at` on its line are valid.
  const column = [...strict.decode(bytes.subarray(lineStart, at))].length + 1;
  const byte = bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
  return error(
    'Invalid character encoding',
    { filename: shown, start: { line, column, byte: at }, end: { line, column: column + 1, byte: at + 1 } },
    `The byte 0x${byte} here is not part of a UTF-8 character. Configuration files must be UTF-8: save the file as UTF-8 in your editor.`,
  );
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
function firstInvalidByte(b: Uint8Array): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < b.length && b[i]! >= lo && b[i]! <= hi;
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n: number;
    if (c < 0x80) n = 1;
    else if (c >= 0xc2 && c <= 0xdf && cont(i + 1)) n = 2;
    else if (c >= 0xe0 && c <= 0xef && cont(i + 1, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf) && cont(i + 2))
      n = 3;
    else if (
      c >= 0xf0 &&
      c <= 0xf4 &&
      cont(i + 1, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf) &&
      cont(i + 2) &&
      cont(i + 3)
    )
      n = 4;
    else return i;
    i += n;
  }
  return b.length;
}
