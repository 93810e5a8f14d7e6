import type { ApplyEvent, InstanceId } from '../../engine/apply/index.js';
import type { Diagnostic } from '../../engine/diag/index.js';
import { type Change, type Drift, type Plan, summarize } from '../../engine/plan/index.js';
import type { JsonValue, State } from '../../engine/state/index.js';
import { elapsedText, type HookAction, hookAction, idSuffix, wordsFor } from './apply-words.js';
import { diagnosticJSON } from './diagnostics.js';
import { addressParts, plannedOutput } from './plan-json.js';

// The machine-readable UI of `--json`: one JSON object per line, with the message types and
// field names of Terraform's machine-readable UI, so that tools reading that stream read ours.
// Every message carries @level, @message, @module, @timestamp and type. Values never appear in
// it except non-sensitive outputs, so no secret can leak through it.
//
// Use: `const ui = createJsonUi(process.stdout, { version })`, then `ui.version()` first, the
// messages of the run, and `ui.close()` at the end (it stops the progress timers). A read-only
// command such as drift needs only: `ui.version(); ui.diagnostics(diags); for (const d of
// plan.drift) ui.resourceDrift(d); ui.changeSummary(counts, 'plan')` (or `jsonUiFor(args)` in
// cmd/commands/plan.ts, which also sends the version message).

/** The version of this message format, sent in the `version` message as `ui`. */
export const JSON_UI_VERSION = '1.0';

/** Closed set of message levels. */
export type JsonLevel = 'info' | 'warn' | 'error';

/** Closed set of the operations a change_summary describes. */
export type SummaryOperation = 'plan' | 'apply' | 'destroy';

/** Counts for a change_summary: a replacement counts as one add and one remove. */
export interface ChangeCounts {
  add: number;
  change: number;
  import: number;
  remove: number;
}

/** The `resource` object that names an instance in planned_change, resource_drift and hooks. */
export function resourceJSON(address: string) {
  const p = addressParts(address);
  return {
    addr: address,
    module: '',
    resource: address,
    implied_provider: p.impliedProvider,
    resource_type: p.type,
    resource_name: p.name,
    resource_key: p.index ?? null,
  };
}

/** Where the lines go: anything with a write method (process.stdout, a test buffer). */
export interface LineSink {
  write(chunk: string): unknown;
}

/** Options of createJsonUi. */
export interface JsonUiOptions {
  /** The runform version the `version` message reports. */
  readonly version: string;
  /** How often an apply_progress is sent for a change still in flight (default 10 s). */
  readonly progressIntervalMs?: number;
  /** The clock (tests). */
  readonly now?: () => Date;
}

/** The emitter: one method per message type, plus helpers that send a whole plan or apply. */
export interface JsonUi {
  /** The first message of every stream. */
  version(): void;
  diagnostic(d: Diagnostic): void;
  diagnostics(ds: readonly Diagnostic[]): void;
  plannedChange(c: Change): void;
  /** A move (`moved` block): planned_change with action `move`. */
  plannedMove(from: string, to: string): void;
  /** An import (`import` block): planned_change with action `import`. */
  plannedImport(address: string, id: string): void;
  resourceDrift(d: Drift): void;
  changeSummary(counts: ChangeCounts, operation: SummaryOperation): void;
  /** A plan as a stream: drift, planned changes, the summary and the planned outputs. */
  plan(plan: Plan, prior?: State): void;
  /** Applier events as apply_start, apply_progress (on a timer), apply_complete and apply_errored. */
  applyEvent(e: ApplyEvent): void;
  /** What the applier events so far add up to, for the change_summary at the end of an apply. */
  readonly applied: ChangeCounts;
  /** The outputs after an apply (sensitive ones without their value). */
  outputs(outputs: ReadonlyMap<string, { readonly value: JsonValue; readonly sensitive: boolean }>): void;
  /** Stops the progress timers. */
  close(): void;
}

