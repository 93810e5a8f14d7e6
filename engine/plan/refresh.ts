import type { JsonObject, ReadResponse } from '../../providers/provider.js';
import { configAddr, type InstanceAddr } from '../addrs/index.js';
import type { Module } from '../config/index.js';
import { importTarget } from '../config/index.js';
import { type Diagnostic, error, hasErrors } from '../diag/index.js';
import { Evaluator } from '../eval/index.js';
import type { Value } from '../lang/index.js';
import { applyChange, type State, type StateChange } from '../state/index.js';
import { plannedWarnings } from './checks.js';
import { closure } from './deps.js';
import { jsonEqual } from './drift.js';
import { mergePaths } from './instance.js';
import type { Plan, PlanResult } from './plan.js';
import { type PlanOptions, plan } from './planner.js';
import { dataKey, providerKeyOf, type Refreshed } from './prior.js';
import { mapLimit, opContext, type ProviderSet, providerFor, SILENT, schemaLookup } from './providers.js';
import { schemaSensitivePaths } from './schema.js';

// The I/O before planning: pending instances reconciled, every prior object read again, import
// blocks read, and data sources read; then the pure planner runs on what was found.

/**
 * Which prior objects are read again before planning: all of them (true, the default), none
 * (false: they are taken as the state says), or `changed`: only the instances whose configuration
 * no longer matches what the state recorded at the last apply, plus everything depending on them.
 */
export type RefreshMode = boolean | 'changed';

/** Options for the I/O before planning. */
export interface RefreshOptions {
  /** Bound on concurrent reads (default 32). */
  readonly parallelism?: number;
  readonly signal?: AbortSignal;
  readonly refresh?: RefreshMode;
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
          instance: {
            attributes: found,
            sensitivePaths: mergePaths(obj.sensitivePaths, schemaSensitivePaths(found, type.schema)),
            dependencies: obj.dependencies,
          },
        });
      } else await record({ kind: 'remove-instance', addr });
    } catch (e) {
      diags.push({ ...error('Cannot reconcile a pending instance', undefined, errText(e)), address: addr });
    }
  });
  return diags;
}

