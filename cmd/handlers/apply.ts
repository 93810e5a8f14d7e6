import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { type ApplyRunResult, runApply } from '../../engine/apply/index.js';
import { error, hasErrors, warning } from '../../engine/diag/index.js';
import { checkPlanFile, loadPlanFile, type Plan } from '../../engine/plan/index.js';
import { type Backend, readState } from '../../engine/state/index.js';
import type { Logger } from '../../providers/provider.js';
import type { ApplyArgs } from '../commands/options.js';
import { progressIntervalMs } from '../views/apply-words.js';
import { useColor } from '../views/color.js';
import type { JsonUi } from '../views/json-ui.js';
import { renderPlanText } from '../views/plan-text.js';
import { createProgressView } from '../views/progress.js';
import { onInterrupt } from './interrupts.js';
import { lockTimeoutOf } from './lock.js';
import { diagnosticReporter, jsonUiFor, prepare } from './plan.js';
import { type Fail, failer, type ReportDiagnostics } from './report.js';

// `runform apply [DIR|PLANFILE]`: plan and apply after a "yes" (or --auto-approve), or apply a
// saved plan exactly. The first SIGINT/SIGTERM stops gracefully; a second aborts in-flight calls.

const isFile = (p: string) => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * Asks for "yes" on the terminal. An interrupt (`stop`) or the end of the input while waiting is a
 * "no", so the command ends and releases the lock instead of waiting on.
 */
async function confirm(plan: Plan, color: boolean, stop: AbortSignal): Promise<boolean> {
  process.stdout.write(renderPlanText(plan, color));
  process.stdout.write('\nDo you want to perform these actions? Only "yes" will be accepted.\n  Enter a value: ');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  try {
    const answer = await new Promise<string | undefined>((resolve) => {
      rl.once('close', () => resolve(undefined));
      rl.question('', { signal: stop }).then(resolve, () => resolve(undefined));
    });
    if (answer === undefined) process.stdout.write('\n');
    return answer?.trim() === 'yes';
  } finally {
    rl.close();
  }
}

/** Installs the two-stage interrupt handlers; returns the signals and a function that ends them. */
function interrupts(say: (text: string) => void): {
  stop: AbortController;
  abort: AbortController;
  dispose: () => void;
} {
  const stop = new AbortController();
  const abort = new AbortController();
  const onSignal = () => {
    if (!stop.signal.aborted) {
      say('Stopping: no new changes will start; waiting for those in progress (interrupt again to abort them).');
      stop.abort();
    } else if (!abort.signal.aborted) {
      say('Aborting the changes in progress.');
      abort.abort();
    }
  };
  return { stop, abort, dispose: onInterrupt(onSignal) };
}

/**
 * Where providers' notes go during an apply: a warning on stderr (a JSON diagnostic under --json),
 * such as the steps a connection created in PENDING_HANDSHAKE still needs.
 */
function providerLog(ui: JsonUi | undefined): Logger {
  return {
    debug: () => {},
    info: () => {},
    warn: (message) => {
      if (ui) ui.diagnostic(warning('Provider warning', undefined, message));
      else process.stderr.write(`Warning: ${message}\n`);
    },
  };
}

/** Plans (unless given a plan file), confirms and applies; destroy calls it with `destroy` set. */
export async function applyHandler(args: ApplyArgs): Promise<void> {
  const ui = jsonUiFor(args);
  const report = diagnosticReporter(args, ui);
  const fail = failer(ui);
  try {
    await applyWith(args, ui, report, fail);
  } finally {
    ui?.close();
  }
}

