import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { tempDir } from '../support/engine.js';

// runform graph, run as the built CLI; it reads only the configuration, so no provider is needed.

const hcl = `
variable "n" {
  type    = string
  default = "x"
}
resource "test_thing" "a" {
  name = var.n
}
resource "test_thing" "b" {
  name = test_thing.a.id
}
output "b" {
  value = test_thing.b.id
}
`;

describe('runform graph', () => {
  it('prints the dependency edges as DOT by default and as Mermaid on request', () => {
    const dir = tempDir({ 'main.hcl': hcl });
    const d = runCli(['graph'], dir, process.env);
    expect(d.status).toBe(0);
    expect(d.stdout).toMatch(/^digraph runform \{/);
    expect(d.stdout).toContain('"test_thing.b" -> "test_thing.a";');
    expect(d.stdout).toContain('"test_thing.a" -> "var.n";');
    expect(d.stdout).toContain('"output.b" -> "test_thing.b";');
    const m = runCli(['graph', dir, '--format', 'mermaid'], dir, process.env);
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(/^flowchart RL\n/);
    expect(m.stdout).toContain('["test_thing.a"]');
    expect(m.stdout.match(/-->/g)).toHaveLength(3);
  });

  it('reports a broken configuration with exit 1 and no stack trace', () => {
    const dir = tempDir({ 'main.hcl': 'resource "test_thing" {\n' });
    const r = runCli(['graph'], dir, process.env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('main.hcl:1');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
