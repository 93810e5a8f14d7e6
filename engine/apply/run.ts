import type { Logger } from '../../providers/provider.js';
import { configAddr, instanceAddr, parseInstance } from '../addrs/index.js';
import type { Module } from '../config/index.js';
import { type Diagnostic, error, hasErrors } from '../diag/index.js';
import type { Value } from '../lang/index.js';
import {
  opContext,
  type Plan,
  type PlanOptions,
  type ProviderSource,
  planWithRefresh,
  providerFor,
  providerKey,
  type RefreshMode,
  reconcilePending,
  resolveProviders,
  restoreFromState,
  schemaSensitivePaths,
  stateProviderOf,
} from '../plan/index.js';
import { type Backend, type LockInfo, readState, StateError, StateSession } from '../state/index.js';
import { type ApplyEvent, type ApplyResult, apply } from './apply.js';

// The whole of `plan` and `apply` over a backend: locking, pending reconciliation, refresh,
// planning, approval, the apply itself, and the state saved and unlocked however it ends.

/** Options shared by plan and apply runs. */
export interface RunOptions {
  readonly module: Module;
  readonly variables: ReadonlyMap<string, Value>;
  readonly backend: Backend;
  /** The providers, or how to configure the ones the configuration and the state use once the state is read. */
  readonly providers: ProviderSource;
  readonly options?: PlanOptions;
  /** false: plan against the state without reading the resources; `changed`: read only what the configuration changed. */
  readonly refresh?: RefreshMode;
  readonly parallelism?: number;
  /** Where providers' notes and warnings go during the apply; default: nowhere. */
  readonly log?: Logger;
}

/** Options of a plan run. */
export interface PlanRunOptions extends RunOptions {
  /**
   * Hold the state lock while reading and planning, as `runform plan` does; absent: take no lock
   * at all (for callers that must never block an apply, such as drift detection).
   */
  readonly lock?: { readonly timeoutMs?: number };
  /** Aborts the reads in flight (an interrupt): the plan fails, and the lock is released. */
  readonly signal?: AbortSignal;
}

/**
 * Plans without writing anything (pending instances are reconciled in memory only). With `lock`,
 * the state is locked from before it is read until the plan is made, however that ends.
 */
export async function runPlan(run: PlanRunOptions): Promise<{ plan?: Plan; diagnostics: Diagnostic[] }> {
  let lock: LockInfo | undefined;
  if (run.lock) {
    try {
      lock = await run.backend.lock({
        operation: 'plan',
        ...(run.lock.timeoutMs !== undefined ? { timeoutMs: run.lock.timeoutMs } : {}),
        ...(run.signal ? { signal: run.signal } : {}),
      });
    } catch (e) {
      return { diagnostics: [stateDiag(e)] };
    }
  }
  const out = await planUnlocked(run).catch((e: unknown) => ({ diagnostics: [stateDiag(e)] }));
  if (lock) {
    try {
      await run.backend.unlock(lock.id);
    } catch (e) {
      out.diagnostics.push(stateDiag(e));
    }
  }
  return out;
}

async function planUnlocked(run: PlanRunOptions): Promise<{ plan?: Plan; diagnostics: Diagnostic[] }> {
  let state: Awaited<ReturnType<typeof readState>>;
  try {
    state = await readState(run.backend);
  } catch (e) {
    return { diagnostics: [stateDiag(e)] };
  }
  const providers = await resolveProviders(run.providers, run.module, state);
  const r = await planWithRefresh(
    {
      module: run.module,
      variables: run.variables,
      state,
      providers,
      ...(run.options ? { options: run.options } : {}),
    },
    {
      ...(run.refresh === undefined ? {} : { refresh: run.refresh }),
      ...(run.parallelism ? { parallelism: run.parallelism } : {}),
      ...(run.signal ? { signal: run.signal } : {}),
    },
  );
  if (run.signal?.aborted) {
    return { diagnostics: [error('Plan interrupted', undefined, 'The plan was stopped before it was complete.')] };
  }
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
    // A saved plan is applied with the `path.cwd` it was made with, wherever the apply runs.
    const cwd = run.plan?.cwd;
    out = await underLock(cwd === undefined ? run : { ...run, module: { ...run.module, cwd } }, session, diagnostics);
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
  const providers = await resolveProviders(run.providers, run.module, session.state);
  let plan = run.plan;
  if (plan) {
    const s = session.state;
    // A state never written has no history yet: it takes the lineage the plan was made with.
    if (s.serial === 0 && plan.prior.serial === 0 && s.instanceCount === 0) s.lineage = plan.prior.lineage;
    // A plan made over a crashed run's journal saw that journal's changes, compacted since by this session.
    const replayed = plan.prior.replayed ?? 0;
    const serialMatches =
      replayed === 0
        ? plan.prior.serial === s.serial && session.readAs.replayed === 0
        : plan.prior.serial === session.readAs.serial && replayed === session.readAs.replayed;
    if (plan.prior.lineage !== s.lineage || !serialMatches) {
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
    diagnostics.push(...(await reconcilePending(session.state, providers, record)));
  } else {
    const r = await planWithRefresh(
      {
        module: run.module,
        variables: run.variables,
        state: session.state,
        providers,
        record,
        ...(run.options ? { options: run.options } : {}),
      },
      {
        ...(run.refresh === undefined ? {} : { refresh: run.refresh }),
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
    providers,
    session,
    ...(run.parallelism ? { parallelism: run.parallelism } : {}),
    ...(run.stop ? { stop: run.stop } : {}),
    ...(run.abort ? { abort: run.abort } : {}),
    ...(run.onEvent ? { onEvent: run.onEvent } : {}),
    ...(run.log ? { log: run.log } : {}),
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
  readonly providers: ProviderSource;
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
  const type = providerFor(await resolveProviders(run.providers, run.module), key)?.resources[decl.type];
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
