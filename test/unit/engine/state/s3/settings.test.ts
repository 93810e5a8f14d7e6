import { describe, expect, it } from 'vitest';
import { loadModule } from '../../../../../engine/config/index.js';
import { decodeS3Settings, workspaceKey } from '../../../../../engine/state/s3/index.js';
import { configDir } from '../../config/helpers.js';

// Decodes the backend block of a one-file configuration, as the CLI will.
function decode(block: string) {
  const r = loadModule(configDir({ 'main.hcl': `runform {\n  backend "s3" {\n${block}  }\n}\n` }));
  expect(r.diagnostics).toEqual([]);
  const backend = r.module!.runform!.backend!;
  const out = decodeS3Settings(backend.body, backend.range);
  const lines = out.diagnostics.map(
    (d) => `${d.range?.filename}:${d.range?.start.line}:${d.range?.start.column}: ${d.summary}: ${d.detail ?? ''}`,
  );
  return { settings: out.settings, lines };
}

const required = '    bucket = "acme-state"\n    key = "apprunner/prod.json"\n    region = "eu-west-1"\n';

describe('decodeS3Settings', () => {
  it('decodes the required settings, with the standard AWS behaviour by default', () => {
    expect(decode(required)).toEqual({
      settings: {
        bucket: 'acme-state',
        key: 'apprunner/prod.json',
        region: 'eu-west-1',
        compat: 'aws',
        forcePathStyle: false,
      },
      lines: [],
    });
  });

  it('turns path-style addressing on with compat = "ceph" unless force_path_style says otherwise', () => {
    const ceph = decode(`${required}    endpoint = "http://127.0.0.1:7480"\n    compat = "ceph"\n`);
    expect(ceph.settings).toMatchObject({ endpoint: 'http://127.0.0.1:7480', compat: 'ceph', forcePathStyle: true });
    const vhost = decode(`${required}    compat = "ceph"\n    force_path_style = false\n`);
    expect(vhost.settings?.forcePathStyle).toBe(false);
    expect(decode(`${required}    force_path_style = true\n`).settings).toMatchObject({
      compat: 'aws',
      forcePathStyle: true,
    });
  });

  it('reports each missing required setting at the backend block', () => {
    expect(decode('    bucket = "acme-state"\n').lines).toEqual([
      'main.hcl:2:3: Missing required argument: The argument "key" is required in a backend "s3" block, but no definition was found.',
      'main.hcl:2:3: Missing required argument: The argument "region" is required in a backend "s3" block, but no definition was found.',
    ]);
  });

  it('points at the offending value, with what is wrong and what would do', () => {
    const { settings, lines } = decode(
      '    bucket = "Acme_State"\n    key = "/prod.json"\n    region = "eu west"\n' +
        '    endpoint = "ftp://x"\n    compat = "cepth"\n    force_path_style = "yes"\n',
    );
    expect(settings).toBeUndefined();
    expect(lines).toEqual([
      'main.hcl:3:14: Invalid backend setting: "Acme_State" is not a valid bucket name: use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.',
      'main.hcl:4:11: Invalid backend setting: The key "/prod.json" must not start or end with "/".',
      'main.hcl:5:14: Invalid backend setting: "eu west" is not a region name (for example "eu-west-1").',
      'main.hcl:6:16: Invalid backend setting: "ftp://x" must be an http:// or https:// URL.',
      'main.hcl:7:14: Invalid backend setting: "compat" must be one of: "aws", "ceph". Did you mean "ceph"?',
      'main.hcl:8:24: Invalid value: The argument "force_path_style" must be true or false, written literally.',
    ]);
  });

  it('accepts only literal values: a backend is set up before variables exist', () => {
    const { lines } = decode(`${required.replace('"eu-west-1"', 'var.region')}`);
    expect(lines).toEqual(['main.hcl:5:14: Invalid value: The argument "region" must be a literal string.']);
  });

  it('rejects unknown settings, suggesting the close one', () => {
    expect(decode(`${required}    endpont = "http://x"\n`).lines).toEqual([
      'main.hcl:6:5: Unsupported argument: An argument named "endpont" is not expected in a backend "s3" block. Did you mean "endpoint"?',
    ]);
  });

  it('keeps credentials out of the endpoint and workspaces out of the key prefix they use', () => {
    expect(decode(`${required}    endpoint = "https://AKIA:secret@s3.example.com"\n`).lines[0]).toContain(
      'must not hold credentials',
    );
    expect(decode(required.replace('apprunner/prod.json', 'env:/x/prod.json')).lines[0]).toContain(
      'that prefix holds the states of other workspaces',
    );
  });
});

describe('workspaceKey', () => {
  it('uses the key for the default workspace and env:/NAME/key for the others', () => {
    expect(workspaceKey({ key: 'a/b.json' })).toBe('a/b.json');
    expect(workspaceKey({ key: 'a/b.json' }, 'default')).toBe('a/b.json');
    expect(workspaceKey({ key: 'a/b.json' }, 'staging')).toBe('env:/staging/a/b.json');
  });
});
