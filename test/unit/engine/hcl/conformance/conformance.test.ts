import { parse as referenceParse } from '@cdktn/hcl2json';
import { beforeAll, describe, expect, it } from 'vitest';
import { hasErrors } from '../../../../../engine/diag/index.js';
import { parseHCL } from '../../../../../engine/hcl/index.js';
import { suites } from './all.js';

// Every snippet goes through our parser and through HashiCorp's HCL (compiled to WebAssembly in
// @cdktn/hcl2json); both must accept or both must reject, and agree with the table.

/** Snippets where the reference is known to be wrong, with the reason. Kept visible on purpose. */
const referenceWrong: Record<string, string> = {};

const reference = new Map<string, boolean>();

/**
 * Whether HashiCorp's parser accepts the text. The reference also converts the result to JSON and
 * evaluates constant expressions on the way (so `!3` fails there as a type error); only failures of
 * its "parse config" stage are syntax errors.
 */
async function referenceAccepts(src: string): Promise<boolean> {
  try {
    await referenceParse('conformance.hcl', src);
    return true;
  } catch (e) {
    return !(e instanceof Error && e.message.startsWith('parse config'));
  }
}

beforeAll(async () => {
  // The reference runs in one Go/WebAssembly instance that serves calls one at a time.
  for (const cases of Object.values(suites)) {
    for (const c of cases) {
      reference.set(c.src, await referenceAccepts(c.src));
    }
  }
}, 60_000);

it('has at least 200 snippets with unique names', () => {
  const all = Object.values(suites).flat();
  expect(all.length).toBeGreaterThanOrEqual(200);
  expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
});

for (const [topic, cases] of Object.entries(suites)) {
  describe(`conformance: ${topic}`, () => {
    for (const c of cases) {
      const wrong = referenceWrong[c.name];
      it(`${c.valid ? 'accepts' : 'rejects'} ${c.name}`, () => {
        const ours = !hasErrors(parseHCL(c.src, 'conformance.hcl').diagnostics);
        expect(ours).toBe(c.valid);
        if (wrong === undefined) expect(reference.get(c.src)).toBe(c.valid);
        else expect(reference.get(c.src)).toBe(!c.valid);
      });
    }
  });
}
