import { configAddr, type InstanceAddr, parseInstance } from '../addrs/index.js';
import type { Module } from '../config/index.js';
import { type Evaluator, expand, fromPlanned, type InstanceNames, resourceValue } from '../eval/index.js';
import type { Value } from '../lang/index.js';
import type { Plan, PlannedValue } from '../plan/index.js';
import type { State } from '../state/index.js';

// The values references see during an apply: planned values at first, replaced by real ones as
// each change finishes, so that a dependent's arguments are evaluated again with what is now known.

/** Current instance values by resource, then by key (`''` for a resource without one). */
export class LiveValues {
  private readonly byResource = new Map<string, Map<string | number, Value>>();
  private readonly names = new Map<string, Map<string | number, InstanceNames>>();
  /** Resource values built for references, dropped when one of the resource's instances changes. */
  private readonly cache = new Map<string, Value>();

  constructor(
    private readonly module: Module,
    plan: Plan,
    state: State,
  ) {
    for (const [addr, obj, r] of state.instances()) {
      if (r.mode === 'managed')
        this.set(addr, fromPlanned({ value: obj.attributes, unknownPaths: [], sensitivePaths: obj.sensitivePaths }));
    }
    for (const [addr, v] of Object.entries(plan.data)) this.set(addr, fromPlanned(v));
    for (const c of plan.changes) {
      if (c.action === 'no-op') this.set(c.address, fromPlanned(c.before));
      else if (c.action === 'delete') {
        // A deposed object is not what references see: the current object keeps its value.
        if (c.deposed === undefined) this.remove(c.address);
      } else this.set(c.address, fromPlanned(c.after));
    }
  }

  /** Sets an instance's current value. */
  set(address: string, v: Value): void {
    const p = parseInstance(address);
    if (!p.ok) return;
    const cfg = configAddr(address as InstanceAddr);
    let m = this.byResource.get(cfg);
    if (!m) {
      m = new Map();
      this.byResource.set(cfg, m);
    }
    m.set(p.value.key ?? '', v);
    this.cache.delete(cfg);
  }

  /** Sets an instance's value from JSON attributes and their sensitive paths. */
  setJSON(address: string, v: PlannedValue): void {
    this.set(address, fromPlanned(v));
  }

  /** Forgets an instance. */
  remove(address: string): void {
    const p = parseInstance(address);
    if (!p.ok) return;
    const cfg = configAddr(address as InstanceAddr);
    this.byResource.get(cfg)?.delete(p.value.key ?? '');
    this.cache.delete(cfg);
  }

  /** The value of a resource as references see it. */
  resource(addr: string): Value | undefined {
    const hit = this.cache.get(addr);
    if (hit) return hit;
    const decl = this.module.resources.get(addr);
    if (!decl) return undefined;
    const v = resourceValue(decl, this.byResource.get(addr) ?? new Map());
    this.cache.set(addr, v);
    return v;
  }

  /**
   * The per-instance names (`count.index`, `each.*`) of an instance, expanding its resource once:
   * every instance of a resource shares its dependencies, so the first visit sees them all applied.
   */
  instanceNames(address: string, ev: Evaluator): InstanceNames | undefined {
    const p = parseInstance(address);
    if (!p.ok) return undefined;
    const cfg = configAddr(address as InstanceAddr);
    let m = this.names.get(cfg);
    if (!m) {
      m = new Map();
      const decl = this.module.resources.get(cfg);
      if (decl) for (const i of expand(decl, ev).instances) m.set(i.key ?? '', i.names);
      this.names.set(cfg, m);
    }
    return m.get(p.value.key ?? '');
  }
}
