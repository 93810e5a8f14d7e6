import type { JsonObject } from '../../providers/provider.js';
import { configAddr, contains, type InstanceAddr, instanceOf, parseTarget, type ResourceAddr } from '../addrs/index.js';
import { checkAgainstSchema, evaluatedBodyJSON, fitsSchema, type Module, type ResourceDecl } from '../config/index.js';
import { type Diagnostic, error, hasErrors, warning } from '../diag/index.js';
import {
  buildGraph,
  Evaluator,
  evalResourceBody,
  expand,
  fromPlanned,
  resourceTimeouts,
  resourceValue,
  toPlanned,
} from '../eval/index.js';
import { isWhollyKnown, object, type Value } from '../lang/index.js';
import type { State } from '../state/index.js';
import type { Change, DeleteChange, DeleteReason, PlannedValue } from './change.js';
import { closure, resourceDependencies } from './deps.js';
import { driftOf } from './drift.js';
import { planInstance } from './instance.js';
import { ignorePaths, lifecycleFlags, triggered } from './lifecycle.js';
import type { Plan, PlanMode, PlanResult } from './plan.js';
import { dataKey, NO_REFRESH, type PriorEntry, priorIndex, providerKeyOf, type Refreshed } from './prior.js';
import { type SchemaInfo, schemaSensitivePaths } from './schema.js';

// The planner: a pure function of the configuration, variable values, the prior state, what
// refresh found and the provider schemas. It evaluates the configuration in dependency order and
// decides a change for every instance.

/** Where the planner finds schemas: by provider key, mode and type. */
export type SchemaLookup = (provider: string, mode: 'managed' | 'data', type: string) => SchemaInfo | undefined;

/** Planning options (from the command line). */
export interface PlanOptions {
  readonly mode?: PlanMode;
  readonly targets?: readonly string[];
  readonly excludes?: readonly string[];
  /** `--replace ADDR`: instances to replace even without a change. */
  readonly replace?: readonly string[];
}

/** Everything the planner depends on. */
export interface PlanInput {
  readonly module: Module;
  readonly variables: ReadonlyMap<string, Value>;
  readonly state: State;
  readonly refreshed?: Refreshed;
  readonly schemas: SchemaLookup;
  readonly options?: PlanOptions;
}

/** A data source the planner could evaluate but has no result for yet: refresh reads it and plans again. */
export interface DataRead {
  readonly address: string;
  readonly type: string;
  readonly provider: string;
  readonly args: JsonObject;
}

/** The default provider key of a resource: its `provider` argument, else the type's prefix. */
export function providerKey(decl: ResourceDecl): string {
  if (decl.provider) return decl.provider.key;
  const cut = decl.type.indexOf('_');
  return cut < 0 ? decl.type : decl.type.slice(0, cut);
}

