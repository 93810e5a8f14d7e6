import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../../../providers/apprunner/emulator/errors.js';
import {
  expectedSignature,
  parseAuthorization,
  verifySignature,
} from '../../../../../providers/apprunner/emulator/sigv4.js';

// The "get-vanilla" case of AWS's published SigV4 test suite.
const AUTH =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31';
const HEADERS = { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z', authorization: AUTH };
const SECRET = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

function code(f: () => void): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof ApiError ? e.code : 'other';
  }
  return undefined;
}

describe('SigV4', () => {
  it('reads the credential scope, which carries the region', () => {
    expect(parseAuthorization(AUTH)).toMatchObject({
      accessKeyId: 'AKIDEXAMPLE',
      date: '20150830',
      region: 'us-east-1',
      service: 'service',
      signedHeaders: ['host', 'x-amz-date'],
    });
  });

  it('computes the published signature of the test-suite request', () => {
    const sig = expectedSignature(parseAuthorization(AUTH), SECRET, 'GET', '/', HEADERS, Buffer.alloc(0));
    expect(sig).toBe('5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
  });

  it('maps a missing header, an unknown key and a bad signature to the AWS error codes', () => {
    expect(code(() => parseAuthorization(undefined))).toBe('MissingAuthenticationTokenException');
    expect(code(() => parseAuthorization('Bearer abc'))).toBe('IncompleteSignatureException');
    const auth = parseAuthorization(AUTH);
    const keys = [{ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET }];
    expect(code(() => verifySignature(auth, keys, 'GET', '/', HEADERS, Buffer.alloc(0)))).toBeUndefined();
    expect(code(() => verifySignature(auth, keys, 'POST', '/', HEADERS, Buffer.alloc(0)))).toBe(
      'InvalidSignatureException',
    );
    expect(code(() => verifySignature(auth, [], 'GET', '/', HEADERS, Buffer.alloc(0)))).toBe(
      'UnrecognizedClientException',
    );
  });
});
