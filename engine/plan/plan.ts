import type { Diagnostic } from '../diag/index.js';
import type { Change, PlannedValue } from './change.js';

// The Plan: everything an apply needs besides the configuration — the changes, the drift found
// by refresh, moves and imports, and the state version it was made against.

/** Closed set of planning modes. */
export type PlanMode = 'normal' | 'destroy' | 'refresh-only';

/** A difference between the state and the live resource, made outside runform. `after` absent: it is gone. */
export interface Drift {
  readonly address: string;
  readonly type: string;
  readonly provider: string;
  readonly before: PlannedValue;
  readonly after?: PlannedValue;
}

/** A state entry renamed by a `moved` block (no API call). */
export interface Move {
  readonly from: string;
  readonly to: string;
}

/** A resource adopted by an `import` block: read at plan time, recorded into the state at apply. */
export interface Import {
  readonly address: string;
  readonly id: string;
  readonly type: string;
  readonly provider: string;
  readonly value: PlannedValue;
}

/** A plan. `changes` holds one entry per resource instance that is planned (no-op included). */
export interface Plan {
  readonly mode: PlanMode;
  readonly changes: readonly Change[];
  readonly drift: readonly Drift[];
  readonly moved: readonly Move[];
  readonly imports: readonly Import[];
  /** Data source results read while planning, by instance address: an apply evaluates with the same values. */
  readonly data: Readonly<Record<string, PlannedValue>>;
  /**
   * Output values as planned (unknown until apply where they depend on new attributes), each held
   * under the key `value` of its PlannedValue so that outputs of every type fit.
   */
  readonly outputs: Readonly<Record<string, PlannedValue>>;
  /** The state the plan was made against: applying it elsewhere is refused. */
  readonly prior: {
    readonly lineage: string;
    readonly serial: number;
    /** Changes of a crashed run's journal the plan saw on top of `serial` (see State.replayed). */
    readonly replayed?: number;
  };
  /** The `path.cwd` the plan was made with: an apply of this plan evaluates with the same one. */
  readonly cwd?: string;
  /** --target and --exclude, kept so an apply of this plan walks the same subset. */
  readonly targets: readonly string[];
  readonly excludes: readonly string[];
}

/** A plan with the problems found making it; with an error among them the plan must not be applied. */
export interface PlanResult {
  readonly plan: Plan;
  readonly diagnostics: Diagnostic[];
}

/** Counts for the summary line: `Plan: N to add, N to change, N to replace, N to destroy.` */
export function summarize(plan: Plan): { add: number; change: number; replace: number; destroy: number } {
  const s = { add: 0, change: 0, replace: 0, destroy: 0 };
  for (const c of plan.changes) {
    if (c.action === 'create') s.add++;
    else if (c.action === 'update') s.change++;
    else if (c.action === 'replace') s.replace++;
    else if (c.action === 'delete') s.destroy++;
  }
  return s;
}

/** True when the plan has something to do: resource changes, moves, imports, or drift to record in refresh-only mode. */
export function hasChanges(plan: Plan): boolean {
  // Drift alone is news, not a change: only a refresh-only plan, whose purpose is to record it, counts it.
  return (
    plan.changes.some((c) => c.action !== 'no-op' && c.action !== 'read') ||
    (plan.mode === 'refresh-only' && plan.drift.length > 0) ||
    plan.moved.length > 0 ||
    plan.imports.length > 0
  );
}
