import type { JsonObject, Logger, ProgressEvent } from '../../providers/provider.js';
import type { Module } from '../config/index.js';
import { type Diagnostic, error } from '../diag/index.js';
import { Evaluator } from '../eval/index.js';
import { GraphCycleError, walk } from '../graph/index.js';
import { isWhollyKnown, toJSON, unmarkDeep, type Value } from '../lang/index.js';
import type { Change, Plan } from '../plan/index.js';
import { changeId, type ProviderSet, SILENT, stateProviderOf } from '../plan/index.js';
import type { State, StateChange } from '../state/index.js';
import { applyGraph, parseNode } from './graph.js';
import { CallLimiter } from './limiter.js';
import { Operations } from './operations.js';
import { LiveValues } from './values.js';

// The applier: walks the plan's graph in parallel, calls the providers, and records every
// finished change durably before anything that depends on it starts.

/** Where the applier records changes: a StateSession, or anything with the same two members. */
export interface Recorder {
  readonly state: State;
  record(change: StateChange): Promise<void>;
}

/** The attribute that identifies an instance to a reader (an ARN, else an id), for progress lines. */
export interface InstanceId {
  readonly key: string;
  readonly value: string;
}

/**
 * What the applier reports while it works, for progress views. `progress` relays what the
 * provider reports during a long call (an App Runner operation status, say); `id` is present
 * when the instance has a non-sensitive `arn` or `id` attribute.
 */
export type ApplyEvent =
  | {
      readonly kind: 'start';
      readonly address: string;
      readonly action: Change['action'] | 'destroy';
      readonly id?: InstanceId;
    }
  | {
      readonly kind: 'progress';
      readonly address: string;
      readonly action: Change['action'] | 'destroy';
      readonly progress: ProgressEvent;
    }
  | {
      readonly kind: 'done';
      readonly address: string;
      readonly action: Change['action'] | 'destroy';
      readonly ms: number;
      readonly id?: InstanceId;
    }
  | {
      readonly kind: 'failed';
      readonly address: string;
      readonly action: Change['action'] | 'destroy';
      readonly ms: number;
      readonly message: string;
    };

/** Everything an apply needs. */
export interface ApplyInput {
  readonly plan: Plan;
  readonly module: Module;
  readonly variables: ReadonlyMap<string, Value>;
  readonly providers: ProviderSet;
  readonly session: Recorder;
  /** Bound on concurrent provider calls (default 32). */
  readonly parallelism?: number;
  /** Graceful stop: start no new change; in-flight calls finish. */
  readonly stop?: AbortSignal;
  /** Hard abort: in-flight calls are aborted at once. */
  readonly abort?: AbortSignal;
  readonly log?: Logger;
  readonly onEvent?: (e: ApplyEvent) => void;
}

/** The outcome: root-cause errors (each with its address), and whether it was cut short. */
export interface ApplyResult {
  readonly ok: boolean;
  readonly interrupted: boolean;
  readonly diagnostics: Diagnostic[];
  /** Number of changes made (a replace counts its two halves as one). */
  readonly applied: number;
}

/** Applies a plan. Never throws for a provider or user problem: failures come back as diagnostics. */
export async function apply(input: ApplyInput): Promise<ApplyResult> {
  const { plan, module, session } = input;
  const diagnostics: Diagnostic[] = [];
  await recordRefresh(plan, session);
  const live = new LiveValues(module, plan, session.state);
  const walkStop = new AbortController();
  const calls = new CallLimiter(input.parallelism ?? 32);
  const onStop = () => {
    walkStop.abort();
    calls.close();
  };
  input.stop?.addEventListener('abort', onStop);
  input.abort?.addEventListener('abort', onStop);
  if (input.stop?.aborted || input.abort?.aborted) onStop();
  const ops = new Operations({
    ...input,
    calls,
    live,
    newEvaluator: () => new Evaluator(module, input.variables, { resource: (a) => live.resource(a) }),
    signal: input.abort ?? new AbortController().signal,
    log: input.log ?? SILENT,
  });
  const byAddr = new Map(plan.changes.map((c) => [changeId(c), c]));
  let applied = 0;
  let interrupted = false;
  try {
    const result = await walk(
      applyGraph(plan.changes),
      async (node) => {
        const { address, kind } = parseNode(node);
        const change = byAddr.get(address)!;
        await ops.run(change, kind);
        if (kind === 'apply' || change.action === 'delete') applied++;
      },
      // Provider calls are bounded by `calls`; changes waiting for their records to be durable are not.
      { parallelism: Number.POSITIVE_INFINITY, signal: walkStop.signal },
    );
    for (const { node, error: e } of result.errors) {
      const { address } = parseNode(node);
      diagnostics.push(toDiagnostic(e, address));
    }
    const cancelled = [...result.outcomes.values()].filter((o) => o.status === 'cancelled').length;
    if (walkStop.signal.aborted && cancelled > 0) {
      interrupted = true;
      diagnostics.push(
        error(
          'Apply interrupted',
          undefined,
          `${cancelled} planned change(s) were not made. Run plan again to see what remains.`,
        ),
      );
    }
  } catch (e) {
    if (!(e instanceof GraphCycleError)) throw e;
    diagnostics.push(error('Cycle in the apply order', undefined, e.message));
  } finally {
    input.stop?.removeEventListener('abort', onStop);
    input.abort?.removeEventListener('abort', onStop);
  }
  if (diagnostics.length === 0) diagnostics.push(...(await recordOutputs(module, input, live, session)));
  return { ok: !diagnostics.some((d) => d.severity === 'error'), interrupted, diagnostics, applied };
}

