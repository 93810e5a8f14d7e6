import { type InstanceRef, parseInstance, resourceAddr } from '../addrs/index.js';
import { type Diagnostic, didYouMean, error } from '../diag/index.js';
import { staticTraversal, traversalAddress } from './body.js';
import type { ImportDecl, Module, ResourceDecl } from './module.js';

/** What an import block's `to` names: the instance address and its resource block. */
export interface ImportTarget {
  readonly address: string;
  readonly ref: InstanceRef;
  readonly decl: ResourceDecl;
}

/**
 * Resolves the `to` of an import block against the configuration, or explains why it cannot be
 * imported there. The target must be a managed resource declared in the configuration, with an
 * instance key exactly when the block uses count (a number) or for_each (a string): an object
 * imported to an address with no configuration would be planned for destruction straight away.
 */
export function importTarget(imp: ImportDecl, m: Module): { target?: ImportTarget; diagnostics: Diagnostic[] } {
  const range = imp.to.range;
  const t = staticTraversal(imp.to);
  const parsed = t ? parseInstance(traversalAddress(t.root, t.steps), range) : undefined;
  if (!parsed?.ok || parsed.value.mode !== 'managed') {
    return {
      diagnostics: [
        error(
          'Invalid import address',
          range,
          '"to" must be a managed resource address, such as apprunner_service.web.',
        ),
      ],
    };
  }
  const ref = parsed.value;
  const address = traversalAddress(t!.root, t!.steps);
  const resource = resourceAddr(ref);
  const decl = m.resources.get(resource);
  if (!decl) {
    const declared = [...m.resources.values()].filter((r) => r.mode === 'managed').map((r) => r.address);
    return {
      diagnostics: [
        error(
          'Import target not declared',
          range,
          `There is no resource block for ${resource}, so the imported object would be destroyed by the same apply. ` +
            `Declare the resource, or import to an address that is declared.${didYouMean(resource, declared)}`,
        ),
      ],
    };
  }
  const wanted = decl.count ? 'number' : decl.forEach ? 'string' : 'none';
  const given = ref.key === undefined ? 'none' : typeof ref.key;
  if (wanted !== given) {
    const what =
      wanted === 'none'
        ? `${resource} has neither count nor for_each, so its address takes no index`
        : `${resource} uses ${wanted === 'number' ? 'count' : 'for_each'}, so the address needs a ${wanted} index, as in ${resource}[${wanted === 'number' ? '0' : '"key"'}]`;
    return { diagnostics: [error('Invalid import address', range, `${what}.`)] };
  }
  return { target: { address, ref, decl }, diagnostics: [] };
}

/** Every import block's target checked (see importTarget), and no instance imported twice. */
export function checkImports(m: Module): Diagnostic[] {
  const diags: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const imp of m.imports) {
    const r = importTarget(imp, m);
    diags.push(...r.diagnostics);
    if (!r.target) continue;
    if (seen.has(r.target.address)) {
      diags.push(
        error('Duplicate import', imp.to.range, `${r.target.address} is the target of another import block already.`),
      );
    }
    seen.add(r.target.address);
  }
  return diags;
}
