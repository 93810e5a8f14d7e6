import { describe, expect, it } from 'vitest';
import { formatHCL } from '../../../../../engine/hcl/index.js';

function fmt(src: string): string | undefined {
  return formatHCL(src, 'f.hcl').output;
}

describe('alignment', () => {
  it('aligns = over a run of adjacent single-line attributes', () => {
    expect(fmt('a = 1\nbbb = 2\ncc = "x"\n')).toBe('a   = 1\nbbb = 2\ncc  = "x"\n');
  });

  it('ends a run at a blank line, a comment line and a block', () => {
    expect(fmt('a = 1\nbbb = 2\n\ncc = 3\nd = 4\n# note\neeeee = 5\nf = 6\nblk {}\ngg = 7\nh = 8\n')).toBe(
      'a   = 1\nbbb = 2\n\ncc = 3\nd  = 4\n# note\neeeee = 5\nf     = 6\nblk {}\ngg = 7\nh  = 8\n',
    );
  });

  it('ends a run at an attribute whose value spans lines', () => {
    expect(fmt('a = 1\nlonger = [\n  1,\n]\nb = 2\n')).toBe('a = 1\nlonger = [\n  1,\n]\nb = 2\n');
  });

  it('aligns items of an object written one per line', () => {
    expect(fmt('x = {\n  a = 1\n  bcd = 2\n}\n')).toBe('x = {\n  a   = 1\n  bcd = 2\n}\n');
  });

  it('aligns trailing comments over adjacent lines', () => {
    expect(fmt('a = 1 # one\nbb = 22 # two\n')).toBe('a  = 1  # one\nbb = 22 # two\n');
  });
});

describe('indentation', () => {
  it('indents two spaces per level of nesting and re-indents closing brackets', () => {
    expect(fmt('b {\n      c {\n  d = [\n1,\n      2,\n        ]\n        }\n}\n')).toBe(
      'b {\n  c {\n    d = [\n      1,\n      2,\n    ]\n  }\n}\n',
    );
  });

  it('replaces tab indentation and keeps the line breaks chosen inside expressions', () => {
    expect(fmt('b {\n\tx = f(\n\t\t1,\n\t\t2)\n}\n')).toBe('b {\n  x = f(\n    1,\n  2)\n}\n');
  });
});

describe('spacing', () => {
  it('puts single spaces around binary operators and none inside brackets', () => {
    expect(fmt('x = ( a+b )*c>=d&&!e||f  ==  [ 1,2 ][0]\n')).toBe('x = (a + b) * c >= d && !e || f == [1, 2][0]\n');
  });

  it('tells negation from subtraction', () => {
    expect(fmt('x = a -b\ny = - a\nz = [- 1, a - -b, f(- c), 2-1]\n')).toBe(
      'x = a - b\ny = -a\nz = [-1, a - -b, f(-c), 2 - 1]\n',
    );
  });

  it('keeps a legacy index of a number apart from a fraction', () => {
    expect(fmt('a = 3.\t14\n')).toBe('a = 3. 14\n');
  });

  it('keeps a dash inside an identifier', () => {
    expect(fmt('x = a-b\n')).toBe('x = a-b\n');
  });

  it('writes calls, traversals, splats and for expressions compactly', () => {
    expect(fmt('x = provider :: aws :: f ( a . b [ * ] . c , d ... )\ny = [ for k , v in m : v if k != "" ]\n')).toBe(
      'x = provider::aws::f(a.b[*].c, d...)\ny = [for k, v in m : v if k != ""]\n',
    );
  });

  it('pads braces of objects and single-line blocks but not empty ones', () => {
    expect(fmt('x = {a=1}\nb {a=1}\nc {   }\n')).toBe('x = { a = 1 }\nb { a = 1 }\nc {}\n');
  });

  it('tightens interpolations but never touches string text', () => {
    expect(fmt('x = "  a  ${ var.b }  %{ if c }  d  %{ endif }"\n')).toBe(
      'x = "  a  ${var.b}  %{if c}  d  %{endif}"\n',
    );
  });
});

describe('what the formatter keeps', () => {
  it('keeps heredoc text verbatim', () => {
    const src = 'x = <<-EOT\n      keep   this\n    ${ y }\n    EOT\n';
    expect(fmt(src)).toBe('x = <<-EOT\n      keep   this\n    ${y}\n    EOT\n');
  });

  it('keeps every kind of comment where it was', () => {
    const src = '# a\n// b\n/* c\n   d */\nx = 1 /* e */ + 2 # f\n';
    expect(fmt(src)).toBe('# a\n// b\n/* c\n   d */\nx = 1 /* e */ + 2 # f\n');
  });

  it('writes LF line endings and one final newline', () => {
    expect(fmt('a = 1\r\nb = 2\r\n\r\n\r\n')).toBe('a = 1\nb = 2\n');
  });
});

describe('refusal', () => {
  it('returns no output and the diagnostics for a file with syntax errors', () => {
    const r = formatHCL('a = 1\nb = (\n', 'bad.hcl');
    expect(r.output).toBeUndefined();
    expect(r.diagnostics.map((d) => d.summary)).toEqual(['Missing expression']);
  });
});
