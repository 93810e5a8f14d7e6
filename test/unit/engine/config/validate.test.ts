import { describe, expect, it } from 'vitest';
import { type SchemaSet, validateModule } from '../../../../engine/config/index.js';
import type { ResourceSchema } from '../../../../providers/provider.js';
import { load } from './helpers.js';

const widget: ResourceSchema = {
  type: 'test_widget',
  kind: 'resource',
  description: 'A widget for tests',
  args: {
    type: 'object',
    additionalProperties: false,
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 3, maxLength: 10, pattern: '^[a-z][a-z0-9-]*$' },
      size: { type: 'integer', minimum: 1, maximum: 5 },
      tier: { enum: ['SMALL', 'LARGE'] },
      tags: { type: 'object', additionalProperties: { type: 'string' } },
      network: {
        type: 'object',
        additionalProperties: false,
        required: ['mode'],
        properties: { mode: { enum: ['PUBLIC', 'PRIVATE'] }, port: { type: 'string' } },
      },
    },
  },
  attributes: {
    name: {},
    size: {},
    tier: {},
    tags: {},
    network: { block: true },
    'network.mode': {},
    'network.port': {},
    arn: { computed: true },
  },
};

const schemas: SchemaSet = {
  resources: new Map([['test_widget', widget]]),
  dataSources: new Map([['test_widget', widget]]),
};

/** Loads and validates one file; returns "line:col summary" lines and the diagnostics. */
function check(text: string) {
  const { module, diagnostics } = load(text);
  expect(diagnostics).toEqual([]);
  const diags = validateModule(module, schemas);
  return { diags, lines: diags.map((d) => `${d.range?.start.line}:${d.range?.start.column} ${d.summary}`) };
}

describe('references', () => {
  it('accepts a configuration whose references all resolve', () => {
    const { diags } = check(`
variable "n" {
  type    = string
  default = "abc"
}
locals {
  tags = { team = "a" }
}
resource "test_widget" "a" {
  name = var.n
  tags = local.tags
}
data "test_widget" "d" {
  name = test_widget.a.arn
}
output "arn" {
  value = data.test_widget.d.arn
}
`);
    expect(diags).toEqual([]);
  });

  it('reports undeclared variables, locals, resources and data sources with a close name', () => {
    const { diags, lines } = check(`
variable "image" {
}
locals {
  a = var.imgae
  b = local.aa
  c = test_widget.mian.arn
  d = data.test_widget.x.arn
  e = tset_widget.a.arn
}
resource "test_widget" "main" {
  name = "abc"
}
`);
    expect(lines).toEqual([
      '5:7 Reference to undeclared input variable',
      '6:7 Reference to undeclared local value',
      '7:7 Reference to undeclared resource',
      '8:7 Reference to undeclared data source',
      '9:7 Reference to undeclared resource',
    ]);
    expect(diags[0].detail).toContain('Did you mean "image"?');
    expect(diags[1].detail).toContain('Did you mean "a"?');
    expect(diags[2].detail).toContain('Did you mean "main"?');
    expect(diags[4].detail).toContain('Did you mean "test_widget"?');
  });

  it('allows count.index and each.* only where count or for_each is set', () => {
    const { lines } = check(`
resource "test_widget" "a" {
  count = 2
  name  = "w\${count.index}x"
}
resource "test_widget" "b" {
  for_each = toset(["abc"])
  name     = each.key
}
resource "test_widget" "c" {
  name = "w\${count.index}\${each.key}"
}
`);
    expect(lines).toEqual([
      '11:14 Reference to "count" in non-counted context',
      '11:28 Reference to "each" in context without for_each',
    ]);
  });

  it('lets a validation rule refer only to its own variable', () => {
    const { lines } = check(`
variable "a" {
  validation {
    condition     = var.b != ""
    error_message = "no"
  }
}
variable "b" {
}
`);
    expect(lines).toEqual(['4:21 Invalid reference in variable validation']);
  });
});

