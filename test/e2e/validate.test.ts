import { readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folder, hasStackTrace, runform } from './cli.js';

const examples = new URL('../../examples/', import.meta.url).pathname;

describe('runform validate', () => {
  it.each(
    readdirSync(examples, { withFileTypes: true })
      .filter((e) => e.isDirectory() && e.name !== 'ci')
      .map((e) => e.name),
  )('accepts the %s example', (name) => {
    const r = runform(['validate', `${examples}${name}`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Success!');
  });

  it('rejects values App Runner would refuse, at file:line:col with a snippet, exit 1 and no stack trace', () => {
    const dir = folder({
      'main.hcl': [
        'resource "apprunner_service" "web" {',
        '  service_name = "web"',
        '  source_configuration {',
        '    image_repository {',
        '      image_identifier      = "public.ecr.aws/nginx/nginx:latest"',
        '      image_repository_type = "DOCKERHUB"',
        '    }',
        '  }',
        '}',
        '',
      ].join('\n'),
    });
    const r = runform(['validate', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('main.hcl:2:18: error: Invalid value for "service_name"');
    expect(r.stderr).toContain(
      'main.hcl:6:31: error: Invalid value for "source_configuration.image_repository.image_repository_type"',
    );
    expect(r.stderr).toContain('  6 |       image_repository_type = "DOCKERHUB"');
    expect(r.stderr).toMatch(/\n\s+\|\s+\^{11}\n/);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('reports several syntax errors of one file together', () => {
    const dir = folder({ 'main.hcl': 'a = "unterminated\nb = 1 c = 2\nlocals {\n' });
    const r = runform(['validate', dir]);
    expect(r.code).toBe(1);
    const positions = [...r.stderr.matchAll(/^main\.hcl:(\d+):(\d+): error/gm)].map((m) => m[1]);
    expect(new Set(positions).size).toBeGreaterThanOrEqual(2);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('prints the documented JSON shape with --json', () => {
    const dir = folder({ 'main.hcl': 'locals {\n  a = var.missing\n}\n' });
    const r = runform(['validate', dir, '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ valid: false, error_count: 1, warning_count: 0 });
    expect(out.diagnostics).toEqual([
      {
        severity: 'error',
        summary: 'Reference to undeclared input variable',
        detail: 'No variable named "missing" is declared.',
        range: {
          filename: 'main.hcl',
          start: { line: 2, column: 7, byte: 15 },
          end: { line: 2, column: 18, byte: 26 },
        },
      },
    ]);
  });

  it('reads configuration files that are symbolic links, and names a link that leads nowhere', () => {
    const shared = folder({ 'extra.hcl': 'locals {\n  a = nope.b\n}\n' });
    const dir = folder({ 'main.hcl': 'locals {\n  ok = 1\n}\n' });
    symlinkSync(join(shared, 'extra.hcl'), join(dir, 'extra.hcl'));
    const linked = runform(['validate', dir]);
    expect(linked.code).toBe(1);
    // The linked file's error proves it was read.
    expect(linked.stderr).toMatch(/^extra\.hcl:2:7: error: /m);
    symlinkSync(join(shared, 'gone.hcl'), join(dir, 'gone.hcl'));
    const broken = runform(['validate', dir]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('Cannot read a configuration file');
    expect(broken.stderr).toContain('gone.hcl: ENOENT');
    expect(hasStackTrace(broken.stderr)).toBe(false);
  });

  it('reports a missing folder with exit 1', () => {
    const r = runform(['validate', '/nonexistent/runform']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot read the configuration folder');
    expect(hasStackTrace(r.stderr)).toBe(false);
  });
});
