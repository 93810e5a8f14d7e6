import { describe, expect, it } from 'vitest';
import { configFiles, loadModule } from '../../../../engine/config/index.js';
import { configDir, load } from './helpers.js';

describe('loading a configuration folder', () => {
  it('reads every .hcl file in lexical order, but not variable files or subfolders', () => {
    const dir = configDir({
      'b.hcl': 'locals {\n  b = 2\n}\n',
      'a.hcl': 'locals {\n  a = 1\n}\n',
      'runform.vars.hcl': 'x = 1\n',
      'prod.auto.vars.hcl': 'x = 2\n',
      'notes.txt': 'not config',
    });
    expect(configFiles(dir)).toEqual(['a.hcl', 'b.hcl']);
    const r = loadModule(dir);
    expect(r.diagnostics).toEqual([]);
    expect([...r.module.locals.keys()]).toEqual(['a', 'b']);
    expect([...r.module.sources.keys()]).toEqual(['a.hcl', 'b.hcl']);
  });

  it('reports a missing folder as a diagnostic, not an exception', () => {
    const r = loadModule('/nonexistent/runform/config');
    expect(r.diagnostics[0].summary).toBe('Cannot read the configuration folder');
  });

  it('reports a folder with no configuration files', () => {
    const r = loadModule(configDir({ 'readme.md': '#' }));
    expect(r.diagnostics[0].summary).toBe('No configuration files');
  });

  it('keeps syntax errors from every file, with file names relative to the folder', () => {
    const r = loadModule(configDir({ 'a.hcl': 'a = \n', 'b.hcl': 'resource "x" {\n' }));
    const files = r.diagnostics.map((d) => d.range?.filename);
    expect(files).toContain('a.hcl');
    expect(files).toContain('b.hcl');
  });
});

describe('top-level blocks', () => {
  it('decodes every block kind the language has', () => {
    const { module, diagnostics } = load(`
runform {
  required_version = ">= 0.1"
  backend "local" {}
}
provider "apprunner" {
  region = "eu-west-1"
}
provider "apprunner" {
  alias  = "us"
  region = "us-east-1"
}
variable "image" {
  type        = string
  default     = "nginx"
  description = "The image"
  sensitive   = false
  nullable    = false
  validation {
    condition     = length(var.image) > 0
    error_message = "Name an image."
  }
}
locals {
  name = "web"
}
resource "apprunner_service" "web" {
  service_name = local.name
}
data "apprunner_connection" "gh" {
  connection_name = "gh"
}
output "url" {
  value     = apprunner_service.web.service_url
  sensitive = true
}
moved {
  from = apprunner_service.old
  to   = apprunner_service.web
}
import {
  to = apprunner_service.web
  id = "arn:aws:apprunner:eu-west-1:123456789012:service/web/0123"
}
`);
    expect(diagnostics).toEqual([]);
    expect(module.runform?.backend?.kind).toBe('local');
    expect([...module.providers.keys()]).toEqual(['apprunner', 'apprunner.us']);
    const v = module.variables.get('image')!;
    expect(v).toMatchObject({ description: 'The image', sensitive: false, nullable: false });
    expect(v.validations).toHaveLength(1);
    expect([...module.resources.keys()]).toEqual(['apprunner_service.web', 'data.apprunner_connection.gh']);
    expect(module.outputs.get('url')?.sensitive).toBe(true);
    expect(module.moved).toHaveLength(1);
    expect(module.imports).toHaveLength(1);
  });

  it('rejects an unknown block type and suggests the close one', () => {
    const { lines, diagnostics } = load('resouce "apprunner_service" "web" {\n}\n');
    expect(lines).toEqual(['main.hcl:1:1: Unsupported block type']);
    expect(diagnostics[0].detail).toContain('Did you mean "resource"?');
  });

  it('rejects top-level arguments', () => {
    expect(load('region = "x"\n').lines).toEqual(['main.hcl:1:1: Unsupported argument']);
  });

  it('rejects a block with too few or too many labels', () => {
    expect(load('resource "apprunner_service" {\n}\n').lines).toEqual(['main.hcl:1:1: Missing name for resource']);
    expect(load('variable "a" "b" {\n}\n').lines).toEqual(['main.hcl:1:14: Extraneous label for variable']);
  });

  it('rejects an unknown backend kind', () => {
    const { lines } = load('runform {\n  backend "consul" {}\n}\n');
    expect(lines).toEqual(['main.hcl:2:11: Unknown backend']);
  });
});

describe('duplicates', () => {
  it('reports a duplicate resource at the second declaration and names the first', () => {
    const { lines, diagnostics } = load('resource "t_x" "a" {\n}\nresource "t_x" "a" {\n}\n');
    expect(lines).toEqual(['main.hcl:3:1: Duplicate resource "t_x" configuration']);
    expect(diagnostics[0].detail).toContain('main.hcl:1:1');
  });

  it('reports duplicate variables, locals, outputs and providers', () => {
    const text = [
      'variable "v" {\n}\nvariable "v" {\n}',
      'locals {\n  l = 1\n}\nlocals {\n  l = 2\n}',
      'output "o" {\n  value = 1\n}\noutput "o" {\n  value = 2\n}',
      'provider "apprunner" {\n}\nprovider "apprunner" {\n}',
    ].join('\n');
    const summaries = load(`${text}\n`).diagnostics.map((d) => d.summary);
    expect(summaries).toEqual([
      'Duplicate variable declaration',
      'Duplicate local value definition',
      'Duplicate output definition',
      'Duplicate provider configuration',
    ]);
  });
});

describe('variables and outputs', () => {
  it('requires literal booleans for sensitive and nullable', () => {
    const { lines } = load('variable "v" {\n  sensitive = "yes"\n}\n');
    expect(lines).toEqual(['main.hcl:2:15: Invalid value']);
  });

  it('rejects unknown variable arguments with a suggestion', () => {
    const { diagnostics } = load('variable "v" {\n  defualt = 1\n}\n');
    expect(diagnostics[0].summary).toBe('Unsupported argument');
    expect(diagnostics[0].detail).toContain('Did you mean "default"?');
  });

  it('requires a value in an output', () => {
    const { lines } = load('output "o" {\n  description = "x"\n}\n');
    expect(lines).toEqual(['main.hcl:1:1: Missing required argument']);
  });

  it('requires condition and error_message in a validation block', () => {
    const { diagnostics } = load('variable "v" {\n  validation {\n    condition = true\n  }\n}\n');
    expect(diagnostics.map((d) => d.summary)).toEqual(['Missing required argument']);
    expect(diagnostics[0].detail).toContain('"error_message"');
  });
});
