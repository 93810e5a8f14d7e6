import type { JsonObject, Logger, ProgressEvent, ResourceType } from '../../providers/provider.js';
import { configAddr, type InstanceAddr } from '../addrs/index.js';
import type { Module } from '../config/index.js';
import { type Diagnostic, error } from '../diag/index.js';
import { type Evaluator, evalResourceBody, resourceTimeouts, toPlanned } from '../eval/index.js';
import {
  type AttrPath,
  type Change,
  changeId,
  differences,
  getPath,
  ignorePathsOf,
  mergePaths,
  opContext,
  type PlannedValue,
  type ProviderSet,
  providerFor,
  type SchemaInfo,
  schemaSensitivePaths,
  setPath,
  stateProviderOf,
  withDefaults,
} from '../plan/index.js';
import { newDeposedKey } from '../state/index.js';
import type { ApplyEvent, InstanceId, Recorder } from './apply.js';
import type { NodeKind } from './graph.js';
import { type CallLimiter, NotStarted } from './limiter.js';
import type { LiveValues } from './values.js';

// One change at a time: evaluate the instance's arguments again with what is now known, call the
// provider, check the result against the plan, and record the outcome durably.

/** A failure that already has its diagnostic. */
export class ApplyFailure extends Error {
  constructor(readonly diagnostic: Diagnostic) {
    super(diagnostic.summary);
  }
}

/** What the operations need from the applier. */
export interface OperationsContext {
  readonly module: Module;
  readonly providers: ProviderSet;
  readonly session: Recorder;
  readonly live: LiveValues;
  readonly newEvaluator: () => Evaluator;
  /** Aborts in-flight provider calls (the hard abort). */
  readonly signal: AbortSignal;
  readonly log: Logger;
  readonly onEvent?: (e: ApplyEvent) => void;
  /** The bound on concurrent provider calls. */
  readonly calls: CallLimiter;
}

/** Marks the start of a change half: called when its first provider call gets a slot. */
type Begin = () => void;

const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));
const fail = (summary: string, detail: string, address: string): never => {
  throw new ApplyFailure({ ...error(summary, undefined, detail), address });
};

/** Runs the provider calls of changes and records their outcomes. */
export class Operations {
  /** The deposed key under which each create-before-destroy replacement put its old object aside. */
  private readonly deposedKeys = new Map<string, string>();

  constructor(private readonly ctx: OperationsContext) {}

  /** Performs the apply or destroy half of a change. */
  async run(change: Change, kind: NodeKind): Promise<void> {
    let start: number | undefined;
    const action = kind === 'destroy' ? 'destroy' : change.action;
    const address = changeId(change);
    // The object acted upon already exists for a delete or an update, not for a create.
    const before =
      'before' in change && (kind === 'destroy' || change.action === 'update') ? instanceId(change.before) : undefined;
    const begin = () => {
      if (start !== undefined) return;
      start = performance.now();
      this.ctx.onEvent?.({ kind: 'start', address, action, ...(before ? { id: before } : {}) });
    };
    try {
      if (kind === 'destroy') await this.destroy(change, begin);
      else await this.applyHalf(change, begin);
      begin();
      const o = kind === 'destroy' ? undefined : this.ctx.session.state.instance(change.address as InstanceAddr);
      const id = o ? instanceId({ value: o.attributes, sensitivePaths: o.sensitivePaths }) : before;
      this.ctx.onEvent?.({ kind: 'done', address, action, ms: performance.now() - start!, ...(id ? { id } : {}) });
    } catch (e) {
      if (e instanceof NotStarted) throw e;
      begin();
      this.ctx.onEvent?.({ kind: 'failed', address, action, ms: performance.now() - start!, message: msg(e) });
      throw e;
    }
  }

  /** A provider call, within the bound on concurrent calls. */
  private call<T>(begin: Begin, f: () => Promise<T>): Promise<T> {
    return this.ctx.calls.run(() => {
      begin();
      return f();
    });
  }

