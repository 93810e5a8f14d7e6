import type { JsonObject, Logger, ProgressEvent, ResourceType } from '../../providers/provider.js';
import { configAddr, type InstanceAddr } from '../addrs/index.js';
import type { Module } from '../config/index.js';
import { type Diagnostic, error } from '../diag/index.js';
import { type Evaluator, evalResourceBody, resourceTimeouts, toPlanned } from '../eval/index.js';
import {
  type AttrPath,
  type Change,
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
import type { ApplyEvent, InstanceId, Recorder } from './apply.js';
import type { NodeKind } from './graph.js';
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
}

const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));
const fail = (summary: string, detail: string, address: string): never => {
  throw new ApplyFailure({ ...error(summary, undefined, detail), address });
};

/** Runs the provider calls of changes and records their outcomes. */
export class Operations {
  constructor(private readonly ctx: OperationsContext) {}

  /** Performs the apply or destroy half of a change. */
  async run(change: Change, kind: NodeKind): Promise<void> {
    const start = performance.now();
    const action = kind === 'destroy' ? 'destroy' : change.action;
    const address = change.address;
    // The object acted upon already exists for a delete or an update, not for a create.
    const before =
      'before' in change && (kind === 'destroy' || change.action === 'update') ? instanceId(change.before) : undefined;
    this.ctx.onEvent?.({ kind: 'start', address, action, ...(before ? { id: before } : {}) });
    try {
      if (kind === 'destroy') await this.destroy(change);
      else await this.applyHalf(change);
      const o = kind === 'destroy' ? undefined : this.ctx.session.state.instance(address as InstanceAddr);
      const id = o ? instanceId({ value: o.attributes, sensitivePaths: o.sensitivePaths }) : before;
      this.ctx.onEvent?.({ kind: 'done', address, action, ms: performance.now() - start, ...(id ? { id } : {}) });
    } catch (e) {
      this.ctx.onEvent?.({ kind: 'failed', address, action, ms: performance.now() - start, message: msg(e) });
      throw e;
    }
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

  private async destroy(change: Change): Promise<void> {
    if (change.action !== 'delete' && change.action !== 'replace') return;
    const type = this.resourceType(change);
    try {
      await type.delete({ prior: change.before.value }, this.context(change, type, 'destroy'));
    } catch (e) {
      fail(`Failed to delete ${change.address}`, msg(e), change.address);
    }
    // A create-before-destroy replacement already recorded the new object at this address.
    if (change.action === 'replace' && change.createBeforeDestroy) return;
    await this.ctx.session.record({ kind: 'remove-instance', addr: change.address as InstanceAddr });
    if (change.action === 'delete') this.ctx.live.remove(change.address);
  }

  private async applyHalf(change: Change): Promise<void> {
    switch (change.action) {
      case 'create':
      case 'replace':
        return this.create(change);
      case 'update':
        return this.update(change);
      case 'read':
        return this.read(change);
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

  private async create(change: Change & { action: 'create' | 'replace' }): Promise<void> {
    const type = this.resourceType(change);
    const info: SchemaInfo = { schema: type.schema, ...(type.normalizers ? { normalizers: type.normalizers } : {}) };
    const args = this.args(change, info);
    this.checkAgainstPlan(change, args.value, info);
    const provider = stateProviderOf(change.provider);
    const base = { sensitivePaths: args.sensitivePaths, dependencies: change.dependencies as never[] };
    // Recorded before the call, so that a crash during it leaves a record the next run reconciles.
    await this.ctx.session.record({
      kind: 'set-instance',
      addr: change.address as InstanceAddr,
      provider,
      instance: { ...base, attributes: args.value, status: 'pending', identity: args.value },
    });
    const ctx = this.context(change, type);
    let attrs: JsonObject;
    try {
      attrs = await type.create({ args: args.value }, ctx);
    } catch (e) {
      await this.afterFailedCreate(change, type, args.value, provider, base);
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

  /** A failed create may have left a resource behind: keep it as tainted (replaced next time), else drop the record. */
  private async afterFailedCreate(
    change: Change,
    type: ResourceType,
    args: JsonObject,
    provider: string,
    base: { sensitivePaths: readonly AttrPath[]; dependencies: never[] },
  ): Promise<void> {
    let found: JsonObject | undefined;
    if (!this.ctx.signal.aborted) {
      const ctl = AbortSignal.timeout(60_000);
      found = await type
        .findExisting({ args }, opContext(change.address, type.schema, ctl, this.ctx.log))
        .catch(() => undefined);
    }
    const addr = change.address as InstanceAddr;
    if (found) {
      await this.ctx.session.record({
        kind: 'set-instance',
        addr,
        provider,
        instance: { ...base, attributes: found, status: 'tainted' },
      });
    } else if (!this.ctx.signal.aborted) {
      await this.ctx.session.record({ kind: 'remove-instance', addr });
    }
  }

  private async update(change: Change & { action: 'update' }): Promise<void> {
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
      attrs = await type.update({ args: args.value, prior, changed }, this.context(change, type));
    } catch (e) {
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

  private async read(change: Change & { action: 'read' }): Promise<void> {
    const ds = providerFor(this.ctx.providers, change.provider)?.dataSources[change.type];
    if (!ds) return fail('Unknown data source type', `No provider offers ${change.type}.`, change.address);
    const args = this.args(change, { schema: ds.schema });
    try {
      const attrs = await ds.read(
        { args: args.value },
        opContext(change.address, ds.schema, this.ctx.signal, this.ctx.log),
      );
      this.ctx.live.setJSON(change.address, { value: attrs, unknownPaths: [], sensitivePaths: args.sensitivePaths });
    } catch (e) {
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
