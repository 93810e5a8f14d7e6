import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../../../engine/eval/index.js';
import { lines, moduleOf, planOf } from '../../../support/engine.js';

describe('dependency graph', () => {
  it('orders references and depends_on: dependencies first', () => {
    const g = buildGraph(
      moduleOf(`
locals {
  n = var.name
}
variable "name" {
  default = "x"
}
resource "test_thing" "b" {
  name       = local.n
  depends_on = [test_thing.a]
}
resource "test_thing" "a" {
  name = "a"
}
output "o" {
  value = test_thing.b.id
}
`),
    );
    expect(g.diagnostics).toEqual([]);
    const at = (n: string) => g.order.indexOf(n);
    expect(at('var.name')).toBeLessThan(at('local.n'));
    expect(at('local.n')).toBeLessThan(at('test_thing.b'));
    expect(at('test_thing.a')).toBeLessThan(at('test_thing.b'));
    expect(at('test_thing.b')).toBeLessThan(at('output.o'));
  });

  it('reports a cycle once, naming every edge with its position', () => {
    const g = buildGraph(
      moduleOf(`
locals {
  a = local.b
  b = test_thing.x.id
}
resource "test_thing" "x" {
  name = local.a
}
`),
    );
    expect(lines(g.diagnostics)).toHaveLength(1);
    const detail = g.diagnostics[0].detail ?? '';
    expect(g.diagnostics[0].summary).toMatch(/^Cycle: /);
    expect(detail).toMatch(/local\.a refers to local\.b at main\.hcl:3:7/);
    expect(detail).toMatch(/local\.b refers to test_thing\.x at main\.hcl:4:7/);
    expect(detail).toMatch(/test_thing\.x refers to local\.a at main\.hcl:7:10/);
  });

  it('reports a reference to something undeclared, with a suggestion', () => {
    const g = buildGraph(
      moduleOf('resource "test_thing" "a" {\n  name = var.nam\n}\nvariable "name" {\n  default = "x"\n}\n'),
    );
    expect(lines(g.diagnostics)).toEqual(['main.hcl:2:10: Reference to undeclared input variable']);
    expect(g.diagnostics[0].detail).toContain('"name"');
  });
});

describe('expansion and references', () => {
  it('a counted resource is a list and a for_each resource a map in references', async () => {
    const r = await planOf(`
resource "test_thing" "c" {
  count = 2
  name  = "c${'$'}{count.index}"
}
resource "test_thing" "e" {
  for_each = { a = "one", b = "two" }
  name     = "${'$'}{each.key}-${'$'}{each.value}"
}
resource "test_thing" "u" {
  name = "u"
  note = "${'$'}{length(test_thing.c)} ${'$'}{test_thing.e["b"].name} ${'$'}{test_thing.c[1].name}"
}
`);
    expect(r.diagnostics).toEqual([]);
    const u = r.byAddr.get('test_thing.u');
    expect(u?.action === 'create' && u.after.value.note).toBe('2 b-two c1');
    expect([...r.byAddr.keys()]).toContain('test_thing.e["a"]');
  });

  it('for_each over a list is a positioned error', async () => {
    const r = await planOf('resource "test_thing" "e" {\n  for_each = ["a"]\n  name = each.key\n}\n');
    expect(lines(r.diagnostics)).toEqual(['main.hcl:2:14: Invalid for_each argument']);
  });

  it('refuses more instances than one resource block may have, without making them', async () => {
    const huge = await planOf('resource "test_thing" "n" {\n  count = 1e9\n  name = "n"\n}\n');
    expect(lines(huge.diagnostics)).toEqual(['main.hcl:2:11: Invalid count argument']);
    expect(huge.diagnostics[0]!.detail).toBe(
      'This would make 1,000,000,000 instances; one resource block may have at most 100,000.',
    );
    const keys = await planOf(
      'resource "test_thing" "e" {\n  for_each = toset(flatten([for i in range(1000) : [for j in range(101) : format("%d-%d", i, j)]]))\n  name = each.key\n}\n',
    );
    expect(lines(keys.diagnostics)).toEqual(['main.hcl:2:14: Invalid for_each argument']);
  });

  it('an unknown count at plan time is an error that says why', async () => {
    const r = await planOf(
      'resource "test_thing" "a" {\n  name = "a"\n}\nresource "test_thing" "b" {\n  count = length(test_thing.a.id)\n  name = "b"\n}\n',
    );
    expect(lines(r.diagnostics)).toEqual(['main.hcl:5:11: Invalid count argument']);
    expect(r.diagnostics[0].detail).toContain('cannot be determined until apply');
  });

  it('references to computed attributes of new resources are unknown, and sensitive values stay marked', async () => {
    const r = await planOf(`
variable "token" {
  default   = "t0ps3cret"
  sensitive = true
}
resource "test_thing" "a" {
  name   = "a"
  secret = var.token
}
resource "test_thing" "b" {
  name = "b"
  note = test_thing.a.arn
  tags = { t = var.token }
}
`);
    expect(r.diagnostics).toEqual([]);
    const a = r.byAddr.get('test_thing.a');
    const b = r.byAddr.get('test_thing.b');
    expect(a?.action === 'create' && a.after.sensitivePaths).toContainEqual(['secret']);
    expect(b?.action === 'create' && b.after.unknownPaths).toContainEqual(['note']);
    expect(b?.action === 'create' && b.after.sensitivePaths).toContainEqual(['tags', 't']);
  });
});