  /** The call context, with the resource's own `timeouts` over the schema defaults. */
  private context(change: Change, type: ResourceType, kind: NodeKind = 'apply') {
    const decl = this.ctx.module.resources.get(configAddr(change.address as InstanceAddr));
    const t = decl?.timeouts ? resourceTimeouts(decl, this.ctx.newEvaluator()).timeouts : {};
    const onEvent = this.ctx.onEvent;
    const action = kind === 'destroy' ? 'destroy' : change.action;
    const progress = onEvent
      ? (p: ProgressEvent) => onEvent({ kind: 'progress', address: change.address, action, progress: p })
      : undefined;
    return opContext(change.address, type.schema, this.ctx.signal, this.ctx.log, t, progress);
  }

  private resourceType(change: Change): ResourceType {
    const t = providerFor(this.ctx.providers, change.provider)?.resources[change.type];
    if (!t) fail('Unknown resource type', `No provider "${change.provider}" offers ${change.type}.`, change.address);
    return t!;
  }

  private async destroy(change: Change, begin: Begin): Promise<void> {
    if (change.action !== 'delete' && change.action !== 'replace') return;
    const type = this.resourceType(change);
    try {
      await this.call(begin, () => type.delete({ prior: change.before.value }, this.context(change, type, 'destroy')));
    } catch (e) {
      if (e instanceof NotStarted) throw e;
      fail(`Failed to delete ${changeId(change)}`, msg(e), change.address);
    }
    const addr = change.address as InstanceAddr;
    // The old object of a create-before-destroy replacement was put aside as deposed (the new one
    // holds the address); a deposed object left by an earlier run is one too.
    if (change.action === 'replace' && change.createBeforeDestroy) {
      const deposed = this.deposedKeys.get(change.address);
      if (deposed !== undefined) await this.ctx.session.record({ kind: 'remove-deposed', addr, deposed });
      return;
    }
    if (change.action === 'delete' && change.deposed !== undefined) {
      await this.ctx.session.record({ kind: 'remove-deposed', addr, deposed: change.deposed });
      return;
    }
    await this.ctx.session.record({ kind: 'remove-instance', addr });
    if (change.action === 'delete') this.ctx.live.remove(change.address);
  }

  private async applyHalf(change: Change, begin: Begin): Promise<void> {
    switch (change.action) {
      case 'create':
      case 'replace':
        return this.create(change, begin);
      case 'update':
        return this.update(change, begin);
      case 'read':
        return this.read(change, begin);
      case 'no-op':
      case 'delete':
        return;
    }
  }

  /** The instance's arguments evaluated again with the values now known; an unknown left is an error. */
  private args(change: Change, info: SchemaInfo): PlannedValue {
    const cfg = configAddr(change.address as InstanceAddr);
    const decl = this.ctx.module.resources.get(cfg);
    if (!decl) return fail('Configuration changed', `${cfg} is no longer in the configuration.`, change.address);
    const ev = this.ctx.newEvaluator();
    const names = this.ctx.live.instanceNames(change.address, ev);
    if (!names)
      return fail('Configuration changed', `${change.address} is no longer an instance of ${cfg}.`, change.address);
    const body = evalResourceBody(decl.config, info.schema, ev, names);
    const err = body.diagnostics.find((d) => d.severity === 'error');
    if (err) throw new ApplyFailure({ ...err, address: change.address });
    const p = toPlanned(body.value);
    if (p.unknownPaths.length > 0) {
      fail(
        'Value still unknown at apply',
        `${change.address}: ${p.unknownPaths.map((x) => x.join('.')).join(', ')} did not become known after the resources it depends on were applied.`,
        change.address,
      );
    }
    const value = withDefaults(p.value, info.schema);
    return {
      value,
      unknownPaths: [],
      sensitivePaths: mergePaths(p.sensitivePaths, schemaSensitivePaths(value, info.schema)),
    };
  }

  /** Refuses arguments that contradict what the plan said for a known value. */
  private checkAgainstPlan(change: Change, args: JsonObject, info: SchemaInfo): void {
    if (change.action !== 'create' && change.action !== 'update' && change.action !== 'replace') return;
    const planned = change.after;
    const unknown = new Set(planned.unknownPaths.map((p) => JSON.stringify(p)));
    const under = (p: AttrPath) => planned.unknownPaths.some((u) => u.every((s, i) => p[i] === s));
    const redacted = planned.sensitivePaths;
    const diffs = differences(args, planned.value, info, unknown, Object.keys(args)).filter(
      (p) => !under(p) && !redacted.some((r) => r.every((s, i) => p[i] === s) && isRedacted(planned.value, r)),
    );
    if (diffs.length > 0) {
      fail(
        'Arguments differ from the plan',
        `${change.address}: ${diffs.map((p) => p.join('.')).join(', ')} evaluated to a different value than planned. Plan again.`,
        change.address,
      );
    }
  }

