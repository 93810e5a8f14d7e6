import type { JsonObject, ReadResponse } from '../../providers/provider.js';
import { type InstanceAddr, parseInstance } from '../addrs/index.js';
import type { Module } from '../config/index.js';
import { staticTraversal } from '../config/index.js';
import { type Diagnostic, error } from '../diag/index.js';
import { Evaluator } from '../eval/index.js';
import type { Value } from '../lang/index.js';
import { applyChange, type State, type StateChange } from '../state/index.js';
import { plannedWarnings } from './checks.js';
import type { PlanResult } from './plan.js';
import { type PlanOptions, plan } from './planner.js';
import { dataKey, providerKeyOf, type Refreshed, traversalAddress } from './prior.js';
import { mapLimit, opContext, type ProviderSet, providerFor, SILENT, schemaLookup } from './providers.js';

// The I/O before planning: pending instances reconciled, every prior object read again, import
// blocks read, and data sources read; then the pure planner runs on what was found.

/** Options for the I/O before planning. */
export interface RefreshOptions {
  /** Bound on concurrent reads (default 32). */
  readonly parallelism?: number;
  readonly signal?: AbortSignal;
  /** false: skip reading the prior objects (they are taken as the state says). */
  readonly refresh?: boolean;
}

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * Reconciles every `pending` instance (a create that may or may not have happened): adopts the
 * real resource when the provider finds it by its identifying arguments, else drops the record.
 * Changes go through `record` (durable in an apply) or straight into `state` (a plan's own copy).
 */
export async function reconcilePending(
  state: State,
  providers: ProviderSet,
  record: (c: StateChange) => Promise<void> | void,
  opts: RefreshOptions = {},
): Promise<Diagnostic[]> {
  const diags: Diagnostic[] = [];
  const signal = opts.signal ?? new AbortController().signal;
  await mapLimit(state.pending(), opts.parallelism ?? 32, async ([addr, obj]) => {
    const r = state.resource(addr.replace(/\[.*$/, '') as never);
    const key = providerKeyOf(r?.provider ?? '');
    const type = providerFor(providers, key)?.resources[r?.type ?? ''];
    if (!r || !type) {
      diags.push({
        ...error('Cannot reconcile a pending instance', undefined, `No provider for ${addr}.`),
        address: addr,
      });
      return;
    }
    try {
      const found = await type.findExisting({ args: obj.identity ?? {} }, opContext(addr, type.schema, signal));
      if (found) {
        await record({
          kind: 'set-instance',
          addr,
          provider: r.provider,
          instance: { attributes: found, sensitivePaths: obj.sensitivePaths, dependencies: obj.dependencies },
        });
      } else await record({ kind: 'remove-instance', addr });
    } catch (e) {
      diags.push({ ...error('Cannot reconcile a pending instance', undefined, errText(e)), address: addr });
    }
  });
  return diags;
}

/** Reads every managed instance of the state (pending ones excepted) through its provider. */
export async function readAll(
  state: State,
  providers: ProviderSet,
  opts: RefreshOptions = {},
): Promise<{ live: Map<string, ReadResponse<JsonObject>>; diagnostics: Diagnostic[] }> {
  const live = new Map<string, ReadResponse<JsonObject>>();
  const diagnostics: Diagnostic[] = [];
  const signal = opts.signal ?? new AbortController().signal;
  const todo = [...state.instances()].filter(([, o, r]) => r.mode === 'managed' && o.status !== 'pending');
  await mapLimit(todo, opts.parallelism ?? 32, async ([addr, obj, r]) => {
    const type = providerFor(providers, providerKeyOf(r.provider))?.resources[r.type];
    if (!type) {
      diagnostics.push({
        ...error('Unknown resource type', undefined, `No provider offers ${r.type}.`),
        address: addr,
      });
      return;
    }
    try {
      live.set(addr, await type.read({ prior: obj.attributes }, opContext(addr, type.schema, signal, SILENT)));
    } catch (e) {
      diagnostics.push({ ...error('Cannot read a resource', undefined, errText(e)), address: addr });
    }
  });
  return { live, diagnostics };
}

/** Reads the resources named by `import` blocks that the state does not hold yet. */
async function readImports(
  module: Module,
  variables: ReadonlyMap<string, Value>,
  state: State,
  providers: ProviderSet,
  signal: AbortSignal,
): Promise<{ imports: Refreshed['imports']; diagnostics: Diagnostic[] }> {
  const imports = new Map<string, { id: string; attrs: JsonObject; provider: string }>();
  const diagnostics: Diagnostic[] = [];
  const ev = new Evaluator(module, variables, { resource: () => undefined });
  for (const imp of module.imports) {
    const t = staticTraversal(imp.to);
    const parsed = t ? parseInstance(traversalAddress(t.root, t.steps), imp.to.range) : undefined;
    if (!parsed?.ok || parsed.value.mode !== 'managed') {
      diagnostics.push(error('Invalid import address', imp.to.range, '"to" must be a managed resource address.'));
      continue;
    }
    const address = traversalAddress(t!.root, t!.steps);
    if (state.instance(address as InstanceAddr)) continue;
    const id = ev.evaluate(imp.id);
    diagnostics.push(...id.diagnostics);
    if (typeof id.value.payload !== 'string') {
      diagnostics.push(error('Invalid import id', imp.id.range, 'The id must be a known string.'));
      continue;
    }
    const decl = module.resources.get(address.replace(/\[.*$/, ''));
    const key = imp.provider?.key ?? decl?.provider?.key ?? parsed.value.type.split('_')[0];
    const type = providerFor(providers, key)?.resources[parsed.value.type];
    if (!type) {
      diagnostics.push(error('Unknown resource type', imp.to.range, `No provider offers ${parsed.value.type}.`));
      continue;
    }
    try {
      const attrs = await type.import({ id: id.value.payload }, opContext(address, type.schema, signal));
      imports.set(address, { id: id.value.payload, attrs, provider: key });
    } catch (e) {
      diagnostics.push({ ...error('Cannot import', imp.range, errText(e)), address });
    }
  }
  return { imports, diagnostics };
}

/** Everything `planWithRefresh` needs. */
export interface RefreshPlanInput {
  readonly module: Module;
  readonly variables: ReadonlyMap<string, Value>;
  /** The prior state; pending instances in it are reconciled in place (a plan works on its own copy). */
  readonly state: State;
  readonly providers: ProviderSet;
  readonly options?: PlanOptions;
  /** How pending reconciliation is recorded; default: straight into `state`. */
  readonly record?: (c: StateChange) => Promise<void> | void;
}

/** Reconciles, refreshes, reads imports and data sources, and plans. */
export async function planWithRefresh(input: RefreshPlanInput, opts: RefreshOptions = {}): Promise<PlanResult> {
  const { module, variables, state, providers } = input;
  const signal = opts.signal ?? new AbortController().signal;
  const diagnostics: Diagnostic[] = [];
  diagnostics.push(...(await reconcilePending(state, providers, input.record ?? ((c) => applyChange(state, c)), opts)));
  const { live, diagnostics: readDiags } =
    opts.refresh === false
      ? { live: new Map<string, ReadResponse<JsonObject>>(), diagnostics: [] }
      : await readAll(state, providers, opts);
  diagnostics.push(...readDiags);
  const mode = input.options?.mode ?? 'normal';
  const { imports, diagnostics: importDiags } =
    mode === 'normal'
      ? await readImports(module, variables, state, providers, signal)
      : { imports: new Map(), diagnostics: [] };
  diagnostics.push(...importDiags);
  const data = new Map<string, JsonObject>();
  const schemas = schemaLookup(providers);
  for (;;) {
    const r = plan({
      module,
      variables,
      state,
      refreshed: { live, imports, data },
      schemas,
      ...(input.options ? { options: input.options } : {}),
    });
    const todo = r.dataReads.filter((d) => !data.has(dataKey(d.address, d.args)));
    if (todo.length === 0 || diagnostics.some((d) => d.severity === 'error')) {
      const all = [...diagnostics, ...r.diagnostics];
      if (all.some((d) => d.severity === 'error')) return { plan: r.plan, diagnostics: all };
      return { plan: r.plan, diagnostics: [...all, ...(await plannedWarnings(r.plan, module, providers, opts))] };
    }
    let failed = false;
    await mapLimit(todo, opts.parallelism ?? 32, async (d) => {
      const ds = providerFor(providers, d.provider)?.dataSources[d.type];
      if (!ds) return;
      try {
        data.set(dataKey(d.address, d.args), await ds.read({ args: d.args }, opContext(d.address, ds.schema, signal)));
      } catch (e) {
        failed = true;
        diagnostics.push({ ...error('Cannot read a data source', undefined, errText(e)), address: d.address });
      }
    });
    if (failed) return { plan: r.plan, diagnostics: [...diagnostics, ...r.diagnostics] };
  }
}
