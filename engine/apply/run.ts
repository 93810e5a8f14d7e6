import { configAddr, instanceAddr, parseInstance } from '../addrs/index.js';
import type { Module } from '../config/index.js';
import { type Diagnostic, error, hasErrors } from '../diag/index.js';
import type { Value } from '../lang/index.js';
import {
  opContext,
  type Plan,
  type PlanOptions,
  type ProviderSet,
  planWithRefresh,
  providerFor,
  providerKey,
  reconcilePending,
  restoreFromState,
  schemaSensitivePaths,
  stateProviderOf,
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
export function stateDiag(e: unknown): Diagnostic {
  if (e instanceof StateError) return error('State error', undefined, e.message);
  return error('Unexpected failure', undefined, e instanceof Error ? e.message : String(e));
}

/** What `runform import ADDR ID` needs. */
export interface ImportRunOptions {
  readonly module: Module;
  readonly backend: Backend;
  readonly providers: ProviderSet;
  readonly address: string;
  readonly id: string;
}

/** Adopts an existing resource into the state under `address` (which the configuration must declare). */
export async function runImport(run: ImportRunOptions): Promise<{ diagnostics: Diagnostic[] }> {
  const parsed = parseInstance(run.address);
  if (!parsed.ok) return { diagnostics: [...parsed.diags] };
  const addr = instanceAddr(parsed.value);
  const decl = run.module.resources.get(configAddr(addr));
  if (decl?.mode !== 'managed') {
    return {
      diagnostics: [
        error(
          'Import target not in the configuration',
          undefined,
          `Declare resource ${configAddr(addr)} before importing into it.`,
        ),
      ],
    };
  }
  const key = providerKey(decl);
  const type = providerFor(run.providers, key)?.resources[decl.type];
  if (!type)
    return { diagnostics: [error('Unknown resource type', decl.declRange, `No provider offers ${decl.type}.`)] };
  let session: StateSession;
  try {
    session = await StateSession.open(run.backend, { operation: 'import' });
  } catch (e) {
    return { diagnostics: [stateDiag(e)] };
  }
  const diagnostics: Diagnostic[] = [];
  try {
    if (session.state.instance(addr)) {
      diagnostics.push(error('Resource already managed', undefined, `${addr} is already in the state.`));
    } else {
      const attrs = await type.import({ id: run.id }, opContext(addr, type.schema, new AbortController().signal));
      await session.record({
        kind: 'set-instance',
        addr,
        provider: stateProviderOf(key),
        instance: { attributes: attrs, sensitivePaths: schemaSensitivePaths(attrs, type.schema), dependencies: [] },
      });
    }
  } catch (e) {
    diagnostics.push({
      ...error(`Cannot import ${addr}`, undefined, e instanceof Error ? e.message : String(e)),
      address: addr,
    });
  } finally {
    try {
      await session.close();
    } catch (e) {
      diagnostics.push(stateDiag(e));
    }
  }
  return { diagnostics };
}