/** A failure as a diagnostic with its address; provider errors keep their message, never a stack. */
function toDiagnostic(e: unknown, address: string): Diagnostic {
  if (e && typeof e === 'object' && 'diagnostic' in e)
    return { ...(e as { diagnostic: Diagnostic }).diagnostic, address };
  const msg = e instanceof Error ? e.message : String(e);
  return { ...error(`Failed to apply ${address}`, undefined, msg), address };
}

/** Drift, moves and imports go into the state first: they need no API call. */
async function recordRefresh(plan: Plan, session: Recorder): Promise<void> {
  const rec: Promise<void>[] = [];
  for (const d of plan.drift) {
    const r = session.state.resource(d.address.replace(/\[.*$/, '') as never);
    const cur = session.state.instance(d.address as never);
    if (!r || !cur) continue;
    if (!d.after) rec.push(session.record({ kind: 'remove-instance', addr: d.address as never }));
    else
      rec.push(
        session.record({
          kind: 'set-instance',
          addr: d.address as never,
          provider: r.provider,
          instance: { ...cur, attributes: d.after.value },
        }),
      );
  }
  await Promise.all(rec);
  for (const m of plan.moved) {
    const r = session.state.resource(m.from.replace(/\[.*$/, '') as never);
    const cur = session.state.instance(m.from as never);
    if (!r || !cur) continue;
    await session.record({ kind: 'set-instance', addr: m.to as never, provider: r.provider, instance: cur });
    await session.record({ kind: 'remove-instance', addr: m.from as never });
  }
  if (plan.mode === 'refresh-only') return;
  for (const imp of plan.imports) {
    if (session.state.instance(imp.address as never)) continue;
    await session.record({
      kind: 'set-instance',
      addr: imp.address as never,
      provider: stateProviderOf(imp.provider),
      instance: { attributes: imp.value.value, sensitivePaths: imp.value.sensitivePaths, dependencies: [] },
    });
  }
}

/** Records every output whose value is known, and removes outputs no longer declared. */
async function recordOutputs(
  module: Module,
  input: ApplyInput,
  live: LiveValues,
  session: Recorder,
): Promise<Diagnostic[]> {
  const diags: Diagnostic[] = [];
  if (input.plan.mode === 'refresh-only') return diags;
  const ev = new Evaluator(module, input.variables, { resource: (a) => live.resource(a) });
  for (const o of input.plan.mode === 'destroy' ? [] : module.outputs.values()) {
    const r = ev.evaluate(o.value);
    diags.push(...r.diagnostics);
    if (r.diagnostics.length > 0 || !isWhollyKnown(r.value)) continue;
    const { value, sensitive } = unmarkDeep(r.value);
    await session.record({
      kind: 'set-output',
      name: o.name,
      output: { value: toJSON(value) as JsonObject[string], sensitive: sensitive || o.sensitive },
    });
  }
  for (const name of [...session.state.outputs.keys()]) {
    if (input.plan.mode === 'destroy' || !module.outputs.has(name))
      await session.record({ kind: 'remove-output', name });
  }
  return diags;
}
