import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runApply } from '../../../engine/apply/index.js';
import { loadModule, type Module, resolveVariables } from '../../../engine/config/index.js';
import { LocalBackend } from '../../../engine/state/index.js';
import { testProviders } from '../../support/engine.js';
import { createTestProvider, type TestProvider } from '../../support/index.js';

// The estate the scale benchmarks plan and apply: chains of five test_thing resources, each link
// reading the id of the one before it, written as one resource block per instance.

/** The configuration text of `chains` chains of `length` resources. */
export function chainsConfig(chains: number, length = 5): string {
  const out: string[] = [];
  for (let c = 0; c < chains; c++) {
    for (let k = 0; k < length; k++) {
      out.push(
        `resource "test_thing" "c${c}_${k}" {`,
        `  name = "c${c}-${k}"`,
        '  size = 2',
        `  tags = { chain = "c${c}", link = "${k}" }`,
        ...(k > 0 ? [`  note = test_thing.c${c}_${k - 1}.id`] : []),
        '}',
        '',
      );
    }
  }
  return out.join('\n');
}

/** A folder holding the configuration of `chains` chains of five. */
export function chainsFolder(chains: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'runform-bench-scale-'));
  writeFileSync(join(dir, 'main.hcl'), chainsConfig(chains));
  return dir;
}

/** Loads a folder, failing on any diagnostic. */
export function load(dir: string): { module: Module; variables: ReturnType<typeof resolveVariables>['values'] } {
  const loaded = loadModule(dir);
  if (loaded.diagnostics.length > 0) throw new Error(loaded.diagnostics.map((d) => d.summary).join('; '));
  return { module: loaded.module, variables: resolveVariables(loaded.module, {}).values };
}

/**
 * Applies the folder's configuration from an empty state with the in-memory test provider, so that
 * the state and the cloud match it; returns the provider (whose cloud now holds every resource).
 */
export async function applied(dir: string, provider: TestProvider = createTestProvider()): Promise<TestProvider> {
  const { module, variables } = load(dir);
  const r = await runApply({
    module,
    variables,
    backend: new LocalBackend({ dir }),
    providers: await testProviders(provider),
    refresh: false,
  });
  if (!r.result?.ok) throw new Error(r.diagnostics.map((d) => `${d.summary}: ${d.detail ?? ''}`).join('; '));
  return provider;
}