  private async create(change: Change & { action: 'create' | 'replace' }, begin: Begin): Promise<void> {
    const type = this.resourceType(change);
    const info: SchemaInfo = { schema: type.schema, ...(type.normalizers ? { normalizers: type.normalizers } : {}) };
    const args = this.args(change, info);
    this.checkAgainstPlan(change, args.value, info);
    const provider = stateProviderOf(change.provider);
    const base = { sensitivePaths: args.sensitivePaths, dependencies: change.dependencies as never[] };
    const addr = change.address as InstanceAddr;
    // Create-before-destroy: the old object is put aside as deposed first, so that whatever happens
    // from here on (a failed delete, a crash) it stays in the state until it is deleted.
    let deposed: string | undefined;
    if (change.action === 'replace' && change.createBeforeDestroy && this.ctx.session.state.instance(addr)) {
      const key = newDeposedKey();
      deposed = key;
      this.deposedKeys.set(change.address, key);
      await this.ctx.session.record({ kind: 'depose-instance', addr, deposed: key });
    }
    // Recorded before the call, so that a crash during it leaves a record the next run reconciles
    // (with findExisting, which needs only the identifying arguments).
    const identity = identityOf(args.value, type.identityArgs);
    await this.ctx.session.record({
      kind: 'set-instance',
      addr,
      provider,
      // Every sensitive path of the arguments stays, even those outside the identity: an adopted
      // resource keeps what the configuration marked sensitive.
      instance: { ...base, attributes: identity, status: 'pending', identity },
    });
    const ctx = this.context(change, type);
    let attrs: JsonObject;
    try {
      attrs = await this.call(begin, () => type.create({ args: args.value }, ctx));
    } catch (e) {
      if (e instanceof NotStarted) {
        // Never created: nothing is left for the next run to reconcile.
        await this.forgetPending(change, deposed);
        throw e;
      }
      await this.afterFailedCreate(change, type, args.value, provider, base, deposed);
      return fail(`Failed to create ${change.address}`, msg(e), change.address);
    }
    const sensitivePaths = mergePaths(args.sensitivePaths, schemaSensitivePaths(attrs, type.schema));
    await this.ctx.session.record({
      kind: 'set-instance',
      addr: change.address as InstanceAddr,
      provider,
      instance: { ...base, attributes: attrs, sensitivePaths },
    });
    this.ctx.live.setJSON(change.address, { value: attrs, unknownPaths: [], sensitivePaths });
    this.checkResult(change.address, args.value, attrs, info);
  }

  /**
   * A failed create may have left a resource behind. Found: it is kept as tainted (replaced next
   * time). Surely absent: the record is dropped, and a deposed old object becomes current again.
   * Unknown (aborted, or the search failed): the pending record stays for the next run to reconcile.
   */
  private async afterFailedCreate(
    change: Change,
    type: ResourceType,
    args: JsonObject,
    provider: string,
    base: { sensitivePaths: readonly AttrPath[]; dependencies: never[] },
    deposed: string | undefined,
  ): Promise<void> {
    if (this.ctx.signal.aborted) return;
    const addr = change.address as InstanceAddr;
    let found: JsonObject | undefined;
    try {
      const ctl = AbortSignal.timeout(60_000);
      found = await type.findExisting({ args }, opContext(change.address, type.schema, ctl, this.ctx.log));
    } catch (e) {
      this.ctx.log.warn(`${change.address}: cannot tell whether the failed create left a resource (${msg(e)})`);
      return;
    }
    if (found) {
      await this.ctx.session.record({
        kind: 'set-instance',
        addr,
        provider,
        instance: { ...base, attributes: found, status: 'tainted' },
      });
      return;
    }
    await this.forgetPending(change, deposed);
  }

  /** Drops the pending record of a create that made nothing; a deposed old object is current again. */
  private async forgetPending(change: Change, deposed: string | undefined): Promise<void> {
    const addr = change.address as InstanceAddr;
    await this.ctx.session.record({ kind: 'remove-instance', addr });
    if (deposed !== undefined) {
      await this.ctx.session.record({ kind: 'restore-deposed', addr, deposed });
      this.deposedKeys.delete(change.address);
    }
  }

