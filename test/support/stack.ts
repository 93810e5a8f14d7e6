import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ApplyRunOptions, type PlanRunOptions, runApply, runPlan } from '../../engine/apply/index.js';
import { loadModule, resolveVariables, type VariableInputs } from '../../engine/config/index.js';
import type { PlanOptions, RefreshMode } from '../../engine/plan/index.js';
import { LocalBackend, readState } from '../../engine/state/index.js';
import { tempDir, testProviders } from './engine.js';
import { createTestProvider, type TestBehaviour, type TestProvider } from './provider.js';

// A configuration folder with a local state and the test provider: plan and apply it as the CLI would.

/** A stack under test. */
export class Stack {
  readonly dir: string;
  readonly provider: TestProvider;
  readonly backend: LocalBackend;

  constructor(hcl: string, opts: { cloudFile?: string; behaviour?: TestBehaviour } = {}) {
    this.dir = tempDir({ 'main.hcl': hcl });
    this.provider = createTestProvider({
      ...(opts.cloudFile ? { file: opts.cloudFile } : {}),
      ...(opts.behaviour ? { behaviour: opts.behaviour } : {}),
    });
    this.backend = new LocalBackend({ dir: this.dir });
  }

  /** Replaces the configuration. */
  write(hcl: string): void {
    writeFileSync(join(this.dir, 'main.hcl'), hcl);
  }

  private async inputs(vars: VariableInputs = {}) {
    const loaded = loadModule(this.dir);
    if (loaded.diagnostics.length > 0) throw new Error(loaded.diagnostics.map((d) => d.summary).join('; '));
    const v = resolveVariables(loaded.module, vars);
    return {
      module: loaded.module,
      variables: v.values,
      backend: this.backend,
      providers: await testProviders(this.provider),
    };
  }

  /** Plans without changing anything (and without locking, unless `extra` asks for the lock). */
  async plan(options: PlanOptions = {}, refresh: RefreshMode = true, extra: Partial<PlanRunOptions> = {}) {
    return runPlan({ ...(await this.inputs()), options, refresh, ...extra });
  }

  /** Plans and applies (or applies the given plan). */
  async apply(options: PlanOptions = {}, extra: Partial<ApplyRunOptions> = {}) {
    return runApply({ ...(await this.inputs()), options, ...extra });
  }

  /** The stored state. */
  state() {
    return readState(this.backend);
  }

  /** Live resources of the test cloud by name. */
  live(): Map<string, Record<string, unknown>> {
    return new Map(this.provider.cloud.all().map(([, r]) => [String(r.attrs.name), r.attrs]));
  }

  /** Recorded calls of one operation, as addresses. */
  calls(op: string): string[] {
    return this.provider.calls.filter((c) => c.op === op).map((c) => c.address);
  }
}
