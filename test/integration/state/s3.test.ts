import { describe, inject, it } from 'vitest';
import { backendConformance } from './conformance.js';
import { s3Store } from './s3-store.js';

const server = inject('s3');

if ('skip' in server) {
  describe.skip(`s3 backend conformance: ${server.skip}`, () => {
    it('needs a running radosgw', () => {});
  });
} else {
  backendConformance('s3', () => s3Store(server), { noFiles: true });
}
