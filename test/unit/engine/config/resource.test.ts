import { describe, expect, it } from 'vitest';
import { load } from './helpers.js';

describe('resource meta-arguments', () => {
  it('separates meta-arguments from the body the resource type checks', () => {
    const { module, diagnostics } = load(`
resource "apprunner_service" "web" {
  count        = 2
  depends_on   = [apprunner_auto_scaling_configuration.a]
  provider     = apprunner.eu
  service_name = "web-\${count.index}"
  source_configuration {
    auto_deployments_enabled = false
  }
  lifecycle {
    create_before_destroy = true
    prevent_destroy       = false
    ignore_changes        = [tags, source_configuration]
    replace_triggered_by  = [apprunner_auto_scaling_configuration.a.arn]
  }
  timeouts {
    create = "30m"
  }
}
`);
    expect(diagnostics).toEqual([]);
    const r = module.resources.get('apprunner_service.web')!;
    expect(r.count).toBeDefined();
    expect(r.forEach).toBeUndefined();
    expect(r.dependsOn).toHaveLength(1);
    expect(r.provider?.key).toBe('apprunner.eu');
    expect(r.config.attributes.map((a) => a.name)).toEqual(['service_name']);
    expect(r.config.blocks.map((b) => b.type)).toEqual(['source_configuration']);
    expect(Array.isArray(r.lifecycle.ignoreChanges)).toBe(true);
    expect(r.lifecycle.replaceTriggeredBy).toHaveLength(1);
    expect(r.timeouts).toBeDefined();
  });

  it('accepts ignore_changes = all', () => {
    const { module, diagnostics } = load('resource "t_x" "a" {\n  lifecycle {\n    ignore_changes = all\n  }\n}\n');
    expect(diagnostics).toEqual([]);
    expect(module.resources.get('t_x.a')?.lifecycle.ignoreChanges).toBe('all');
  });

  it('refuses count together with for_each, pointing at for_each', () => {
    const { lines } = load('resource "t_x" "a" {\n  count    = 1\n  for_each = {}\n}\n');
    expect(lines).toEqual(['main.hcl:3:3: Invalid combination of "count" and "for_each"']);
  });

  it('refuses depends_on entries that are not resource references', () => {
    const { lines } = load('resource "t_x" "a" {\n  depends_on = [var.x, "t_x.b"]\n}\n');
    expect(lines).toEqual([
      'main.hcl:2:17: Invalid depends_on reference',
      'main.hcl:2:24: Invalid depends_on reference',
    ]);
  });

  it('refuses a quoted provider reference', () => {
    const { lines } = load('resource "t_x" "a" {\n  provider = "apprunner"\n}\n');
    expect(lines).toEqual(['main.hcl:2:14: Invalid provider reference']);
  });

  it('refuses unknown lifecycle arguments and a lifecycle block in a data source', () => {
    expect(
      load('resource "t_x" "a" {\n  lifecycle {\n    prevent_destory = true\n  }\n}\n').diagnostics[0].detail,
    ).toContain('Did you mean "prevent_destroy"?');
    expect(load('data "t_x" "a" {\n  lifecycle {\n  }\n}\n').lines).toEqual(['main.hcl:2:3: Unsupported block type']);
  });

  it('refuses invalid resource names', () => {
    expect(load('resource "t_x" "1a" {\n}\n').lines).toEqual(['main.hcl:1:16: Invalid resource name']);
  });

  it('refuses a second lifecycle block', () => {
    const { lines } = load('resource "t_x" "a" {\n  lifecycle {\n  }\n  lifecycle {\n  }\n}\n');
    expect(lines).toEqual(['main.hcl:4:3: Duplicate lifecycle block']);
  });
});