/** Reads every managed instance of the state (pending ones excepted), or only those in `only`, through its provider. */
export async function readAll(
  state: State,
  providers: ProviderSet,
  opts: RefreshOptions & { readonly only?: ReadonlySet<string> } = {},
): Promise<{ live: Map<string, ReadResponse<JsonObject>>; diagnostics: Diagnostic[] }> {
  const live = new Map<string, ReadResponse<JsonObject>>();
  const diagnostics: Diagnostic[] = [];
  const signal = opts.signal ?? new AbortController().signal;
  const { only } = opts;
  const todo = [...state.instances()].filter(
    ([a, o, r]) => r.mode === 'managed' && o.status !== 'pending' && (!only || only.has(a)),
  );
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
      const found = await type.read({ prior: obj.attributes }, opContext(addr, type.schema, signal, SILENT));
      // Most objects are found as the state left them: those keep the state's own attributes, so
      // the copy just read is dropped while it is young, and later comparisons see one object.
      live.set(
        addr,
        found.exists && jsonEqual(found.attrs, obj.attributes) ? { exists: true, attrs: obj.attributes } : found,
      );
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
    const { target, diagnostics: invalid } = importTarget(imp, module);
    diagnostics.push(...invalid);
    if (!target) continue;
    const { address, ref, decl } = target;
    if (state.instance(address as InstanceAddr)) continue;
    const id = ev.evaluate(imp.id);
    diagnostics.push(...id.diagnostics);
    if (typeof id.value.payload !== 'string') {
      diagnostics.push(error('Invalid import id', imp.id.range, 'The id must be a known string.'));
      continue;
    }
    const key = imp.provider?.key ?? decl.provider?.key ?? ref.type.split('_')[0];
    const type = providerFor(providers, key)?.resources[ref.type];
    if (!type) {
      diagnostics.push(error('Unknown resource type', imp.to.range, `No provider offers ${ref.type}.`));
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

/** Reconciles, refreshes, reads imports and data sources, and plans; also returns what refresh found. */
export async function planWithRefresh(
  input: RefreshPlanInput,
  opts: RefreshOptions = {},
): Promise<PlanResult & { readonly refreshed: Refreshed }> {
  const { module, variables, state, providers } = input;
  const signal = opts.signal ?? new AbortController().signal;
  const diagnostics: Diagnostic[] = [];
  diagnostics.push(...(await reconcilePending(state, providers, input.record ?? ((c) => applyChange(state, c)), opts)));
  const mode = input.options?.mode ?? 'normal';
  const { imports, diagnostics: importDiags } =
    mode === 'normal'
      ? await readImports(module, variables, state, providers, signal)
      : { imports: new Map(), diagnostics: [] };
  const data = new Map<string, JsonObject>();
  const planned = (live: Refreshed['live']) =>
    planReadingData(input, { live, imports, data }, hasErrors(diagnostics) || hasErrors(importDiags), opts);
  let only: ReadonlySet<string> | undefined;
  // Outside a normal plan (destroy, refresh-only) every instance is in play: `changed` reads them all.
  if (opts.refresh === 'changed' && mode === 'normal') {
    // A first plan against the state as stored: what it would change is what the configuration
    // changed since the last apply. Only that, and what depends on it, is read again.
    const first = await planned(new Map());
    if (hasErrors(first.diagnostics)) {
      return {
        plan: first.plan,
        diagnostics: [...diagnostics, ...first.diagnostics],
        refreshed: { live: new Map(), imports, data },
      };
    }
    only = changedAndDependents(first.plan);
  }
  const { live, diagnostics: readDiags } =
    opts.refresh === false
      ? { live: new Map<string, ReadResponse<JsonObject>>(), diagnostics: [] }
      : await readAll(state, providers, { ...opts, ...(only ? { only } : {}) });
  diagnostics.push(...readDiags, ...importDiags);
  const r = await planned(live);
  return { plan: r.plan, diagnostics: [...diagnostics, ...r.diagnostics], refreshed: { live, imports, data } };
}

/**
 * Plans, reading the data sources the plan asks for and planning again until none is missing.
 * `data` keeps results between calls: the same arguments are not read twice.
 */
async function planReadingData(
  input: RefreshPlanInput,
  refreshed: Refreshed & { readonly data: Map<string, JsonObject> },
  failedBefore: boolean,
  opts: RefreshOptions,
): Promise<PlanResult> {
  const { module, variables, state, providers } = input;
  const signal = opts.signal ?? new AbortController().signal;
  const diagnostics: Diagnostic[] = [];
  const schemas = schemaLookup(providers);
  for (;;) {
    const r = plan({
      module,
      variables,
      state,
      refreshed,
      schemas,
      ...(input.options ? { options: input.options } : {}),
    });
    const todo = r.dataReads.filter((d) => !refreshed.data.has(dataKey(d.address, d.args)));
    if (todo.length === 0 || failedBefore || hasErrors(diagnostics)) {
      const all = [...diagnostics, ...r.diagnostics];
      if (failedBefore || hasErrors(all)) return { plan: r.plan, diagnostics: all };
      return { plan: r.plan, diagnostics: [...all, ...(await plannedWarnings(r.plan, module, providers, opts))] };
    }
    let failed = false;
    await mapLimit(todo, opts.parallelism ?? 32, async (d) => {
      const ds = providerFor(providers, d.provider)?.dataSources[d.type];
      if (!ds) return;
      try {
        refreshed.data.set(
          dataKey(d.address, d.args),
          await ds.read({ args: d.args }, opContext(d.address, ds.schema, signal)),
        );
      } catch (e) {
        failed = true;
        diagnostics.push({ ...error('Cannot read a data source', undefined, errText(e)), address: d.address });
      }
    });
    if (failed) return { plan: r.plan, diagnostics: [...diagnostics, ...r.diagnostics] };
  }
}

/**
 * The instances a plan against the stored state would touch (any action but no-op), and every
 * instance of the resources that depend on them, directly or not.
 */
export function changedAndDependents(p: Plan): Set<string> {
  const dependents = new Map<string, string[]>();
  for (const c of p.changes) {
    const self = configAddr(c.address as InstanceAddr);
    for (const d of c.dependencies) {
      const l = dependents.get(d);
      if (l) l.push(self);
      else dependents.set(d, [self]);
    }
  }
  const changed = p.changes.filter((c) => c.action !== 'no-op');
  const downstream = closure(
    changed.flatMap((c) => dependents.get(configAddr(c.address as InstanceAddr)) ?? []),
    (n) => dependents.get(n) ?? [],
  );
  const out = new Set<string>(changed.map((c) => c.address));
  for (const c of p.changes) if (downstream.has(configAddr(c.address as InstanceAddr))) out.add(c.address);
  return out;
}
