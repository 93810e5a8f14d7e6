import { checkBody, requireBool, requireString } from '../../config/index.js';
import { type Diagnostic, didYouMean, error, type Range } from '../../diag/index.js';
import type { Attribute, Body } from '../../hcl/index.js';

/**
 * Which server dialect to speak. `aws` is the standard behaviour. `ceph` works around Ceph
 * radosgw (16, pacific): it compares If-Match with its ETag unquoted, and it refuses request
 * bodies streamed as aws-chunked with a trailing checksum, so checksums are sent only when required.
 */
export type S3Compat = 'aws' | 'ceph';

const COMPATS: readonly S3Compat[] = ['aws', 'ceph'];

/** The decoded `backend "s3" { … }` block. Credentials are not settings: they come from the AWS chain. */
export interface S3Settings {
  readonly bucket: string;
  /** The object that holds the state of the default workspace. */
  readonly key: string;
  readonly region: string;
  /** An S3-compatible server's URL; absent for AWS itself. */
  readonly endpoint?: string;
  readonly compat: S3Compat;
  /** `https://endpoint/bucket/key` rather than `https://bucket.endpoint/key`; defaults to true with `compat = "ceph"`. */
  readonly forcePathStyle: boolean;
}

/** The workspace whose state lives at `key` itself. */
export const DEFAULT_WORKSPACE = 'default';

/**
 * The object key of a workspace's state: `key` for the default workspace, `env:/NAME/key` for
 * the others (the layout Terraform's S3 backend uses, so existing bucket policies carry over).
 */
export function workspaceKey(settings: Pick<S3Settings, 'key'>, workspace: string = DEFAULT_WORKSPACE): string {
  return workspace === DEFAULT_WORKSPACE ? settings.key : `${WORKSPACE_PREFIX}${workspace}/${settings.key}`;
}

/** Where the states of non-default workspaces start. */
export const WORKSPACE_PREFIX = 'env:/';

const SPEC = {
  attributes: {
    bucket: { required: true },
    key: { required: true },
    region: { required: true },
    endpoint: {},
    compat: {},
    force_path_style: {},
  },
  blocks: {},
} as const;

/**
 * Checks and decodes the body of a `backend "s3"` block. Every argument must be written literally
 * (a backend is configured before variables exist). Problems come back as diagnostics at the
 * offending argument; `missingAt` is where a missing required argument is reported.
 */
export function decodeS3Settings(
  body: Body,
  missingAt: Range = body.range,
): { settings?: S3Settings; diagnostics: Diagnostic[] } {
  const diags: Diagnostic[] = [];
  const checked = checkBody(body, SPEC, 'a backend "s3" block', diags, missingAt);
  const str = (name: string, check?: (v: string, a: Attribute) => string | undefined) => {
    const a = checked.attrs.get(name);
    if (!a) return undefined;
    const v = requireString(a, diags);
    if (v === undefined) return undefined;
    const problem = v === '' ? `The argument "${name}" must not be empty.` : check?.(v, a);
    if (problem) {
      diags.push(error('Invalid backend setting', a.expr.range, problem));
      return undefined;
    }
    return v;
  };
  const bucket = str('bucket', bucketProblem);
  const key = str('key', keyProblem);
  const region = str('region', (v) =>
    /^[a-z0-9-]+$/.test(v) ? undefined : `"${v}" is not a region name (for example "eu-west-1").`,
  );
  const endpoint = str('endpoint', endpointProblem);
  const compat = str('compat', (v) =>
    (COMPATS as readonly string[]).includes(v)
      ? undefined
      : `"compat" must be one of: ${COMPATS.map((c) => `"${c}"`).join(', ')}.${didYouMean(v, COMPATS)}`,
  ) as S3Compat | undefined;
  const fps = checked.attrs.get('force_path_style');
  const forcePathStyle = fps ? requireBool(fps, diags) : undefined;
  if (diags.length > 0 || bucket === undefined || key === undefined || region === undefined) {
    return { diagnostics: diags };
  }
  const c = compat ?? 'aws';
  return {
    settings: {
      bucket,
      key,
      region,
      ...(endpoint === undefined ? {} : { endpoint }),
      compat: c,
      forcePathStyle: forcePathStyle ?? c === 'ceph',
    },
    diagnostics: diags,
  };
}

function bucketProblem(v: string): string | undefined {
  if (v.length < 3 || v.length > 63 || !/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(v)) {
    return `"${v}" is not a valid bucket name: use 3 to 63 lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.`;
  }
  return undefined;
}

function keyProblem(v: string): string | undefined {
  if (v.startsWith('/') || v.endsWith('/')) return `The key "${v}" must not start or end with "/".`;
  if (v.startsWith(WORKSPACE_PREFIX)) {
    return `The key "${v}" must not start with "${WORKSPACE_PREFIX}": that prefix holds the states of other workspaces.`;
  }
  if (Buffer.byteLength(v) > 900)
    return 'The key is too long: keep it under 900 bytes (S3 allows 1024 with the suffixes).';
  return undefined;
}

function endpointProblem(v: string): string | undefined {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return `"${v}" is not a URL; write it like "https://s3.example.com" or "http://127.0.0.1:7480".`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${v}" must be an http:// or https:// URL.`;
  if (url.username || url.password) {
    return 'The endpoint must not hold credentials; they come from the AWS credential chain (environment, profile, role).';
  }
  return undefined;
}