async function applyWith(
  args: ApplyArgs,
  ui: JsonUi | undefined,
  report: ReportDiagnostics,
  fail: Fail,
): Promise<void> {
  const lockTimeoutMs = lockTimeoutOf(args, fail);
  if (lockTimeoutMs === undefined) return;
  const given = args.source ?? '.';
  const planFile = isFile(given) ? resolve(given) : undefined;
  const dir = planFile ? process.cwd() : resolve(given);
  const color = args.color !== false && useColor(process.stdout);
  const f = planFile ? loadPlanFile(planFile) : undefined;
  // Variables a saved plan carries need not be given again (sensitive ones excepted).
  const carried = new Set(
    Object.entries(f?.file?.variables ?? {})
      .filter(([, v]) => 'value' in v)
      .map(([k]) => k),
  );
  const prep = await prepare(dir, args, carried, report, fail);
  if (!prep) {
    process.exitCode = 1;
    return;
  }
  let variables = prep.variables;
  let plan: Plan | undefined;
  if (f) {
    const checked = f.file ? checkPlanFile(f.file, prep.module, prep.variables) : undefined;
    const diags = [...f.diagnostics, ...(checked?.diagnostics ?? [])];
    report(diags, prep.module.sources);
    if (!f.file || !checked || hasErrors(diags)) {
      process.exitCode = 1;
      return;
    }
    variables = checked.variables;
    plan = f.file.plan;
  } else if (!args['auto-approve'] && (ui || !process.stdin.isTTY)) {
    const why = ui ? 'with --json there is no prompt' : 'the input is not a terminal';
    fail(
      'Confirmation required',
      `${args.destroy ? 'destroy' : 'apply'} needs confirmation, but ${why}. Run with --auto-approve${args.destroy ? '' : ', or apply a saved plan file'}.`,
    );
    return;
  }
  // The outputs before the apply, against which --json reports the planned output changes.
  const before = ui && !plan ? await readState(prep.backend).catch(() => undefined) : undefined;
  const sig = interrupts((text) =>
    ui ? ui.diagnostic(warning('Interrupted', undefined, text)) : process.stderr.write(`\n${text}\n`),
  );
  const progress = ui
    ? undefined
    : createProgressView(process.stdout, {
        color: args.color !== false && useColor(process.stdout),
        intervalMs: progressIntervalMs(),
      });
  // The interrupt handlers stay until the outcome is reported and the exit code chosen.
  try {
    let r: ApplyRunResult;
    try {
      r = await runApply({
        ...prep,
        variables,
        ...(plan ? { plan } : {}),
        parallelism: args.parallelism ?? 32,
        log: providerLog(ui),
        lockTimeoutMs,
        stop: sig.stop.signal,
        abort: sig.abort.signal,
        ...(plan
          ? {}
          : {
              approve: async (p: Plan) => {
                if (ui) ui.plan(p, before);
                else if (!args['auto-approve']) return confirm(p, color, sig.stop.signal);
                else process.stdout.write(renderPlanText(p, color));
                return true;
              },
            }),
        onEvent: (e) => (ui ? ui.applyEvent(e) : progress?.onEvent(e)),
      });
    } finally {
      progress?.close();
    }
    await reportOutcome(r, args, ui, prep.backend, () => report(r.diagnostics, prep.module.sources));
  } finally {
    sig.dispose();
  }
}

/** Reports how an apply ended and chooses the exit code. */
async function reportOutcome(
  r: ApplyRunResult,
  args: ApplyArgs,
  ui: JsonUi | undefined,
  backend: Backend,
  reportDiagnostics: () => void,
): Promise<void> {
  reportDiagnostics();
  if (r.cancelled) {
    const what = args.destroy ? 'Destroy' : 'Apply';
    if (ui) ui.diagnostic(error(`${what} cancelled`, undefined, `${what} cancelled.`));
    else process.stderr.write(`${what} cancelled.\n`);
    process.exitCode = 1;
    return;
  }
  if (!r.result?.ok || hasErrors(r.diagnostics)) {
    process.exitCode = 1;
    return;
  }
  if (ui) {
    ui.changeSummary(ui.applied, args.destroy ? 'destroy' : 'apply');
    const after = await readState(backend).catch(() => undefined);
    if (after) ui.outputs(after.outputs);
    process.exitCode = 0;
    return;
  }
  process.stdout.write(`\n${args.destroy ? 'Destroy' : 'Apply'} complete: ${r.result.applied} change(s) made.\n`);
  process.exitCode = 0;
}
