import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModule, type Module, resolveVariables } from '../../engine/config/index.js';
import type { Diagnostic } from '../../engine/diag/index.js';
import { type PlanOptions, plan, type Refreshed, schemaLookup } from '../../engine/plan/index.js';
import { State } from '../../engine/state/index.js';
import type { ConfiguredProvider, OpContext } from '../../providers/provider.js';
import { createTestProvider, type TestProvider } from './provider.js';

// Helpers for engine tests: configurations in temporary folders, and the pure planner run over them.

/** Writes files into a fresh temporary folder and returns its path. */
export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'runform-engine-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Loads a configuration written as one main.hcl, failing the test on any load diagnostic. */
export function moduleOf(hcl: string): Module {
  const r = loadModule(tempDir({ 'main.hcl': hcl }));
  if (r.diagnostics.length > 0) throw new Error(r.diagnostics.map((d) => d.summary).join('; '));
  return r.module;
}

/** The test provider, configured, as the engine holds providers (by key). */
export async function testProviders(p: TestProvider = createTestProvider()): Promise<Map<string, ConfiguredProvider>> {
  return new Map([['test', await p.configure({ values: {} }, new AbortController().signal)]]);
}

/** One-line forms of diagnostics, for assertions. */
export function lines(diags: readonly Diagnostic[]): string[] {
  return diags.map(
    (d) => `${d.range ? `${d.range.filename}:${d.range.start.line}:${d.range.start.column}: ` : ''}${d.summary}`,
  );
}

/** Runs the pure planner over a configuration and a state with the test provider's schemas. */
export async function planOf(
  hcl: string | Module,
  state: State = new State(),
  options: PlanOptions = {},
  refreshed?: Refreshed,
) {
  const module = typeof hcl === 'string' ? moduleOf(hcl) : hcl;
  const vars = resolveVariables(module, {});
  const schemas = schemaLookup(await testProviders());
  const r = plan({ module, variables: vars.values, state, schemas, options, ...(refreshed ? { refreshed } : {}) });
  const byAddr = new Map(r.plan.changes.map((c) => [c.address, c]));
  return { ...r, byAddr, diagnostics: [...vars.diagnostics, ...r.diagnostics] };
}

/** A provider call context for creating resources directly in the test cloud (outside any plan). */
export function directContext(address = 'outside'): OpContext {
  return {
    signal: new AbortController().signal,
    address,
    progress: () => {},
    timeouts: { create: 1000, update: 1000, delete: 1000 },
    log: { debug() {}, info() {}, warn() {} },
  };
}