/** Plans. Pure: the same inputs give the same plan. */
export function plan(input: PlanInput): PlanResult & { readonly dataReads: DataRead[] } {
  const { module, state } = input;
  const opts = input.options ?? {};
  const mode = opts.mode ?? 'normal';
  const refreshed = input.refreshed ?? NO_REFRESH;
  const diagnostics: Diagnostic[] = [];
  const cg = buildGraph(module);
  diagnostics.push(...cg.diagnostics);
  const { prior, moved, diagnostics: moveDiags } = priorIndex(module, state, refreshed);
  diagnostics.push(...moveDiags);
  const drift = driftOf(state, refreshed, input.schemas);
  const deps = resourceDependencies(module, cg);
  const selected = selection(module, cg, deps, opts, diagnostics);
  const replaceSet = new Set<string>();
  for (const r of opts.replace ?? []) {
    const p = parseTarget(r);
    if (p.ok) replaceSet.add(p.value);
    else diagnostics.push(...p.diags);
  }

  // Planned values by resource, then key; turned into values only when a reference asks for them.
  const instances = new Map<string, Map<string | number, PlannedValue>>();
  // A resource's value is built once it is planned: references to it come only from later nodes.
  const resourceCache = new Map<string, Value>();
  const changes: Change[] = [];
  const changeByAddr = new Map<string, Change>();
  const dataReads: DataRead[] = [];
  const outputs: Record<string, PlannedValue> = {};
  const dataResults: Record<string, PlannedValue> = {};
  const ev = new Evaluator(module, input.variables, {
    resource: (addr) => {
      const hit = resourceCache.get(addr);
      if (hit) return hit;
      const decl = module.resources.get(addr);
      const inst = instances.get(addr);
      if (!decl || !inst) return undefined;
      const converted = new Map<string | number, Value>();
      for (const [k, pv] of inst) converted.set(k, fromPlanned(pv));
      const v = resourceValue(decl, converted);
      resourceCache.set(addr, v);
      return v;
    },
  });
  const push = (c: Change) => {
    if (!selected(c.address)) return;
    changes.push(c);
    changeByAddr.set(c.address, c);
  };
  const claimed = new Set<string>();
  const planned = mode === 'normal' && !hasErrors(diagnostics);

  // A resource's value is dropped from the cache once every node that refers to it is planned:
  // the cache then holds a few values instead of one per resource of the configuration (and a
  // later reference, should one come, builds it again from `instances`).
  const referrersLeft = new Map<string, number>();
  const release = (node: string) => {
    for (const dep of cg.graph.dependenciesOf(node)) {
      if (!resourceCache.has(dep)) continue;
      const left = (referrersLeft.get(dep) ?? cg.graph.dependentsOf(dep).size) - 1;
      if (left > 0) referrersLeft.set(dep, left);
      else {
        referrersLeft.delete(dep);
        resourceCache.delete(dep);
      }
    }
  };

  for (const node of planned ? cg.order : []) {
    try {
      if (node.startsWith('local.')) diagnostics.push(...ev.localDiagnostics(node.slice(6)));
      if (node.startsWith('output.')) {
        const o = module.outputs.get(node.slice(7))!;
        const r = ev.evaluate(o.value);
        diagnostics.push(...r.diagnostics);
        // Wrapped, so that an output of any type (a string, a list) fits a PlannedValue's object.
        const pv = toPlanned(object({ value: r.value }));
        outputs[o.name] = o.sensitive ? { ...pv, sensitivePaths: [['value']] } : pv;
        continue;
      }
      const decl = module.resources.get(node);
      if (!decl) continue;
      const values = new Map<string | number, PlannedValue>();
      instances.set(decl.address, values);
      const ex = expand(decl, ev);
      if (ex.diagnostics.length > 0) diagnostics.push(...ex.diagnostics.map((d) => ({ ...d, address: decl.address })));
      const provider = providerKey(decl);
      const info = input.schemas(provider, decl.mode, decl.type);
      if (!info) {
        diagnostics.push(
          error(
            decl.mode === 'data' ? 'Unknown data source type' : 'Unknown resource type',
            decl.declRange,
            `The provider "${provider}" has no ${decl.mode === 'data' ? 'data source' : 'resource type'} "${decl.type}".`,
          ),
        );
        continue;
      }
      if (decl.timeouts) diagnostics.push(...resourceTimeouts(decl, ev).diagnostics);
      const flags = lifecycleFlags(decl, info);
      const ignore = ignorePaths(decl);
      for (const inst of ex.instances) {
        const address = instanceOf(decl.address as ResourceAddr, inst.key);
        claimed.add(address);
        const body = evalResourceBody(decl.config, info.schema, ev, inst.names);
        if (body.diagnostics.length > 0) diagnostics.push(...body.diagnostics.map((d) => ({ ...d, address })));
        const config = toPlanned(body.value);
        // Each body is checked against its schema once evaluated: literal values and those that
        // come from variables and other resources alike. Where it fits, nothing more is done.
        if (!hasErrors(body.diagnostics) && !fitsSchema(config.value, info.schema)) {
          const json = evaluatedBodyJSON(decl.config, info.schema, body.value);
          diagnostics.push(...checkAgainstSchema(json, info.schema, decl.declRange).map((d) => ({ ...d, address })));
        }
        const withSecrets: PlannedValue = {
          ...config,
          sensitivePaths: [...config.sensitivePaths, ...schemaSensitivePaths(config.value, info.schema)],
        };
        const dependencies = deps.get(decl.address) ?? [];
        if (decl.mode === 'data') {
          const known = isWhollyKnown(body.value);
          const result = known ? refreshed.data.get(dataKey(address, config.value)) : undefined;
          if (result) {
            dataResults[address] = { value: result, unknownPaths: [], sensitivePaths: [] };
            values.set(inst.key ?? '', { value: result, unknownPaths: [], sensitivePaths: [] });
            continue;
          }
          if (known) dataReads.push({ address, type: decl.type, provider, args: config.value });
          const after: PlannedValue = { ...withSecrets, unknownPaths: [...withSecrets.unknownPaths, ['value']] };
          values.set(inst.key ?? '', after);
          if (!known) push({ address, type: decl.type, provider, dependencies, action: 'read', after });
          continue;
        }
        const p = prior.get(address);
        const forced = replaceSet.has(address)
          ? 'replace_by_request'
          : triggered(decl, inst.names, ev, changeByAddr, instances)
            ? 'replace_by_triggers'
            : undefined;
        const d = planInstance({
          address,
          type: decl.type,
          provider,
          dependencies,
          info,
          config: withSecrets,
          ...(p
            ? {
                prior: {
                  value: p.object.attributes,
                  sensitivePaths: p.object.sensitivePaths,
                  tainted: p.object.status === 'tainted',
                },
              }
            : {}),
          ignoreChanges: ignore,
          ...(forced ? { forcedReplace: forced } : {}),
          createBeforeDestroy: flags.createBeforeDestroy,
        });
        values.set(inst.key ?? '', d.value);
        if (flags.preventDestroy && d.change.action === 'replace' && selected(address)) {
          diagnostics.push(preventDestroyError(decl, address, 'replace'));
        }
        push(d.change);
      }
    } finally {
      release(node);
    }
  }

  // Instances in the state that the configuration no longer has.
  for (const [address, p] of prior) {
    if (p.mode !== 'managed' || (mode === 'normal' && claimed.has(address))) continue;
    if (mode === 'refresh-only') continue;
    const decl = module.resources.get(configAddr(address as InstanceAddr));
    const reason: DeleteReason =
      mode === 'destroy'
        ? 'delete_because_destroy_mode'
        : !decl
          ? 'delete_because_no_resource_config'
          : /\[\d+\]$/.test(address)
            ? 'delete_because_count_index'
            : 'delete_because_each_key';
    if (
      decl &&
      lifecycleFlags(decl, input.schemas(p.provider, 'managed', p.type)).preventDestroy &&
      selected(address)
    ) {
      diagnostics.push(preventDestroyError(decl, address, 'destroy'));
    }
    push(deleteChange(address, p, reason, input.schemas));
  }

  // Objects put aside by a create-before-destroy replacement whose delete never finished go now.
  for (const [address, deposed, object, r] of mode === 'refresh-only' ? [] : state.deposedObjects()) {
    const p: PriorEntry = { object, provider: providerKeyOf(r.provider), type: r.type, mode: r.mode };
    if (selected(address))
      changes.push({ ...deleteChange(address, p, 'delete_because_deposed', input.schemas), deposed });
  }

  for (const r of replaceSet) {
    if (!changeByAddr.has(r)) {
      diagnostics.push(warning('Nothing to replace', undefined, `--replace ${r} names no instance this plan keeps.`));
    }
  }
  propagateCreateBeforeDestroy(changes);
  const imports = [...refreshed.imports].map(([address, imp]) => ({
    address,
    id: imp.id,
    type: prior.get(address)?.type ?? '',
    provider: imp.provider,
    value: { value: imp.attrs, unknownPaths: [], sensitivePaths: [] },
  }));
  const result: Plan = {
    mode,
    changes,
    drift,
    moved: mode === 'destroy' ? [] : moved,
    imports: mode === 'normal' ? imports : [],
    data: dataResults,
    outputs,
    prior: {
      lineage: state.lineage,
      serial: state.serial,
      ...(state.replayed > 0 ? { replayed: state.replayed } : {}),
    },
    ...(module.cwd !== undefined ? { cwd: module.cwd } : {}),
    targets: opts.targets ?? [],
    excludes: opts.excludes ?? [],
  };
  return { plan: result, diagnostics, dataReads };
}