const PLAN_VERBS: Record<Exclude<Change['action'], 'no-op'>, string> = {
  create: 'create',
  update: 'update',
  replace: 'replace',
  delete: 'delete',
  read: 'read',
};

/** The reason names of the machine-readable UI (they differ from the JSON plan's for replacements). */
const UI_REASONS: Record<string, string | undefined> = {
  replace_because_cannot_update: 'cannot_update',
  replace_because_tainted: 'tainted',
  replace_by_request: 'requested',
  replace_by_triggers: 'replace_by_triggers',
  delete_because_no_resource_config: 'delete_because_no_resource_config',
  delete_because_count_index: 'delete_because_count_index',
  delete_because_each_key: 'delete_because_each_key',
  delete_because_destroy_mode: undefined,
  delete_because_deposed: undefined,
};

/** A JSON type name of an output value, as the outputs message reports it. */
function typeOf(v: JsonValue): string {
  if (v === null) return 'dynamic';
  if (Array.isArray(v)) return 'tuple';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/** Creates the emitter over a sink. */
export function createJsonUi(out: LineSink, opts: JsonUiOptions): JsonUi {
  const now = opts.now ?? (() => new Date());
  const interval = opts.progressIntervalMs ?? 10_000;
  const inFlight = new Map<string, { timer: NodeJS.Timeout; started: number }>();
  const applied: ChangeCounts = { add: 0, change: 0, import: 0, remove: 0 };

  const emit = (level: JsonLevel, message: string, type: string, fields: object = {}) => {
    const msg = {
      '@level': level,
      '@message': message,
      '@module': 'runform.ui',
      '@timestamp': now().toISOString(),
      ...fields,
      type,
    };
    out.write(`${JSON.stringify(msg)}\n`);
  };

  const hook = (address: string, action: HookAction, extra: object = {}) => ({
    hook: { resource: resourceJSON(address), action, ...extra },
  });
  const idFields = (id: InstanceId | undefined) => (id ? { id_key: id.key, id_value: id.value } : {});
  const key = (e: ApplyEvent) => `${e.address}#${e.action === 'destroy' ? 'destroy' : 'apply'}`;
  const stop = (k: string) => {
    const f = inFlight.get(k);
    if (f) clearInterval(f.timer);
    inFlight.delete(k);
  };

  const ui: JsonUi = {
    applied,
    version: () => emit('info', `runform ${opts.version}`, 'version', { runform: opts.version, ui: JSON_UI_VERSION }),
    diagnostic: (d) =>
      emit(
        d.severity === 'error' ? 'error' : 'warn',
        `${d.severity === 'error' ? 'Error' : 'Warning'}: ${d.summary}`,
        'diagnostic',
        {
          diagnostic: diagnosticJSON(d),
        },
      ),
    diagnostics: (ds) => {
      for (const d of ds) ui.diagnostic(d);
    },
    plannedChange: (c) => {
      if (c.action === 'no-op') return;
      const reason = c.action === 'replace' || c.action === 'delete' ? UI_REASONS[c.reason] : undefined;
      emit('info', `${c.address}: Plan to ${PLAN_VERBS[c.action]}`, 'planned_change', {
        change: { resource: resourceJSON(c.address), action: c.action, ...(reason ? { reason } : {}) },
      });
    },
    plannedMove: (from, to) =>
      emit('info', `${to}: Plan to move`, 'planned_change', {
        change: { resource: resourceJSON(to), previous_resource: resourceJSON(from), action: 'move' },
      }),
    plannedImport: (address, id) =>
      emit('info', `${address}: Plan to import`, 'planned_change', {
        change: { resource: resourceJSON(address), action: 'import', importing: { id } },
      }),
    resourceDrift: (d) => {
      const action = d.after ? 'update' : 'delete';
      emit('info', `${d.address}: Drift detected (${action})`, 'resource_drift', {
        change: { resource: resourceJSON(d.address), action },
      });
    },
    changeSummary: (counts, operation) => {
      const text =
        operation === 'plan'
          ? `Plan: ${counts.add} to add, ${counts.change} to change, ${counts.remove} to destroy.`
          : operation === 'destroy'
            ? `Destroy complete! Resources: ${counts.remove} destroyed.`
            : `Apply complete! Resources: ${counts.add} added, ${counts.change} changed, ${counts.remove} destroyed.`;
      emit(
        'info',
        counts.import > 0 ? text.replace(/^Plan: /, `Plan: ${counts.import} to import, `) : text,
        'change_summary',
        {
          changes: { ...counts, operation },
        },
      );
    },
    plan: (plan, prior) => {
      for (const d of plan.drift) ui.resourceDrift(d);
      for (const m of plan.moved) ui.plannedMove(m.from, m.to);
      for (const i of plan.imports) ui.plannedImport(i.address, i.id);
      for (const c of plan.changes) ui.plannedChange(c);
      const s = summarize(plan);
      ui.changeSummary(
        { add: s.add + s.replace, change: s.change, import: plan.imports.length, remove: s.destroy + s.replace },
        'plan',
      );
      const outputs: Record<string, object> = {};
      const names = new Set([...Object.keys(plan.outputs), ...(prior?.outputs.keys() ?? [])]);
      for (const name of [...names].sort()) {
        const raw = plan.mode === 'destroy' ? undefined : plan.outputs[name];
        const before = prior?.outputs.get(name);
        const o = raw ? plannedOutput(raw) : undefined;
        const action = !o
          ? 'delete'
          : !before
            ? 'create'
            : o.known && !o.sensitive && JSON.stringify(o.value) === JSON.stringify(before.value)
              ? 'noop'
              : 'update';
        if (action === 'noop') continue;
        outputs[name] = { sensitive: o?.sensitive ?? before?.sensitive ?? false, action };
      }
      if (Object.keys(outputs).length > 0)
        emit('info', `Outputs: ${Object.keys(outputs).length}`, 'outputs', { outputs });
    },
    applyEvent: (e) => {
      const action = hookAction(e.action);
      const w = wordsFor(action);
      const k = key(e);
      switch (e.kind) {
        case 'start': {
          const started = Date.now();
          stop(k);
          const timer = setInterval(() => {
            const elapsed = Date.now() - started;
            emit('info', `${e.address}: ${w.still} [${elapsedText(elapsed)} elapsed]`, 'apply_progress', {
              ...hook(e.address, action, { elapsed_seconds: Math.floor(elapsed / 1000) }),
            });
          }, interval);
          timer.unref();
          inFlight.set(k, { timer, started });
          emit(
            'info',
            `${e.address}: ${w.start}${idSuffix(e.id)}`,
            'apply_start',
            hook(e.address, action, idFields(e.id)),
          );
          return;
        }
        case 'progress':
          return;
        case 'done': {
          stop(k);
          if (action === 'create') applied.add++;
          else if (action === 'update') applied.change++;
          else if (action === 'delete') applied.remove++;
          emit(
            'info',
            `${e.address}: ${w.done} after ${elapsedText(e.ms)}${idSuffix(e.id)}`,
            'apply_complete',
            hook(e.address, action, { ...idFields(e.id), elapsed_seconds: Math.floor(e.ms / 1000) }),
          );
          return;
        }
        case 'failed':
          stop(k);
          emit(
            'error',
            `${e.address}: ${w.failed} after ${elapsedText(e.ms)}`,
            'apply_errored',
            hook(e.address, action, { elapsed_seconds: Math.floor(e.ms / 1000) }),
          );
          return;
      }
    },
    outputs: (outputs) => {
      const o: Record<string, object> = {};
      for (const [name, v] of [...outputs].sort(([a], [b]) => a.localeCompare(b)))
        o[name] = v.sensitive
          ? { sensitive: true, type: typeOf(v.value) }
          : { sensitive: false, type: typeOf(v.value), value: v.value };
      emit('info', `Outputs: ${outputs.size}`, 'outputs', { outputs: o });
    },
    close: () => {
      for (const k of [...inFlight.keys()]) stop(k);
    },
  };
  return ui;
}
