import { isHexDigit } from './chars.js';

// Decoding of template literal text. Quoted strings interpret backslash escapes; heredocs do not.
// Both turn `$${` and `%%{` into the literal `${` and `%{`.

/** A problem found while decoding, with UTF-16 offsets into the source. */
export interface DecodeProblem {
  readonly summary: string;
  readonly detail: string;
  readonly start: number;
  readonly end: number;
}

/** Decodes text[start, end) of a template literal; `quoted` enables backslash escapes. */
export function decodeLiteral(
  text: string,
  start: number,
  end: number,
  quoted: boolean,
  problems: DecodeProblem[],
): string {
  let i = start;
  let from = start;
  let out = '';
  while (i < end) {
    const c = text.charCodeAt(i);
    if ((c === 0x24 || c === 0x25) && text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === 0x7b && i + 2 < end) {
      out += text.slice(from, i + 1);
      i += 2;
      from = i;
      continue;
    }
    if (c !== 0x5c || !quoted) {
      i++;
      continue;
    }
    out += text.slice(from, i);
    const d = text.charCodeAt(i + 1);
    switch (d) {
      case 0x6e:
        out += '\n';
        i += 2;
        break;
      case 0x72:
        out += '\r';
        i += 2;
        break;
      case 0x74:
        out += '\t';
        i += 2;
        break;
      case 0x22:
        out += '"';
        i += 2;
        break;
      case 0x5c:
        out += '\\';
        i += 2;
        break;
      case 0x75:
      case 0x55: {
        const digits = d === 0x75 ? 4 : 8;
        let j = i + 2;
        while (j < end && j < i + 2 + digits && isHexDigit(text.charCodeAt(j))) j++;
        if (j - (i + 2) < digits) {
          problems.push({
            summary: 'Invalid escape sequence',
            detail: `The \\${d === 0x75 ? 'u' : 'U'} escape sequence must be followed by ${digits === 4 ? 'four' : 'eight'} hexadecimal digits.`,
            start: i,
            end: j,
          });
          i = j;
          break;
        }
        const cp = Number.parseInt(text.slice(i + 2, j), 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          problems.push({
            summary: 'Invalid escape sequence',
            detail: `Cannot encode character U+${cp.toString(16).padStart(4, '0')} in UTF-8.`,
            start: i,
            end: j,
          });
        } else out += String.fromCodePoint(cp);
        i = j;
        break;
      }
      default: {
        if (i + 1 >= end) {
          problems.push({
            summary: 'Invalid escape sequence',
            detail: 'A backslash must be followed by an escape sequence selector.',
            start: i,
            end: i + 1,
          });
          i += 1;
          break;
        }
        const cp = text.codePointAt(i + 1)!;
        const w = cp > 0xffff ? 2 : 1;
        problems.push({
          summary: 'Invalid escape sequence',
          detail: `The symbol ${JSON.stringify(String.fromCodePoint(cp))} is not a valid escape sequence selector.`,
          start: i,
          end: i + 1 + w,
        });
        i += 1 + w;
      }
    }
    from = i;
  }
  return from === start ? text.slice(start, end) : out + text.slice(from, end);
}
