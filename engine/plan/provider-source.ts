import type { Module } from '../config/index.js';
import { staticTraversal } from '../config/index.js';
import type { State } from '../state/index.js';
import { providerKey } from './planner.js';
import { providerKeyOf } from './prior.js';
import type { ProviderSet } from './providers.js';

// Providers as a run receives them: configured already, or configured once the state is read, for
// the provider names that the configuration and the state use. A provider nothing uses (and the
// libraries it brings) is then never loaded.

/** Configured providers, or how to configure the ones a run uses, given their names. */
export type ProviderSource = ProviderSet | ((names: ReadonlySet<string>) => Promise<ProviderSet>);

/** The provider names (`test` for `test.eu`) that the configuration and, when given, the state use. */
export function providerNamesUsed(module: Module, state?: State): Set<string> {
  const names = new Set<string>();
  const add = (key: string) => names.add(key.split('.')[0]);
  for (const decl of module.resources.values()) add(providerKey(decl));
  for (const cfg of module.providers.values()) names.add(cfg.name);
  for (const imp of module.imports) {
    if (imp.provider) add(imp.provider.key);
    const t = staticTraversal(imp.to);
    if (t) add(t.root.split('_')[0]);
  }
  if (state) for (const r of state.resources()) add(providerKeyOf(r.provider));
  return names;
}

/** The configured providers of a run over this configuration and state. */
export async function resolveProviders(source: ProviderSource, module: Module, state?: State): Promise<ProviderSet> {
  return typeof source === 'function' ? source(providerNamesUsed(module, state)) : source;
}
