import { stateDiag } from '../apply/run.js';
import type { Module } from '../config/index.js';
import { type Diagnostic, hasErrors } from '../diag/index.js';
import type { Value } from '../lang/index.js';
import {
  type Change,
  type Drift,
  type Plan,
  type ProviderSource,
  plan,
  planWithRefresh,
  resolveProviders,
  schemaLookup,
} from '../plan/index.js';
import { type Backend, readState } from '../state/index.js';
import { parseIgnores } from './ignore.js';
import { type DriftReport, driftReport, filterDrift, unappliedChanges } from './report.js';

// `runform drift`: read-only. The state is read without a lock and never written (pending
// instances are reconciled in memory only), and providers only read.

/** What a drift run needs. */
export interface DriftRunOptions {
  readonly module: Module;
  readonly variables: ReadonlyMap<string, Value>;
  readonly backend: Backend;
  /** The providers, or how to configure the ones the configuration and the state use. */
  readonly providers: ProviderSource;
  readonly parallelism?: number;
  /** `--ignore` values: `ADDR` or `ADDR.attr.path`. */
  readonly ignore?: readonly string[];
}

/** The outcome: the report, and what the markdown view draws (the filtered drift, the plan, the unapplied changes). */
export interface DriftRunResult {
  readonly report?: DriftReport;
  readonly plan?: Plan;
  readonly drift: readonly Drift[];
  readonly unapplied: readonly Change[];
  readonly diagnostics: Diagnostic[];
}

/** Refreshes every managed resource, and reports drift and configuration changes not yet applied. */
export async function runDrift(run: DriftRunOptions): Promise<DriftRunResult> {
  const started = performance.now();
  const { rules, diagnostics } = parseIgnores(run.ignore ?? []);
  if (hasErrors(diagnostics)) return { drift: [], unapplied: [], diagnostics };
  let state: Awaited<ReturnType<typeof readState>>;
  try {
    state = await readState(run.backend);
  } catch (e) {
    return { drift: [], unapplied: [], diagnostics: [stateDiag(e)] };
  }
  const providers = await resolveProviders(run.providers, run.module, state);
  const input = { module: run.module, variables: run.variables, state, providers };
  const r = await planWithRefresh(input, run.parallelism ? { parallelism: run.parallelism } : {});
  diagnostics.push(...r.diagnostics);
  if (hasErrors(diagnostics)) return { plan: r.plan, drift: [], unapplied: [], diagnostics };
  const schemas = schemaLookup(providers);
  // The same configuration planned against the state as recorded (no live values): what it
  // would change there was never applied; what only the refreshed plan changes is undoing drift.
  const recorded = plan({ ...input, refreshed: { ...r.refreshed, live: new Map() }, schemas });
  const drift = filterDrift(r.plan.drift, rules, schemas);
  const unapplied = unappliedChanges(r.plan.changes, recorded.plan.changes);
  const report = driftReport(drift, unapplied, r.refreshed.live.size, performance.now() - started);
  return { report, plan: r.plan, drift, unapplied, diagnostics };
}
