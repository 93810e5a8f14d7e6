// AWS Signature Version 4: reading the Authorization header, and (in strict mode) verifying it.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { ApiError } from './errors.js';

/** The parts of a SigV4 Authorization header. */
export interface SigV4Auth {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** An access key pair the emulator accepts in strict mode. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

const AUTH =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]+)\s*$/;

/** Parses the Authorization header: missing → 403 MissingAuthenticationToken, garbled → IncompleteSignature. */
export function parseAuthorization(header: string | undefined): SigV4Auth {
  if (!header) throw new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  const m = AUTH.exec(header);
  if (!m) {
    throw new ApiError(
      'IncompleteSignatureException',
      'The Authorization header is not a valid AWS4-HMAC-SHA256 header.',
    );
  }
  return {
    accessKeyId: m[1],
    date: m[2],
    region: m[3],
    service: m[4],
    signedHeaders: m[5].split(';'),
    signature: m[6],
  };
}

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest();
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const v = headers[name];
  const joined = Array.isArray(v) ? v.join(',') : (v ?? '');
  return joined.trim().replace(/\s+/g, ' ');
}

const keyCache = new Map<string, Buffer>();

/** The signing key for a secret, day, region and service; derived once per day and scope, as clients do. */
export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  const id = `${secret}\n${date}\n${region}\n${service}`;
  let key = keyCache.get(id);
  if (!key) {
    if (keyCache.size > 256) keyCache.clear();
    key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
    keyCache.set(id, key);
  }
  return key;
}

/** The signature a correct client would have sent for this request. */
export function expectedSignature(
  auth: SigV4Auth,
  secret: string,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): string {
  const [rawPath, query = ''] = path.split('?', 2);
  const canonicalQuery = query
    .split('&')
    .filter((p) => p !== '')
    .sort()
    .join('&');
  const canonicalHeaders = auth.signedHeaders.map((h) => `${h}:${headerValue(headers, h)}\n`).join('');
  const payloadHash = headerValue(headers, 'x-amz-content-sha256') || sha256(body);
  const canonicalRequest = [
    method,
    rawPath || '/',
    canonicalQuery,
    canonicalHeaders,
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const amzDate = headerValue(headers, 'x-amz-date');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonicalRequest)].join('\n');
  return createHmac('sha256', signingKey(secret, auth.date, auth.region, auth.service))
    .update(toSign)
    .digest('hex');
}

/** Strict mode: the key must be known and the signature must match, else 403 as AWS answers. */
export function verifySignature(
  auth: SigV4Auth,
  keys: readonly Credentials[],
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): void {
  const key = keys.find((k) => k.accessKeyId === auth.accessKeyId);
  if (!key) {
    throw new ApiError('UnrecognizedClientException', 'The security token included in the request is invalid.');
  }
  const expected = Buffer.from(expectedSignature(auth, key.secretAccessKey, method, path, headers, body), 'utf8');
  const given = Buffer.from(auth.signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new ApiError(
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided.',
    );
  }
}
