import { beforeAll, describe } from 'vitest';
import { pgTestUrl, waitForPostgres } from '../../support/postgres.js';
import { backendConformance } from './conformance.js';
import { pgStore } from './pg-store.js';

const url = pgTestUrl();

describe.skipIf(!url)('pg', () => {
  beforeAll(() => waitForPostgres(String(url)));
  backendConformance('pg', () => pgStore(String(url)), { killedHolder: 'released', jsonOnly: true, noFiles: true });
});
