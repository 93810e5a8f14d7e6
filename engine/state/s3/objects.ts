import type { S3Client } from '@aws-sdk/client-s3';
import { StateError } from '../errors.js';
import type { S3Settings } from './settings.js';

/** One stored object as read: its text, its ETag (as the server sent it) and when it was last written. */
export interface StoredObject {
  readonly text: string;
  readonly etag: string;
  readonly lastModified: Date | undefined;
}

/** What a write is conditional on: the ETag it must still have, or that no object exists yet. */
export type WriteCondition = { readonly ifMatch: string } | { readonly ifAbsent: true } | undefined;

/** The SDK module, loaded on first use so that commands that never touch S3 do not pay for it. */
type Sdk = typeof import('@aws-sdk/client-s3');

/**
 * The few object operations the backend needs, over one bucket, with the server dialect's quirks
 * handled here and nowhere else. Failures other than "not found" and "precondition failed" become
 * StateError 'io' naming the object.
 */
export class ObjectStore {
  private conn: Promise<{ sdk: Sdk; client: S3Client }> | undefined;

  constructor(private readonly settings: S3Settings) {}

  /** `s3://bucket/key`, for messages. */
  url(key: string): string {
    return `s3://${this.settings.bucket}/${key}`;
  }

  private connect(): Promise<{ sdk: Sdk; client: S3Client }> {
    this.conn ??= import('@aws-sdk/client-s3').then((sdk) => {
      const s = this.settings;
      const client = new sdk.S3Client({
        region: s.region,
        ...(s.endpoint === undefined ? {} : { endpoint: s.endpoint }),
        forcePathStyle: s.forcePathStyle,
        // radosgw 16 answers 411 to aws-chunked bodies with trailing checksums. Bodies here are
        // buffered strings (sent with a plain checksum header) anyway; this keeps any streamed one safe.
        ...(s.compat === 'ceph'
          ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' }
          : {}),
      });
      return { sdk, client };
    });
    return this.conn;
  }

  /** The ETag as the server compares it: AWS wants it quoted, as sent; radosgw 16 compares the bare hex. */
  private etagForCondition(etag: string): string {
    return this.settings.compat === 'ceph' ? etag.replaceAll('"', '') : etag;
  }

  /** Reads an object; undefined when there is none. */
  async get(key: string): Promise<StoredObject | undefined> {
    const { sdk, client } = await this.connect();
    try {
      const r = await client.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: key }));
      const text = (await r.Body?.transformToString('utf8')) ?? '';
      return { text, etag: r.ETag ?? '', lastModified: r.LastModified };
    } catch (e) {
      // A missing bucket is also a 404, but it is a setup mistake, not an empty state.
      if (statusOf(e) === 404 && nameOf(e) !== 'NoSuchBucket') return undefined;
      throw this.ioError('read', key, e);
    }
  }

  /**
   * Writes an object from a buffered body. Returns the new ETag, or 'precondition-failed' when the
   * condition does not hold (the object changed, vanished, or already exists).
   */
  async put(key: string, body: string | Uint8Array, cond?: WriteCondition): Promise<string | 'precondition-failed'> {
    const { sdk, client } = await this.connect();
    const condition =
      cond === undefined
        ? {}
        : 'ifMatch' in cond
          ? { IfMatch: this.etagForCondition(cond.ifMatch) }
          : { IfNoneMatch: '*' };
    try {
      const r = await client.send(
        new sdk.PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          Body: body,
          ContentType: key.endsWith('.json') ? 'application/json' : 'text/plain; charset=utf-8',
          ...condition,
        }),
      );
      return r.ETag ?? '';
    } catch (e) {
      // 412: the condition failed. 409: a concurrent conditional write won the race. 404: If-Match on nothing.
      const status = statusOf(e);
      if (cond !== undefined && (status === 412 || status === 409 || (status === 404 && 'ifMatch' in cond))) {
        return 'precondition-failed';
      }
      throw this.ioError('write', key, e);
    }
  }

  /**
   * Deletes an object, only while it still has `ifMatch` when given. AWS checks that atomically;
   * radosgw 16 ignores the condition, so callers read the object first and accept the short window.
   */
  async delete(key: string, ifMatch?: string): Promise<'deleted' | 'precondition-failed'> {
    const { sdk, client } = await this.connect();
    try {
      await client.send(
        new sdk.DeleteObjectCommand({
          Bucket: this.settings.bucket,
          Key: key,
          ...(ifMatch === undefined ? {} : { IfMatch: this.etagForCondition(ifMatch) }),
        }),
      );
      return 'deleted';
    } catch (e) {
      if (statusOf(e) === 412) return 'precondition-failed';
      throw this.ioError('remove', key, e);
    }
  }

  /** Copies an object inside the bucket on the server side (no bytes pass through runform). */
  async copy(from: string, to: string): Promise<void> {
    const { sdk, client } = await this.connect();
    try {
      await client.send(
        new sdk.CopyObjectCommand({
          Bucket: this.settings.bucket,
          Key: to,
          CopySource: `${this.settings.bucket}/${from.split('/').map(encodeURIComponent).join('/')}`,
        }),
      );
    } catch (e) {
      throw this.ioError('copy to', to, e);
    }
  }

  /** The keys under a prefix, in the server's (lexicographic) order. */
  async list(prefix: string): Promise<string[]> {
    const { sdk, client } = await this.connect();
    const keys: string[] = [];
    let token: string | undefined;
    try {
      do {
        const r = await client.send(
          new sdk.ListObjectsV2Command({
            Bucket: this.settings.bucket,
            Prefix: prefix,
            ...(token === undefined ? {} : { ContinuationToken: token }),
          }),
        );
        for (const o of r.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
        token = r.IsTruncated ? r.NextContinuationToken : undefined;
      } while (token !== undefined);
    } catch (e) {
      throw this.ioError('list', `${prefix}*`, e);
    }
    return keys;
  }

  /** Closes the HTTP connections. */
  async destroy(): Promise<void> {
    const conn = this.conn;
    this.conn = undefined;
    if (conn) (await conn).client.destroy();
  }

  private ioError(verb: string, key: string, e: unknown): StateError {
    const status = statusOf(e);
    const name = nameOf(e);
    const why =
      status === 403
        ? 'access denied; check the AWS credentials (environment, profile or role) and the bucket policy'
        : name === 'NoSuchBucket'
          ? `the bucket "${this.settings.bucket}" does not exist`
          : (e as Error).message || name || 'unknown error';
    return new StateError('io', `cannot ${verb} ${this.url(key)}: ${why}`, { cause: e });
  }
}

/** The HTTP status of an SDK error, when it came from the server. */
function statusOf(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/** The error code of an SDK error (`NoSuchKey`, `NoSuchBucket`, …). */
function nameOf(e: unknown): string | undefined {
  return (e as { name?: string }).name;
}
