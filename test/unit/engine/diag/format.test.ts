import { describe, expect, it } from 'vitest';
import { error, formatDiagnostic, warning } from '../../../../engine/diag/index.js';

const range = (line: number, col: number, endCol: number) => ({
  filename: 'main.hcl',
  start: { line, column: col, byte: 0 },
  end: { line, column: endCol, byte: 0 },
});

describe('formatDiagnostic', () => {
  it('prints file:line:col, the summary, the detail and a caret under the range', () => {
    const src = 'a = 1\nb = "x" c = 2\n';
    const out = formatDiagnostic(
      error('Missing newline after argument', range(2, 9, 10), 'One argument per line.'),
      () => src,
    );
    expect(out).toBe(
      [
        'main.hcl:2:9: error: Missing newline after argument',
        '  One argument per line.',
        '  2 | b = "x" c = 2',
        '    |         ^',
      ].join('\n'),
    );
  });

  it('shows a window of a long line around the column, marked with ellipses, the caret still under it', () => {
    const src = `x = {${'"k": 1, '.repeat(100)}"bad" 2}\n`;
    const col = src.indexOf('"bad"') + 1;
    const out = formatDiagnostic(error('Missing colon', range(1, col, col + 5)), () => src).split('\n');
    expect(out[1]!.length).toBeLessThan(180);
    expect(out[1]).toMatch(/^ {2}1 \| …"k": 1, .*"bad" 2}$/);
    // The caret sits under "bad", wherever the window starts.
    expect(out[1]!.indexOf('"bad"')).toBe(out[2]!.indexOf('^'));
    expect(out[2]).toMatch(/\^{5}$/);
    const head = formatDiagnostic(error('First', range(1, 1, 2)), () => src).split('\n');
    expect(head[1]).toMatch(/^ {2}1 \| x = \{"k": 1, .*…$/);
    expect(head[2]).toBe('    | ^');
  });

  it('omits the snippet when the source is unknown and labels warnings', () => {
    const out = formatDiagnostic(warning('Deprecated', range(1, 1, 4)));
    expect(out).toBe('main.hcl:1:1: warning: Deprecated');
  });

  it('keeps the caret aligned after tabs', () => {
    const out = formatDiagnostic(error('Bad', range(1, 3, 5)), () => '\t\txy');
    expect(out.split('\n')[2]).toBe('    | \t\t^^');
  });

  it('colours only when asked', () => {
    expect(formatDiagnostic(error('Bad'))).not.toContain('\x1b[');
    expect(formatDiagnostic(error('Bad'), undefined, { color: true })).toContain('\x1b[');
  });
});
