import type { Module } from '../config/index.js';
import { type Diagnostic, error, hasErrors } from '../diag/index.js';
import type { Value } from '../lang/index.js';
import {
  type Plan,
  type PlanOptions,
  type ProviderSet,
  planWithRefresh,
  reconcilePending,
  restoreFromState,
} from '../plan/index.js';
import { type Backend, readState, StateError, StateSession } from '../state/index.js';
import { type ApplyEvent, type ApplyResult, apply } from './apply.js';

// The whole of `plan` and `apply` over a backend: locking, pending reconciliation, refresh,
// planning, approval, the apply itself, and the state saved and unlocked however it ends.

/** Options shared by plan and apply runs. */
export interface RunOptions {
  readonly module: Module;
  readonly variables: ReadonlyMap<string, Value>;
  readonly backend: Backend;
  readonly providers: ProviderSet;
  readonly options?: PlanOptions;
  /** false: plan against the state without reading the resources. */
  readonly refresh?: boolean;
  readonly parallelism?: number;
}

/** Plans without locking or writing anything (pending instances are reconciled in memory only). */
export async function runPlan(run: RunOptions): Promise<{ plan?: Plan; diagnostics: Diagnostic[] }> {
  let state: Awaited<ReturnType<typeof readState>>;
  try {
    state = await readState(run.backend);
  } catch (e) {
    return { diagnostics: [stateDiag(e)] };
  }
  const r = await planWithRefresh(
    {
      module: run.module,
      variables: run.variables,
      state,
      providers: run.providers,
      ...(run.options ? { options: run.options } : {}),
    },
    {
      ...(run.refresh === false ? { refresh: false } : {}),
      ...(run.parallelism ? { parallelism: run.parallelism } : {}),
    },
  );
  return { plan: r.plan, diagnostics: r.diagnostics };
}

/** Options of an apply run. */
export interface ApplyRunOptions extends RunOptions {
  /** A saved plan to apply exactly; refused when the state moved since it was made. */
  readonly plan?: Plan;
  /** Asked with the plan before anything changes; false cancels. Absent: approved. */
  readonly approve?: (plan: Plan) => Promise<boolean>;
  readonly stop?: AbortSignal;
  readonly abort?: AbortSignal;
  readonly onEvent?: (e: ApplyEvent) => void;
  readonly lockTimeoutMs?: number;
}

/** What an apply run did: the plan (when one was made), the apply result, and every problem. */
export interface ApplyRunResult {
  readonly plan?: Plan;
  readonly result?: ApplyResult;
  readonly cancelled?: boolean;
  readonly diagnostics: Diagnostic[];
}

/** Locks the state, reconciles, plans (unless given a plan), asks for approval, applies, and always saves and unlocks. */
export async function runApply(run: ApplyRunOptions): Promise<ApplyRunResult> {
  let session: StateSession;
  try {
    session = await StateSession.open(run.backend, {
      operation: 'apply',
      ...(run.lockTimeoutMs !== undefined ? { lockTimeoutMs: run.lockTimeoutMs } : {}),
    });
  } catch (e) {
    return { diagnostics: [stateDiag(e)] };
  }
  const diagnostics: Diagnostic[] = [];
  let out: ApplyRunResult = { diagnostics };
  try {
    out = await underLock(run, session, diagnostics);
  } catch (e) {
    diagnostics.push(stateDiag(e));
  } finally {
    try {
      await session.close();
    } catch (e) {
      diagnostics.push(stateDiag(e));
    }
  }
  return out;
}

async function underLock(
  run: ApplyRunOptions,
  session: StateSession,
  diagnostics: Diagnostic[],
): Promise<ApplyRunResult> {
  const record = (c: Parameters<StateSession['record']>[0]) => session.record(c);
  let plan = run.plan;
  if (plan) {
    const s = session.state;
    // A state never written has no history yet: it takes the lineage the plan was made with.
    if (s.serial === 0 && plan.prior.serial === 0 && s.instanceCount === 0) s.lineage = plan.prior.lineage;
    if (plan.prior.lineage !== s.lineage || plan.prior.serial !== s.serial) {
      diagnostics.push(
        error(
          'Saved plan is stale',
          undefined,
          plan.prior.lineage !== s.lineage
            ? `The plan was made for state lineage ${plan.prior.lineage}, but the state has lineage ${s.lineage}.`
            : `The state changed since the plan was made (serial ${plan.prior.serial} then, ${s.serial} now). Plan again.`,
        ),
      );
      return { diagnostics };
    }
    plan = restoreFromState(plan, s);
    diagnostics.push(...(await reconcilePending(session.state, run.providers, record)));
  } else {
    const r = await planWithRefresh(
      {
        module: run.module,
        variables: run.variables,
        state: session.state,
        providers: run.providers,
        record,
        ...(run.options ? { options: run.options } : {}),
      },
      {
        ...(run.refresh === false ? { refresh: false } : {}),
        ...(run.parallelism ? { parallelism: run.parallelism } : {}),
      },
    );
    diagnostics.push(...r.diagnostics);
    plan = r.plan;
  }
  if (hasErrors(diagnostics)) return { plan, diagnostics };
  if (run.approve && !(await run.approve(plan))) return { plan, cancelled: true, diagnostics };
  const result = await apply({
    plan,
    module: run.module,
    variables: run.variables,
    providers: run.providers,
    session,
    ...(run.parallelism ? { parallelism: run.parallelism } : {}),
    ...(run.stop ? { stop: run.stop } : {}),
    ...(run.abort ? { abort: run.abort } : {}),
    ...(run.onEvent ? { onEvent: run.onEvent } : {}),
  });
  diagnostics.push(...result.diagnostics);
  return { plan, result, diagnostics };
}

/** A state problem as a diagnostic (its message already names the file and the problem). */
function stateDiag(e: unknown): Diagnostic {
  if (e instanceof StateError) return error('State error', undefined, e.message);
  return error('Unexpected failure', undefined, e instanceof Error ? e.message : String(e));
}