function deleteChange(address: string, p: PriorEntry, reason: DeleteReason, schemas: SchemaLookup): DeleteChange {
  const info = schemas(p.provider, 'managed', p.type);
  const sens = info ? schemaSensitivePaths(p.object.attributes, info.schema) : [];
  return {
    address,
    type: p.type,
    provider: p.provider,
    dependencies: [...p.object.dependencies],
    action: 'delete',
    reason,
    before: {
      value: p.object.attributes,
      unknownPaths: [],
      sensitivePaths: [...p.object.sensitivePaths, ...sens],
    },
  };
}

function preventDestroyError(decl: ResourceDecl, address: string, what: string): Diagnostic {
  return {
    ...error(
      'Instance cannot be destroyed',
      decl.lifecycle.preventDestroy?.range ?? decl.declRange,
      `The plan would ${what} ${address}, but its lifecycle sets prevent_destroy. Remove that setting, or change the plan (e.g. with --target) so that it does not ${what} the instance.`,
    ),
    address,
  };
}

/** The predicate that says whether an instance's change belongs to the plan, per --target and --exclude. */
function selection(
  module: Module,
  cg: ReturnType<typeof buildGraph>,
  deps: ReadonlyMap<string, readonly string[]>,
  opts: PlanOptions,
  diagnostics: Diagnostic[],
): (address: string) => boolean {
  const parse = (list: readonly string[] | undefined) => {
    const out: string[] = [];
    for (const t of list ?? []) {
      const p = parseTarget(t);
      if (p.ok) out.push(p.value);
      else diagnostics.push(...p.diags);
    }
    return out;
  };
  const targets = parse(opts.targets);
  const excludes = parse(opts.excludes);
  if (targets.length === 0 && excludes.length === 0) return () => true;
  const targetDeps = closure(
    targets.flatMap((t) => deps.get(configAddr(t as InstanceAddr)) ?? []),
    (n) => deps.get(n) ?? [],
  );
  const dependents = new Map<string, string[]>();
  for (const [r, ds] of deps) {
    for (const d of ds) {
      const list = dependents.get(d);
      if (list) list.push(r);
      else dependents.set(d, [r]);
    }
  }
  const excludedDependents = closure(
    excludes.flatMap((e) => dependents.get(configAddr(e as InstanceAddr)) ?? []),
    (n) => dependents.get(n) ?? [],
  );
  void module;
  void cg;
  return (address) => {
    const a = address as InstanceAddr;
    const cfg = configAddr(a);
    if (excludes.some((e) => contains(e as InstanceAddr, a)) || excludedDependents.has(cfg)) return false;
    if (targets.length === 0) return true;
    return targets.some((t) => contains(t as InstanceAddr, a)) || targetDeps.has(cfg);
  };
}

/**
 * A create-before-destroy replacement needs its replaced dependencies to be create-before-destroy
 * too, or the apply order would have a cycle (new dependent before old dependency goes, old
 * dependency before new one comes). Changes are in dependency order, so one backward pass suffices.
 */
function propagateCreateBeforeDestroy(changes: Change[]): void {
  const byResource = new Map<string, number[]>();
  changes.forEach((c, i) => {
    const cfg = configAddr(c.address as InstanceAddr);
    const l = byResource.get(cfg);
    if (l) l.push(i);
    else byResource.set(cfg, [i]);
  });
  for (let i = changes.length - 1; i >= 0; i--) {
    const c = changes[i];
    if (c.action !== 'replace' || !c.createBeforeDestroy) continue;
    for (const dep of c.dependencies) {
      for (const j of byResource.get(dep) ?? []) {
        const d = changes[j];
        if (d.action === 'replace' && !d.createBeforeDestroy) changes[j] = { ...d, createBeforeDestroy: true };
      }
    }
  }
}