  private async update(change: Change & { action: 'update' }, begin: Begin): Promise<void> {
    const type = this.resourceType(change);
    const info: SchemaInfo = { schema: type.schema, ...(type.normalizers ? { normalizers: type.normalizers } : {}) };
    let args = this.args(change, info);
    const prior = change.before.value;
    const decl = this.ctx.module.resources.get(configAddr(change.address as InstanceAddr))!;
    const ignore = ignorePathsOf(decl, prior, args.value);
    for (const p of ignore) args = { ...args, value: setPath(args.value, p, getPath(prior, p)) };
    this.checkAgainstPlan(change, args.value, info);
    const changed = [
      ...new Set(differences(args.value, prior, info, new Set(), Object.keys(args.value)).map((p) => String(p[0]))),
    ];
    let attrs: JsonObject;
    try {
      attrs = await this.call(begin, () =>
        type.update({ args: args.value, prior, changed }, this.context(change, type)),
      );
    } catch (e) {
      if (e instanceof NotStarted) throw e;
      return fail(`Failed to update ${change.address}`, msg(e), change.address);
    }
    const sensitivePaths = mergePaths(args.sensitivePaths, schemaSensitivePaths(attrs, type.schema));
    const cur = this.ctx.session.state.instance(change.address as InstanceAddr);
    await this.ctx.session.record({
      kind: 'set-instance',
      addr: change.address as InstanceAddr,
      provider: stateProviderOf(change.provider),
      instance: {
        attributes: attrs,
        sensitivePaths,
        dependencies: (change.dependencies as never[]) ?? cur?.dependencies ?? [],
      },
    });
    this.ctx.live.setJSON(change.address, { value: attrs, unknownPaths: [], sensitivePaths });
    this.checkResult(change.address, args.value, attrs, info);
  }

  private async read(change: Change & { action: 'read' }, begin: Begin): Promise<void> {
    const ds = providerFor(this.ctx.providers, change.provider)?.dataSources[change.type];
    if (!ds) return fail('Unknown data source type', `No provider offers ${change.type}.`, change.address);
    const args = this.args(change, { schema: ds.schema });
    try {
      const attrs = await this.call(begin, () =>
        ds.read({ args: args.value }, opContext(change.address, ds.schema, this.ctx.signal, this.ctx.log)),
      );
      this.ctx.live.setJSON(change.address, { value: attrs, unknownPaths: [], sensitivePaths: args.sensitivePaths });
    } catch (e) {
      if (e instanceof NotStarted) throw e;
      fail(`Failed to read ${change.address}`, msg(e), change.address);
    }
  }

  /** The provider must return what it was asked for (up to defaults and normalisation). */
  private checkResult(address: string, args: JsonObject, attrs: JsonObject, info: SchemaInfo): void {
    const diffs = differences(args, attrs, info, new Set(), Object.keys(args));
    if (diffs.length > 0) {
      fail(
        'Provider produced an inconsistent result',
        `${address}: ${diffs.map((p) => p.join('.')).join(', ')} came back different from the arguments sent. The result was saved in the state.`,
        address,
      );
    }
  }
}

/** The arguments named by `names` (all of them when no names are given). */
function identityOf(args: JsonObject, names: readonly string[] | undefined): JsonObject {
  if (!names) return args;
  const out: JsonObject = {};
  for (const n of names) if (n in args) out[n] = args[n]!;
  return out;
}

/** True when a sensitive value was kept out of a plan file (stored as null) and cannot be compared. */
function isRedacted(value: JsonObject, path: AttrPath): boolean {
  return getPath(value, path) === null;
}

/** The `arn` (else `id`) attribute when it is a string and not sensitive: what progress lines name an instance by. */
function instanceId(v: {
  readonly value: JsonObject;
  readonly sensitivePaths: readonly AttrPath[];
}): InstanceId | undefined {
  for (const key of ['arn', 'id']) {
    const value = v.value[key];
    if (typeof value !== 'string' || value === '') continue;
    if (v.sensitivePaths.some((p) => p.length === 0 || (p.length === 1 && p[0] === key))) return undefined;
    return { key, value };
  }
  return undefined;
}
