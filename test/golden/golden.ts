import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

// Golden files: the expected output of a renderer, checked in next to this file. A run with
// UPDATE_GOLDEN=1 writes them instead of comparing (then review the diff before committing).

const root = new URL('.', import.meta.url).pathname;

/** Compares `actual` with the golden file `name` (a path under test/golden), or rewrites it under UPDATE_GOLDEN=1. */
export function expectGolden(name: string, actual: string): void {
  const file = join(root, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(`No golden file test/golden/${name}: run the test with UPDATE_GOLDEN=1 to create it.`);
  expect(actual, `output differs from test/golden/${name} (UPDATE_GOLDEN=1 rewrites it)`).toBe(
    readFileSync(file, 'utf8'),
  );
}
