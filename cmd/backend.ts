import { loadModule, type Module } from '../engine/config/index.js';
import { type Diagnostic, hasErrors } from '../engine/diag/index.js';
import {
  type Backend,
  configureBackend,
  DEFAULT_WORKSPACE,
  type OpenedBackendKind,
  selectedWorkspace,
} from '../engine/state/index.js';
import type { WorkspaceArgs } from './commands/options.js';
import { type Fail, failer, printDiagnostics, type ReportDiagnostics } from './handlers/report.js';

// The state backend every state-touching command uses: the `backend` block of the configuration
// (local when there is none) and the selected workspace.

/** The configured backend kind of a folder, and the workspace selected in it. */
export interface StateTarget {
  readonly kind: OpenedBackendKind;
  readonly workspace: string;
  readonly backend: Backend;
}

// Problems found inside the runform block: the ones that matter to a command that only needs the backend.
function inRunformBlock(m: Module, d: Diagnostic): boolean {
  const r = m.runform?.range;
  if (!r || !d.range || d.range.filename !== r.filename) return false;
  return d.range.start.line >= r.start.line && d.range.start.line <= r.end.line;
}

/**
 * Decodes the backend of `dir` and opens the selected workspace; prints what is wrong and
 * returns undefined on any problem. `module` is the already loaded configuration, when the
 * caller printed its diagnostics itself; otherwise only problems in the runform block count.
 */
export async function openStateTarget(
  dir: string,
  args: WorkspaceArgs & { color?: boolean },
  module?: Module,
  report: ReportDiagnostics = (diags, sources) => printDiagnostics(diags, sources, args.color === false),
  fail: Fail = failer(),
): Promise<StateTarget | undefined> {
  const diags: Diagnostic[] = [];
  let m = module;
  if (!m) {
    const loaded = loadModule(dir);
    m = loaded.module;
    // A folder that cannot be read counts too: the state of a folder that is not there is no one's.
    diags.push(
      ...loaded.diagnostics.filter(
        (d) => d.summary === 'Cannot read the configuration folder' || inRunformBlock(loaded.module, d),
      ),
    );
  }
  const kind = hasErrors(diags) ? undefined : configureBackend(m.runform?.backend, { dir, env: process.env }, diags);
  if (!kind) {
    report(diags, m.sources);
    return undefined;
  }
  try {
    const { name, source } = selectedWorkspace(dir, args.workspace, process.env);
    if (name !== DEFAULT_WORKSPACE && kind.workspaces && !(await kind.workspaces.list()).includes(name)) {
      const from =
        source === 'option' ? '--workspace' : source === 'environment' ? 'RUNFORM_WORKSPACE' : 'the selection';
      throw new Error(
        `workspace "${name}" (from ${from}) does not exist in the ${kind.kind} backend. Create it with: runform workspace new ${name}`,
      );
    }
    return { kind, workspace: name, backend: kind.open(name) };
  } catch (e) {
    fail('Cannot open the state', e instanceof Error ? e.message : String(e));
    return undefined;
  }
}
