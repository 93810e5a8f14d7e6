// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are HCL source, where ${} is interpolation
import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../../engine/hcl/index.js';
import { references } from '../../../../engine/lang/index.js';

const refs = (text: string) =>
  references(parseExpression(text, 'main.hcl').expr).map((r) => [r.root, ...r.steps].join(' '));

describe('references', () => {
  it('collects roots with their literal steps', () => {
    expect(refs('var.a + local.b')).toEqual(['var a', 'local b']);
    expect(refs('aws_x.web[0].arn')).toEqual(['aws_x web 0 arn']);
    expect(refs('aws_x.web["k"].arn')).toEqual(['aws_x web k arn']);
    expect(refs('data.t.n.id')).toEqual(['data t n id']);
    expect(refs('count.index + each.key + path.module')).toEqual(['count index', 'each key', 'path module']);
  });
  it('stops at a dynamic index and collects the index expression too', () => {
    expect(refs('aws_x.web[var.i].arn')).toEqual(['aws_x web', 'var i']);
  });
  it('sees through splats, templates, calls and conditionals', () => {
    expect(refs('aws_x.web[*].arn')).toEqual(['aws_x web']);
    expect(refs('"${var.a}-%{ if local.b }x%{ endif }"')).toEqual(['var a', 'local b']);
    expect(refs('join(",", var.l) == "" ? local.x : null')).toEqual(['var l', 'local x']);
  });
  it('does not count for-expression variables as references', () => {
    expect(refs('[for k, v in var.m : "${k}=${v.x}" if v != local.skip]')).toEqual(['var m', 'local skip']);
    expect(refs('{for s in var.l : s => upper(s)}')).toEqual(['var l']);
    expect(refs('"%{ for x in var.l }${x}${local.y}%{ endfor }"')).toEqual(['var l', 'local y']);
  });
  it('still counts an outer name that a loop variable does not shadow', () => {
    expect(refs('[for x in [] : y]')).toEqual(['y']);
  });
  it('ignores bare object keys but not computed ones', () => {
    expect(refs('{ a = 1, (var.k) = 2 }')).toEqual(['var k']);
  });
  it('gives each reference its source range', () => {
    const [r] = references(parseExpression('1 + aws_x.web.arn', 'main.hcl').expr);
    expect(r.range.start.column).toBe(5);
    expect(r.range.end.column).toBe(18);
  });
});