describe('cycles', () => {
  it('shows the whole cycle with the place of each reference', () => {
    const { diags } = check(`
locals {
  a = local.b
  b = local.c
  c = local.a
}
`);
    expect(diags).toHaveLength(1);
    expect(diags[0].summary).toMatch(/^Cycle: local\.\w → local\.\w → local\.\w → local\.\w$/);
    const detail = diags[0].detail ?? '';
    expect(detail).toContain('local.a refers to local.b at main.hcl:3:7');
    expect(detail).toContain('local.b refers to local.c at main.hcl:4:7');
    expect(detail).toContain('local.c refers to local.a at main.hcl:5:7');
  });

  it('finds cycles through resources and depends_on', () => {
    const { diags } = check(`
resource "test_widget" "a" {
  name = test_widget.b.arn
}
resource "test_widget" "b" {
  name       = "abc"
  depends_on = [test_widget.a]
}
`);
    expect(diags.map((d) => d.summary)).toEqual(['Cycle: test_widget.a → test_widget.b → test_widget.a']);
  });
});

describe('variables and for_each', () => {
  it('checks a default against the type constraint', () => {
    const { lines } = check('variable "n" {\n  type    = number\n  default = "ten"\n}\n');
    expect(lines).toEqual(['3:13 Invalid default value for variable']);
  });

  it('refuses a null default for a non-nullable variable', () => {
    const { lines } = check('variable "n" {\n  type     = string\n  default  = null\n  nullable = false\n}\n');
    expect(lines).toEqual(['3:14 Invalid default value for variable']);
  });

  it('refuses for_each over a list, and suggests toset', () => {
    const { diags, lines } = check('resource "test_widget" "a" {\n  for_each = ["a", "b"]\n  name     = "abc"\n}\n');
    expect(lines).toEqual(['2:14 Invalid for_each argument']);
    expect(diags[0].detail).toContain('toset');
  });

  it('accepts for_each over a map, or over a value known only later', () => {
    const { diags } = check(`
variable "names" {
}
resource "test_widget" "a" {
  for_each = { x = "abc" }
  name     = each.value
}
resource "test_widget" "b" {
  for_each = var.names
  name     = each.key
}
`);
    expect(diags).toEqual([]);
  });
});

describe('resource arguments against the schema', () => {
  it('points at the value that breaks a constraint, reporting the first broken constraint of each', () => {
    const { diags, lines } = check(`
resource "test_widget" "a" {
  name = "Bad_Name_Too_Long"
  size = 9
  tier = "HUGE"
}
`);
    expect(lines).toEqual([
      '3:10 Invalid value for "name"',
      '4:10 Invalid value for "size"',
      '5:10 Invalid value for "tier"',
    ]);
    expect(diags.map((d) => d.detail)).toEqual([
      'Must be at most 10 characters long.',
      'Must be at most 5.',
      'Must be one of: "SMALL", "LARGE".',
    ]);
  });

  it('reports unknown arguments at their name with a suggestion, and computed attributes as not settable', () => {
    const { diags, lines } = check('resource "test_widget" "a" {\n  name = "abc"\n  tire = "SMALL"\n  arn  = "x"\n}\n');
    expect(lines).toEqual(['3:3 Unsupported argument', '4:3 Unsupported argument']);
    expect(diags[0].detail).toContain('Did you mean "tier"?');
    expect(diags[1].detail).toContain('set by App Runner');
  });

  it('reports a missing required argument at the block that lacks it', () => {
    const { lines } = check('resource "test_widget" "a" {\n  network {\n    port = "80"\n  }\n}\n');
    expect(lines).toEqual(['1:1 Missing required argument', '2:3 Missing required argument']);
  });

  it('checks values inside nested blocks and maps', () => {
    const { lines } = check(
      'resource "test_widget" "a" {\n  name = "abc"\n  tags = { a = 1, b = true }\n  network {\n    mode = "OPEN"\n  }\n}\n',
    );
    expect(lines).toEqual(['5:12 Invalid value for "network.mode"']);
  });

  it('skips values that are not known until plan', () => {
    const { diags } = check('variable "n" {\n}\nresource "test_widget" "a" {\n  name = var.n\n  size = var.n\n}\n');
    expect(diags).toEqual([]);
  });

  it('insists on block syntax for blocks and on argument syntax for arguments', () => {
    const { lines } = check(
      'resource "test_widget" "a" {\n  name    = "abc"\n  network = { mode = "PUBLIC" }\n  tags {\n  }\n}\n',
    );
    expect(lines).toEqual(['3:3 Unsupported argument', '4:3 Unsupported block type']);
  });

  it('refuses a block given twice', () => {
    const { lines } = check(
      'resource "test_widget" "a" {\n  name = "abc"\n  network {\n    mode = "PUBLIC"\n  }\n  network {\n    mode = "PUBLIC"\n  }\n}\n',
    );
    expect(lines).toEqual(['6:3 Duplicate network block']);
  });

  it('refuses a resource type no provider offers, suggesting a close one', () => {
    const { diags, lines } = check('resource "test_widgte" "a" {\n}\n');
    expect(lines).toEqual(['1:1 Unsupported resource type']);
    expect(diags[0].detail).toContain('Did you mean "test_widget"?');
  });

  it('reports function errors on literal arguments with the function named', () => {
    const { diags } = check('resource "test_widget" "a" {\n  name = upper(5, 6)\n}\n');
    expect(diags.length).toBeGreaterThan(0);
    expect(diags[0].range?.start.line).toBe(2);
    expect(`${diags[0].summary} ${diags[0].detail}`).toContain('upper');
  });
});

