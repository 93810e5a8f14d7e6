import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folder, hasStackTrace, runform } from './cli.js';

const messy =
  'resource "apprunner_connection" "gh" {\n connection_name="gh" # the GitHub link\n    provider_type = "GITHUB"\n}\n';
const tidy =
  'resource "apprunner_connection" "gh" {\n  connection_name = "gh" # the GitHub link\n  provider_type   = "GITHUB"\n}\n';

const examples = new URL('../../examples/', import.meta.url).pathname;

describe('runform fmt', () => {
  it('finds the shipped examples already in canonical form', () => {
    for (const e of readdirSync(examples, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'ci')) {
      const r = runform(['fmt', '--check', join(examples, e.name)]);
      expect({ example: e.name, code: r.code, stdout: r.stdout }).toEqual({ example: e.name, code: 0, stdout: '' });
    }
  });

  it('rewrites files in canonical form, keeps comments, and lists what it changed', () => {
    const dir = folder({ 'main.hcl': messy, 'ok.hcl': tidy });
    const r = runform(['fmt', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('main.hcl\n');
    expect(readFileSync(join(dir, 'main.hcl'), 'utf8')).toBe(tidy);
  });

  it('is idempotent: a second run changes nothing', () => {
    const dir = folder({ 'main.hcl': messy });
    runform(['fmt', dir]);
    const before = statSync(join(dir, 'main.hcl')).mtimeMs;
    const r = runform(['fmt', '--check', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(statSync(join(dir, 'main.hcl')).mtimeMs).toBe(before);
  });

  it('--check writes nothing and exits 3 when a file would change; --diff shows the change', () => {
    const dir = folder({ 'main.hcl': messy });
    const r = runform(['fmt', '--check', '--diff', dir]);
    expect(r.code).toBe(3);
    expect(r.stdout).toContain('main.hcl');
    expect(r.stdout).toContain('-    provider_type = "GITHUB"');
    expect(r.stdout).toContain('+  provider_type   = "GITHUB"');
    expect(readFileSync(join(dir, 'main.hcl'), 'utf8')).toBe(messy);
  });

  it('refuses a file with syntax errors, leaving it untouched, with exit 1 and no stack trace', () => {
    const bad = 'locals {\n  a = \n';
    const dir = folder({ 'main.hcl': bad });
    const r = runform(['fmt', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^main\.hcl:\d+:\d+: error: /m);
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(readFileSync(join(dir, 'main.hcl'), 'utf8')).toBe(bad);
  });

  it('refuses bytes that are not UTF-8 at their line and column, and leaves the file byte for byte', () => {
    const dir = folder({});
    // "café" in Latin-1: the é is the single byte 0xE9, which UTF-8 does not allow there.
    const bytes = Buffer.from('locals {\n  x = "caf\xe9"\n  yy = 1\n}\n', 'latin1');
    writeFileSync(join(dir, 'main.hcl'), bytes);
    const r = runform(['fmt', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^main\.hcl:2:11: error: Invalid character encoding/m);
    expect(r.stderr).toContain('0xE9');
    expect(hasStackTrace(r.stderr)).toBe(false);
    expect(readFileSync(join(dir, 'main.hcl')).equals(bytes)).toBe(true);
  });

  it('formats a single named file, variable files included', () => {
    const dir = folder({ 'prod.auto.vars.hcl': 'image="x"\nregion   = "eu-west-1"\n' });
    const r = runform(['fmt', join(dir, 'prod.auto.vars.hcl')]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'prod.auto.vars.hcl'), 'utf8')).toBe('image  = "x"\nregion = "eu-west-1"\n');
  });
});
