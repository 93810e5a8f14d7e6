// Vitest global setup: starts one throwaway Ceph radosgw for the S3 backend tests and stops it
// afterwards. Tests read where it is through inject('s3').
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

/** Where the test gateway is, or why there is none. */
export type S3Server =
  | {
      readonly endpoint: string;
      readonly accessKeyId: string;
      readonly secretAccessKey: string;
      readonly bucket: string;
      /** How long the start took, in ms. */
      readonly startMs: number;
    }
  | { readonly skip: string };

/** The running test gateway (the S3Server variant that is not a skip). */
export type RunningS3 = Exclude<S3Server, { skip: string }>;

declare module 'vitest' {
  export interface ProvidedContext {
    s3: S3Server;
  }
}

const run = promisify(execFile);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const BINARIES = ['ceph-mon', 'ceph-osd', 'radosgw', 'radosgw-admin', 'monmaptool', 'ceph-authtool', 'ceph'];
/** The bucket every S3 test works in; each test takes its own key prefix. */
export const TEST_BUCKET = 'runform-tests';

async function missingBinaries(): Promise<string[]> {
  const missing: string[] = [];
  for (const b of BINARIES) {
    try {
      await run('sh', ['-c', `command -v ${b}`]);
    } catch {
      missing.push(b);
    }
  }
  return missing;
}

// Vitest runs the files whose path contains one of the command-line filters. A run whose filters
// match no S3 test file does not need the gateway (starting it takes ~15 s of a shared machine).
async function s3TestsSelected(): Promise<boolean> {
  const filters = process.argv
    .slice(2)
    .filter((a) => !a.startsWith('-') && a !== 'run' && a !== 'watch')
    .map((f) => (isAbsolute(f) ? relative(process.cwd(), f) : f.replace(/^\.\//, '')));
  if (filters.length === 0) return true;
  const files = (await readdir('test', { recursive: true }))
    .map((f) => join('test', f))
    .filter((f) => /s3[^/]*\.test\.ts$/.test(f));
  return files.some((file) => filters.some((f) => file.includes(f)));
}

/**
 * Starts a throwaway radosgw with a user and the test bucket; resolves with where it is and how to
 * stop it. Throws when it cannot start (with the reason from start.sh).
 */
export async function startRadosgw(): Promise<{ server: RunningS3; stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'runform-rgw-'));
  const stop = async () => {
    await run(here('./radosgw/stop.sh'), [dir]);
  };
  const started = Date.now();
  let out: string;
  try {
    out = (await run(here('./radosgw/start.sh'), [dir], { timeout: 120_000 })).stdout;
  } catch (e) {
    await stop().catch(() => {});
    const err = e as { stderr?: string; message: string };
    throw new Error(`radosgw did not start: ${err.stderr?.trim() || err.message}`);
  }
  const startMs = Date.now() - started;
  const vars = Object.fromEntries(
    out
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const server = {
    endpoint: vars.RGW_ENDPOINT!,
    accessKeyId: vars.RGW_ACCESS_KEY!,
    secretAccessKey: vars.RGW_SECRET_KEY!,
    bucket: TEST_BUCKET,
    startMs,
  };
  try {
    await createBucket(server);
  } catch (e) {
    await stop().catch(() => {});
    throw e;
  }
  return { server, stop };
}

/** Why S3 tests cannot run here (Ceph is not installed), or undefined when they can. */
export async function radosgwMissing(): Promise<string | undefined> {
  const missing = await missingBinaries();
  if (missing.length === 0) return undefined;
  return `Ceph is not installed (missing: ${missing.join(', ')}); install it with: apt-get install -y radosgw ceph-mon ceph-osd`;
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  // Node 20 is supported by runform; the SDK's notice about its future versions is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const required = process.env.CI === 'true' || process.env.RUNFORM_REQUIRE_SERVERS === '1';
  if (!(await s3TestsSelected())) {
    project.provide('s3', { skip: 'no S3 test file was selected' });
    return undefined;
  }
  const why = await radosgwMissing();
  if (why) {
    if (required) throw new Error(`The S3 backend tests need a real radosgw. ${why}`);
    console.warn(`\n[s3] skipping the S3 backend tests: ${why}\n`);
    project.provide('s3', { skip: why });
    return undefined;
  }
  const { server, stop } = await startRadosgw();
  console.log(`[s3] radosgw ready at ${server.endpoint} in ${(server.startMs / 1000).toFixed(1)} s`);
  project.provide('s3', server);
  return stop;
}

async function createBucket(s: RunningS3): Promise<void> {
  const { S3Client, CreateBucketCommand } = await import('@aws-sdk/client-s3');
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: s.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: s.bucket }));
  } finally {
    client.destroy();
  }
}
