import { describe, expect, it } from 'vitest';
import { loadModule } from '../../../../engine/config/index.js';
import { type Diagnostic, formatRange } from '../../../../engine/diag/index.js';
import {
  configureBackend,
  decodeBackendSettings,
  LocalBackend,
  PgBackend,
  registerBackend,
} from '../../../../engine/state/index.js';
import { tempDir } from '../../../support/engine.js';

// Choosing and configuring a backend from the runform block: positioned diagnostics for every
// mistake, and the right backend per kind and workspace.

const blockOf = (hcl: string) => {
  const dir = tempDir({ 'main.hcl': hcl });
  const m = loadModule(dir).module;
  return { dir, block: m.runform?.backend };
};

const where = (d: Diagnostic) => (d.range ? formatRange(d.range) : '(no range)');

describe('backend settings', () => {
  const spec = {
    bucket: { type: 'string', required: true },
    use_path_style: { type: 'bool' },
    retries: { type: 'number' },
  } as const;

  it('decodes literal strings, booleans and numbers', () => {
    const { block } = blockOf(
      'runform {\n  backend "s3" {\n    bucket = "b"\n    use_path_style = true\n    retries = 3\n  }\n}\n',
    );
    const diags: Diagnostic[] = [];
    expect(decodeBackendSettings(block!, spec, diags)).toEqual({ bucket: 'b', use_path_style: true, retries: 3 });
    expect(diags).toEqual([]);
  });

  it('reports an unknown setting, a wrong type and a missing required one at file:line:col', () => {
    const { block } = blockOf(
      'runform {\n  backend "s3" {\n    buckett = "b"\n    use_path_style = "yes"\n    retries = "3"\n  }\n}\n',
    );
    const diags: Diagnostic[] = [];
    decodeBackendSettings(block!, spec, diags);
    const got = diags.map((d) => `${where(d)} ${d.summary}: ${d.detail}`);
    expect(got).toEqual([
      expect.stringMatching(/^main\.hcl:3:5 Unsupported argument: .*"buckett".*Did you mean "bucket"\?/),
      expect.stringMatching(/^main\.hcl:2:3 Missing required argument: The argument "bucket" is required/),
      expect.stringMatching(/^main\.hcl:4:22 Invalid value: .*"use_path_style" must be true or false/),
      expect.stringMatching(/^main\.hcl:5:15 Invalid value: The setting "retries" .* must be a literal number/),
    ]);
  });

  it('refuses a value computed from an expression: settings are read before anything is evaluated', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the HCL text holds an interpolation on purpose.
    const { block } = blockOf('runform {\n  backend "pg" {\n    conn_str = "postgres://${var.host}/db"\n  }\n}\n');
    const diags: Diagnostic[] = [];
    expect(configureBackend(block, { dir: '.', env: {} }, diags)).toBeUndefined();
    expect(diags.map((d) => `${where(d)} ${d.detail}`)).toEqual([
      expect.stringMatching(
        /^main\.hcl:3:16 The setting "conn_str" of the backend "pg" block must be a literal string/,
      ),
    ]);
  });
});

describe('backend registry', () => {
  it('opens the local backend without a block, per workspace', () => {
    const kind = configureBackend(undefined, { dir: '/cfg', env: {} }, []);
    const def = kind?.open('default') as LocalBackend;
    const other = kind?.open('staging') as LocalBackend;
    expect(def).toBeInstanceOf(LocalBackend);
    expect(def.path).toBe('/cfg/runform.state.json');
    expect(other.path).toBe('/cfg/runform.state.d/staging/runform.state.json');
  });

  it('opens pg with the default schema "runform", and the workspace in its location', () => {
    const { block } = blockOf('runform {\n  backend "pg" {\n    conn_str = "postgres://h/db"\n  }\n}\n');
    const diags: Diagnostic[] = [];
    const b = configureBackend(block, { dir: '.', env: {} }, diags)?.open('prod') as PgBackend;
    expect(diags).toEqual([]);
    expect(b).toBeInstanceOf(PgBackend);
    expect(b.schema).toBe('runform');
    expect(b.location).toBe('the pg state of workspace "prod" (schema "runform")');
  });

  it('says which kinds exist when a kind has no factory, at the block', () => {
    const { block } = blockOf('runform {\n  backend "s3" {\n    bucket = "b"\n  }\n}\n');
    const diags: Diagnostic[] = [];
    // A kind the configuration could name but this build never registered (a trimmed build).
    const unregistered = { ...block!, kind: 'gcs' } as unknown as typeof block;
    expect(configureBackend(unregistered, { dir: '.', env: {} }, diags)).toBeUndefined();
    expect(diags[0]?.detail).toMatch(/no "gcs" backend; use one of: local, pg, s3/);
    expect(where(diags[0]!)).toBe('main.hcl:2:3');
  });

  it('lets a new kind register with one call', () => {
    registerBackend<{ dir: string }>('s3-test-only', {
      decode: () => ({ dir: 'x' }),
      open: (s, ctx) => new LocalBackend({ dir: `${s.dir}/${ctx.workspace}` }),
    });
    const { block } = blockOf('runform {\n  backend "s3" {}\n}\n');
    const kind = configureBackend({ ...block!, kind: 's3-test-only' as 's3' }, { dir: '.', env: {} }, []);
    expect((kind?.open('w') as LocalBackend).path).toBe('x/w/runform.state.json');
    expect(kind?.workspaces).toBeUndefined();
  });
});
