import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { load, writeAtomic } from '../../../../../providers/apprunner/emulator/persistence.js';

const dir = mkdtempSync(join(tmpdir(), 'runform-emu-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('data file', () => {
  it('is replaced atomically, leaving no temporary file behind', () => {
    const f = join(dir, 'a.json');
    writeAtomic(f, '{"version":1}');
    writeAtomic(f, '{"version":1,"regions":{}}');
    expect(readdirSync(dir)).toEqual(['a.json']);
    expect(load(f, '123456789012')?.account.regions.size).toBe(0);
  });

  it('refuses an unknown version and leaves the file as it was', () => {
    const f = join(dir, 'b.json');
    writeFileSync(f, '{"version":99}');
    expect(() => load(f, '123456789012')).toThrow(/version 1/);
  });

  it('treats a missing file as a fresh account', () => {
    expect(load(join(dir, 'none.json'), '123456789012')).toBeUndefined();
  });
});
