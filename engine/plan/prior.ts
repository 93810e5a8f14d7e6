import type { JsonObject, ReadResponse } from '../../providers/provider.js';
import { configAddr, parseInstance } from '../addrs/index.js';
import type { Module } from '../config/index.js';
import { staticTraversal, traversalAddress } from '../config/index.js';
import { type Diagnostic, error, warning } from '../diag/index.js';
import { type InstanceObject, providerAddr, type State } from '../state/index.js';
import type { Move } from './plan.js';

// The prior objects a plan compares against: the state, with refreshed values, moves and imports applied.

/** One prior instance. */
export interface PriorEntry {
  readonly object: InstanceObject;
  /** The provider key (`test`, `test.eu`). */
  readonly provider: string;
  readonly type: string;
  readonly mode: 'managed' | 'data';
}

/** What refresh found: live objects by (pre-move) address, imported objects, and data source results. */
export interface Refreshed {
  readonly live: ReadonlyMap<string, ReadResponse<JsonObject>>;
  readonly imports: ReadonlyMap<string, { readonly id: string; readonly attrs: JsonObject; readonly provider: string }>;
  /** Data source results keyed by `dataKey(address, args)`. */
  readonly data: ReadonlyMap<string, JsonObject>;
}

/** An empty refresh: plan against the state as stored. */
export const NO_REFRESH: Refreshed = { live: new Map(), imports: new Map(), data: new Map() };

/** The key a data source result is stored under: the same arguments read the same result. */
export function dataKey(address: string, args: JsonObject): string {
  return `${address}\n${JSON.stringify(args)}`;
}

const providerKeys = new Map<string, string>();

/** The provider key of a state provider address: `provider["test"].eu` → `test.eu`. */
export function providerKeyOf(stateAddr: string): string {
  // Asked for every instance of the state, which names only a few providers.
  let key = providerKeys.get(stateAddr);
  if (key === undefined) {
    const m = /^provider\["([^"]+)"\](?:\.(.+))?$/.exec(stateAddr);
    key = !m ? stateAddr : m[2] ? `${m[1]}.${m[2]}` : m[1];
    if (providerKeys.size >= 256) providerKeys.clear();
    providerKeys.set(stateAddr, key);
  }
  return key;
}

/** The state provider address of a provider key: `test.eu` → `provider["test"].eu`. */
export function stateProviderOf(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? providerAddr(key) : providerAddr(key.slice(0, dot), key.slice(dot + 1));
}

/**
 * The prior objects by address: the state, refreshed (vanished objects dropped, drifted ones
 * replaced), then renamed by `moved` blocks, then joined by imports.
 */
export function priorIndex(
  module: Module,
  state: State,
  refreshed: Refreshed,
): { prior: Map<string, PriorEntry>; moved: Move[]; diagnostics: Diagnostic[] } {
  const prior = new Map<string, PriorEntry>();
  const diagnostics: Diagnostic[] = [];
  for (const [addr, obj, r] of state.instances()) {
    const live = refreshed.live.get(addr);
    if (live && !live.exists) continue;
    const object = live?.exists && live.attrs !== obj.attributes ? { ...obj, attributes: live.attrs } : obj;
    prior.set(addr, { object, provider: providerKeyOf(r.provider), type: r.type, mode: r.mode });
  }
  const moved: Move[] = [];
  let byResource: Map<string, string[]> | undefined;
  for (const m of module.moved) {
    const from = staticTraversal(m.from);
    const to = staticTraversal(m.to);
    const fromText = from && traversalAddress(from.root, from.steps);
    const toText = to && traversalAddress(to.root, to.steps);
    const pf = fromText ? parseInstance(fromText, m.from.range) : undefined;
    const pt = toText ? parseInstance(toText, m.to.range) : undefined;
    if (!pf?.ok || !pt?.ok || !fromText || !toText) {
      diagnostics.push(error('Invalid moved block', m.range, 'Both "from" and "to" must be resource addresses.'));
      continue;
    }
    const pairs: [string, string][] = [];
    if (pf.value.key === undefined && pt.value.key === undefined) {
      byResource ??= indexByResource(prior);
      for (const addr of byResource.get(fromText) ?? []) {
        if (prior.has(addr)) pairs.push([addr, toText + addr.slice(fromText.length)]);
      }
    } else if (prior.has(fromText)) pairs.push([fromText, toText]);
    for (const [a, b] of pairs) {
      if (prior.has(b)) {
        diagnostics.push(
          warning(
            'Moved target already exists',
            m.range,
            `${b} is already in the state, so ${a} was not moved onto it.`,
          ),
        );
        continue;
      }
      prior.set(b, prior.get(a)!);
      prior.delete(a);
      moved.push({ from: a, to: b });
    }
  }
  for (const [addr, imp] of refreshed.imports) {
    if (prior.has(addr)) continue;
    const parsed = parseInstance(addr);
    if (!parsed.ok) continue;
    prior.set(addr, {
      object: { attributes: imp.attrs, sensitivePaths: [], dependencies: [] },
      provider: imp.provider,
      type: parsed.value.type,
      mode: 'managed',
    });
  }
  return { prior, moved, diagnostics };
}

/** Instance addresses grouped by resource address. */
function indexByResource(prior: ReadonlyMap<string, PriorEntry>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const addr of prior.keys()) {
    const r = configAddr(addr as never);
    const l = out.get(r);
    if (l) l.push(addr);
    else out.set(r, [addr]);
  }
  return out;
}
