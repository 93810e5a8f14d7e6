import { randomUUID } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createS3Backend, type S3BackendOptions, type S3Settings } from '../../../engine/state/s3/index.js';
import type { RunningS3 } from '../../support/s3-global.js';
import type { BackendStore } from './conformance.js';

/**
 * Hands the gateway's keys to the standard AWS credential chain through the environment, as a
 * user would: the backend itself is never given credentials. Child processes inherit them.
 */
export function useS3Credentials(server: RunningS3): void {
  process.env.AWS_ACCESS_KEY_ID = server.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = server.secretAccessKey;
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
}

/** A client straight to the gateway, bypassing the backend, for looking at and tampering with objects. */
export function rawClient(server: RunningS3): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint: server.endpoint,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
  });
}

/** A fresh key prefix in the test bucket holding one S3 state. */
export async function s3Store(
  server: RunningS3,
  over: Partial<S3Settings> = {},
  opts: S3BackendOptions = {},
): Promise<BackendStore & { settings: S3Settings; raw: S3Client; prefix: string }> {
  useS3Credentials(server);
  const prefix = `t-${randomUUID()}/`;
  const settings: S3Settings = {
    bucket: server.bucket,
    key: `${prefix}runform.state.json`,
    region: 'us-east-1',
    endpoint: server.endpoint,
    compat: 'ceph',
    forcePathStyle: true,
    ...over,
  };
  const raw = rawClient(server);
  const opened: ReturnType<typeof createS3Backend>[] = [];
  return {
    settings,
    raw,
    prefix,
    open: () => {
      const b = createS3Backend(settings, 'default', opts);
      opened.push(b);
      return b;
    },
    childSpec: { kind: 's3', settings },
    rawRead: async () => {
      try {
        const r = await raw.send(new GetObjectCommand({ Bucket: settings.bucket, Key: settings.key }));
        return await r.Body?.transformToString('utf8');
      } catch (e) {
        if ((e as { name?: string }).name === 'NoSuchKey') return undefined;
        throw e;
      }
    },
    rawWrite: async (text) => {
      await raw.send(new PutObjectCommand({ Bucket: settings.bucket, Key: settings.key, Body: text }));
    },
    dispose: async () => {
      await Promise.all(opened.map((b) => b.close()));
      const listed = await raw.send(new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: prefix }));
      for (const o of listed.Contents ?? []) {
        await raw.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: o.Key! }));
      }
      raw.destroy();
    },
  };
}
