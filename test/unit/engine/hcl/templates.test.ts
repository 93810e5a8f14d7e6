import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../../engine/hcl/index.js';
import { attr, expr, strip } from './helpers.js';

/** The literal text of a template made only of literal parts. */
function text(e: Expression): string {
  if (e.kind !== 'Template') throw new Error(`not a template: ${e.kind}`);
  return e.parts.map((p) => (p.kind === 'TemplateLiteral' ? p.value : `<${p.kind}>`)).join('');
}

describe('quoted strings', () => {
  it('decodes every escape', () => {
    expect(text(expr('"a\\nb\\rc\\td\\"e\\\\f\\u00e9\\U0001F600"'))).toBe('a\nb\rc\td"e\\fé😀');
  });

  it('turns $${ and %%{ into literal introducers and leaves other $ and % alone', () => {
    expect(text(expr('"$${x} %%{y} $$ %% $x 100%"'))).toBe('${x} %{y} $$ %% $x 100%');
  });

  it('is a Template with no parts when empty', () => {
    expect(strip(expr('""'))).toEqual({ kind: 'Template', parts: [], form: 'quoted' });
  });

  it('splits literal text and interpolations', () => {
    expect(strip(expr('"a${b}c"'))).toEqual({
      kind: 'Template',
      form: 'quoted',
      parts: [
        { kind: 'TemplateLiteral', value: 'a' },
        { kind: 'TemplateInterp', expr: { kind: 'Variable', name: 'b' } },
        { kind: 'TemplateLiteral', value: 'c' },
      ],
    });
  });
});

describe('strip markers', () => {
  it('strip whitespace, newlines included, from the neighbouring literals', () => {
    expect(text(expr('"a \\n ${~ x ~} \\t b"'))).toBe('a<TemplateInterp>b');
  });

  it('apply to directives too', () => {
    const e = expr('"x %{~ if c ~}  y  %{~ else ~}  z %{~ endif ~} w"');
    expect(strip(e)).toMatchObject({
      parts: [
        { kind: 'TemplateLiteral', value: 'x' },
        {
          kind: 'TemplateIf',
          // biome-ignore lint/suspicious/noThenProperty: the syntax tree contract names this field
          then: [{ kind: 'TemplateLiteral', value: 'y' }],
          else: [{ kind: 'TemplateLiteral', value: 'z' }],
        },
        { kind: 'TemplateLiteral', value: 'w' },
      ],
    });
  });

  it('in a heredoc reach back only to the previous line break', () => {
    // HCL strips within the neighbouring literal token, and a heredoc has one token per line.
    expect(text(attr('a = <<EOF\nline  \n  ${~x}\nEOF\n', 'a').expr)).toBe('line  \n<TemplateInterp>\n');
  });
});

describe('directives', () => {
  it('nest for inside if with key and value names', () => {
    expect(strip(expr('"%{ if c }%{ for k, v in m }${k}%{ endfor }%{ endif }"'))).toEqual({
      kind: 'Template',
      form: 'quoted',
      parts: [
        {
          kind: 'TemplateIf',
          cond: { kind: 'Variable', name: 'c' },
          // biome-ignore lint/suspicious/noThenProperty: the syntax tree contract names this field
          then: [
            {
              kind: 'TemplateFor',
              keyVar: 'k',
              valueVar: 'v',
              collection: { kind: 'Variable', name: 'm' },
              body: [{ kind: 'TemplateInterp', expr: { kind: 'Variable', name: 'k' } }],
            },
          ],
        },
      ],
    });
  });
});

describe('heredocs', () => {
  it('keep text verbatim, backslashes included, and end with the last newline', () => {
    const e = attr('a = <<EOT\n  x \\n\n$${y}\nEOT\n', 'a').expr;
    expect(e.kind === 'Template' && e.form).toBe('heredoc');
    expect(text(e)).toBe('  x \\n\n${y}\n');
  });

  it('<<- removes the smallest indentation and ignores whitespace-only lines', () => {
    expect(text(attr('a = <<-EOT\n    a\n  b\n\n   \n      c\n  EOT\n', 'a').expr)).toBe('  a\nb\n\n   \n    c\n');
  });

  it('<<- counts tabs and spaces alike, one column each', () => {
    expect(text(attr('a = <<-EOT\n\t a\n\t  b\n\tEOT\n', 'a').expr)).toBe('a\n b\n');
  });

  it('<<- does not remove indentation when a line starts with an interpolation', () => {
    expect(text(attr('a = <<-EOT\n  a\n${x}\nEOT\n', 'a').expr)).toBe('  a\n<TemplateInterp>\n');
  });

  it('accept an indented closing marker and CRLF line endings', () => {
    expect(text(attr('a = <<-EOT\r\n  a\r\n  EOT\r\nb = 1\r\n', 'a').expr)).toBe('a\r\n');
  });

  it('may be empty', () => {
    expect(text(attr('a = <<EOT\nEOT\n', 'a').expr)).toBe('');
  });
});
