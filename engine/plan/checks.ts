import type { PlanWarning } from '../../providers/provider.js';
import { configAddr, type InstanceAddr } from '../addrs/index.js';
import type { ConfigBody, Module } from '../config/index.js';
import { type Diagnostic, type Range, warning } from '../diag/index.js';
import type { Plan } from './plan.js';
import { mapLimit, opContext, type ProviderSet, providerFor } from './providers.js';

// After planning, each provider may look at its planned creates and updates and warn about what
// will stop them (a dependency that is not usable yet). Warnings point at the argument concerned.

/** The warnings providers raise about the plan's creates, updates and replacements. */
export async function plannedWarnings(
  plan: Plan,
  module: Module,
  providers: ProviderSet,
  opts: { readonly parallelism?: number; readonly signal?: AbortSignal } = {},
): Promise<Diagnostic[]> {
  const signal = opts.signal ?? new AbortController().signal;
  const todo = plan.changes.filter((c) => c.action === 'create' || c.action === 'update' || c.action === 'replace');
  const out: Diagnostic[] = [];
  await mapLimit(todo, opts.parallelism ?? 32, async (c) => {
    if (!('after' in c)) return;
    const type = providerFor(providers, c.provider)?.resources[c.type];
    if (!type?.checkPlanned) return;
    let found: readonly PlanWarning[];
    try {
      found = await type.checkPlanned({ args: c.after.value }, opContext(c.address, type.schema, signal));
    } catch {
      // A check that cannot run says nothing; the apply meets the problem itself if there is one.
      return;
    }
    const decl = module.resources.get(configAddr(c.address as InstanceAddr));
    for (const w of found) {
      const range = decl
        ? ((w.path ? argumentRange(decl.config, w.path.split('.')) : undefined) ?? decl.declRange)
        : undefined;
      out.push({ ...warning(w.summary, range, w.detail), address: c.address });
    }
  });
  return out;
}

/** Where an argument (or the deepest block on its way that is written) appears in a resource body. */
export function argumentRange(body: ConfigBody, names: readonly string[]): Range | undefined {
  const [name, ...rest] = names;
  if (name === undefined) return undefined;
  if (rest.length === 0) {
    const attr = body.attributes.find((a) => a.name === name);
    if (attr) return attr.range;
  }
  const block = body.blocks.find((b) => b.type === name);
  if (!block) return undefined;
  return argumentRange(block.body, rest) ?? block.range;
}