describe('import blocks', () => {
  const declared = `
resource "test_widget" "web" {
  name = "web"
}
resource "test_widget" "many" {
  count = 2
  name  = "many"
}
resource "test_widget" "keyed" {
  for_each = { a = "x" }
  name     = "keyed"
}
`;

  it('accepts targets that are declared, with an index exactly where count or for_each asks for one', () => {
    const { diags } = check(`${declared}
import {
  to = test_widget.web
  id = "w-1"
}
import {
  to = test_widget.many[1]
  id = "m-1"
}
import {
  to = test_widget.keyed["a"]
  id = "k-1"
}
`);
    expect(diags).toEqual([]);
  });

  it('refuses a target with no resource block, which would be imported and then destroyed, suggesting a close name', () => {
    const { diags, lines } = check(`${declared}
import {
  to = test_widget.webb
  id = "w-1"
}
`);
    expect(lines).toEqual(['15:8 Import target not declared']);
    expect(diags[0]!.detail).toContain('There is no resource block for test_widget.webb');
    expect(diags[0]!.detail).toContain('test_widget.web');
  });

  it('refuses an index that does not match count or for_each, a data source, and the same target twice', () => {
    const { lines, diags } = check(`${declared}
import {
  to = test_widget.web[0]
  id = "w-1"
}
import {
  to = test_widget.many
  id = "m-1"
}
import {
  to = test_widget.keyed[0]
  id = "k-1"
}
import {
  to = data.test_widget.web
  id = "d-1"
}
import {
  to = test_widget.many[1]
  id = "m-1"
}
import {
  to = test_widget.many[1]
  id = "m-2"
}
`);
    expect(lines).toEqual([
      '15:8 Invalid import address',
      '19:8 Invalid import address',
      '23:8 Invalid import address',
      '27:8 Invalid import address',
      '35:8 Duplicate import',
    ]);
    expect(diags.map((d) => d.detail)).toEqual([
      'test_widget.web has neither count nor for_each, so its address takes no index.',
      'test_widget.many uses count, so the address needs a number index, as in test_widget.many[0].',
      'test_widget.keyed uses for_each, so the address needs a string index, as in test_widget.keyed["key"].',
      '"to" must be a managed resource address, such as apprunner_service.web.',
      'test_widget.many[1] is the target of another import block already.',
    ]);
  });
});

describe('sensitive variables', () => {
  it('hides what checking a sensitive default reports, keeping the summary and the position', () => {
    const { diags, lines } = check(`
variable "s" {
  type      = number
  sensitive = true
  default   = tonumber("S3CRET")
}
variable "p" {
  type    = number
  default = tonumber("PLAIN")
}
`);
    expect(lines).toEqual(['5:24 Invalid function argument', '9:22 Invalid function argument']);
    expect(JSON.stringify(diags)).not.toContain('S3CRET');
    expect(diags[0]!.detail).toBe(
      'The details are hidden because they could show the value of the sensitive variable "s".',
    );
    expect(diags[1]!.detail).toContain('PLAIN');
  });
});
