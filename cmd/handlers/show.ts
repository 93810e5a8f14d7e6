import { resolve } from 'node:path';
import { hasErrors } from '../../engine/diag/index.js';
import { loadPlanFile, type PlanFile } from '../../engine/plan/index.js';
import { type JsonValue, readState, type State } from '../../engine/state/index.js';
import { openStateTarget } from '../backend.js';
import type { WorkspaceArgs } from '../commands/options.js';
import { runformVersion } from '../version.js';
import { useColor } from '../views/color.js';
import { type PlanJSONContext, planJSON, stateJSON } from '../views/plan-json.js';
import { renderPlanText } from '../views/plan-text.js';
import { renderInstanceText } from '../views/state-text.js';
import { printDiagnostics } from './report.js';

// `runform show [PLANFILE]`: a saved plan as plan prints it, or without a file the current state.

export interface ShowArgs extends WorkspaceArgs {
  planfile?: string;
  color?: boolean;
  json?: boolean;
}

/** Every instance, then deposed objects waiting to be deleted, then the outputs (sensitive ones hidden). */
function stateText(s: State): string {
  const addrs = [...s.instances()].map(([a]) => a).sort();
  const deposed = [...s.deposedObjects()].map(([a, key]) => renderInstanceText(s, a, key));
  if (addrs.length === 0 && deposed.length === 0 && s.outputs.size === 0) return 'The state is empty.\n';
  let out = [...addrs.map((a) => renderInstanceText(s, a)), ...deposed].join('\n');
  if (s.outputs.size > 0) {
    out += '\nOutputs:\n\n';
    for (const n of [...s.outputs.keys()].sort()) {
      const o = s.outputs.get(n);
      if (o) out += `${n} = ${o.sensitive ? '(sensitive value)' : JSON.stringify(o.value, null, 2)}\n`;
    }
  }
  return out;
}

/** The version, the variables and, when the folder's state is still the one planned against, that state. */
async function planContext(f: PlanFile, args: ShowArgs): Promise<PlanJSONContext> {
  const variables: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(f.variables)) if ('value' in v) variables[k] = v.value as JsonValue;
  const target = await openStateTarget(process.cwd(), args);
  const state = target ? await readState(target.backend).catch(() => undefined) : undefined;
  const same = state && state.lineage === f.plan.prior.lineage && state.serial === f.plan.prior.serial;
  return { version: runformVersion(), variables, ...(same ? { prior: state } : {}) };
}

/** Runs `runform show`. */
export async function showHandler(args: ShowArgs): Promise<void> {
  const json = (doc: unknown) => process.stdout.write(`${JSON.stringify(doc)}\n`);
  if (args.planfile !== undefined) {
    const f = loadPlanFile(resolve(args.planfile));
    printDiagnostics(f.diagnostics, new Map(), args.color === false);
    if (!f.file || hasErrors(f.diagnostics)) {
      process.exitCode = 1;
      return;
    }
    if (args.json) json(planJSON(f.file.plan, await planContext(f.file, args)));
    else process.stdout.write(renderPlanText(f.file.plan, args.color !== false && useColor(process.stdout)));
    process.exitCode = 0;
    return;
  }
  const target = await openStateTarget(process.cwd(), args);
  if (!target) {
    process.exitCode = 1;
    return;
  }
  try {
    const state = await readState(target.backend);
    if (args.json) json(stateJSON(state, runformVersion()));
    else process.stdout.write(stateText(state));
    process.exitCode = 0;
  } catch (e) {
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
