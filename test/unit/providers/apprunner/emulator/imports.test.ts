import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const folder = join(import.meta.dirname, '..', '..', '..', '..', '..', 'providers', 'apprunner', 'emulator');

describe('emulator isolation', () => {
  it('imports only its own files, Node built-ins and ajv: never engine/ nor the provider resource code', () => {
    const files = readdirSync(folder).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const specs = [...readFileSync(join(folder, f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const s of specs) {
        const ok = (s.startsWith('./') && !s.includes('/..')) || s.startsWith('node:') || s === 'ajv';
        expect(ok, `${f} imports ${s}`).toBe(true);
      }
    }
  });
});
