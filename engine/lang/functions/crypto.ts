// Hash functions over the UTF-8 bytes of a string.
import { createHash } from 'node:crypto';
import { tString } from '../types.js';
import { asString, str } from '../values.js';
import { param } from './params.js';
import type { FunctionSpec } from './spec.js';

const hash = (algo: string, encoding: 'hex' | 'base64'): FunctionSpec => ({
  params: [param('str', tString)],
  returns: tString,
  impl: ([s]) => str(createHash(algo).update(asString(s), 'utf8').digest(encoding)),
});

/** Hash functions by name. */
export const cryptoFunctions: Record<string, FunctionSpec> = {
  md5: hash('md5', 'hex'),
  sha1: hash('sha1', 'hex'),
  sha256: hash('sha256', 'hex'),
  sha512: hash('sha512', 'hex'),
  base64sha256: hash('sha256', 'base64'),
  base64sha512: hash('sha512', 'base64'),
};
