import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runPlan } from '../../engine/apply/index.js';
import {
  type CliVarArg,
  checkDeclarations,
  loadModule,
  type Module,
  type ProviderConfig,
  resolveVariables,
  type SchemaSet,
} from '../../engine/config/index.js';
import { error, hasErrors } from '../../engine/diag/index.js';
import { Evaluator, evalResourceBody, toPlanned } from '../../engine/eval/index.js';
import type { Value } from '../../engine/lang/index.js';
import {
  hasChanges,
  PlanFileError,
  type PlanMode,
  type PlanOptions,
  type ProviderSource,
  type RefreshMode,
  savePlanFile,
} from '../../engine/plan/index.js';
import { type Backend, readState } from '../../engine/state/index.js';
import type { ConfiguredProvider, Provider, ResourceSchema } from '../../providers/provider.js';
import { openStateTarget } from '../backend.js';
import type { LockTimeoutArgs, PlanArgs } from '../commands/options.js';
import { providerSchemas, SHIPPED_NAMES, shippedProviders } from '../providers.js';
import { runformVersion } from '../version.js';
import { progressIntervalMs } from '../views/apply-words.js';
import { useColor } from '../views/color.js';
import { createJsonUi, type JsonUi } from '../views/json-ui.js';
import { renderPlanMarkdown } from '../views/markdown.js';
import { renderPlanText } from '../views/plan-text.js';
import { onInterrupt } from './interrupts.js';
import { lockTimeoutOf } from './lock.js';
import { type Fail, failer, printDiagnostics, type ReportDiagnostics } from './report.js';

// `runform plan [DIR]`: refresh, plan, print the plan (and optionally save it to a file).

/** `--var` and `--var-file` in the order they were written (yargs keeps each kind apart). */
export function cliVarArgs(raw: readonly string[]): CliVarArg[] {
  const out: CliVarArg[] = [];
  for (let i = 0; i < raw.length; i++) {
    const a = raw[i];
    const take = (flag: string): string | undefined =>
      a === flag ? raw[++i] : a.startsWith(`${flag}=`) ? a.slice(flag.length + 1) : undefined;
    const file = take('--var-file');
    if (file !== undefined) {
      out.push({ kind: 'var-file', path: resolve(file) });
      continue;
    }
    const v = take('--var');
    if (v !== undefined) out.push({ kind: 'var', text: v });
  }
  return out;
}

/**
 * The providers available to the engine: the ones runform ships, plus (for tests) any exported
 * by the module named in RUNFORM_PROVIDER_MODULE, which replace shipped ones of the same name.
 * Those of the module are configured now; a shipped one is loaded and configured only once the
 * engine has read the state, and only when the configuration or the state uses it.
 */
export async function loadProviders(
  module: Module,
  variables: ReadonlyMap<string, Value>,
): Promise<{ providers?: ProviderSource; schemas?: SchemaSet; error?: string }> {
  const hook = process.env.RUNFORM_PROVIDER_MODULE;
  const extra = hook
    ? ((await import(pathToFileURL(resolve(hook)).href)) as { createProviders(): Provider[] }).createProviders()
    : [];
  const replaced = new Set(extra.map((p) => p.name));
  const signal = new AbortController().signal;
  const ev = new Evaluator(module, variables, { resource: () => undefined });
  const values = (cfg: ProviderConfig) => {
    const attrs = cfg.body.attributes.filter((a) => a.name !== 'alias');
    const body = evalResourceBody({ attributes: attrs, blocks: cfg.body.blocks, range: cfg.range }, undefined, ev, {});
    return toPlanned(body.value).value;
  };
  const configure = async (p: Provider, set: Map<string, ConfiguredProvider>) => {
    const own = module.providers.get(p.name);
    set.set(p.name, await p.configure({ values: own ? values(own) : {} }, signal));
    for (const cfg of module.providers.values()) {
      if (cfg.name === p.name && cfg.alias) {
        set.set(cfg.key, await p.configure({ alias: cfg.alias, values: values(cfg) }, signal));
      }
    }
  };
  const hooked = new Map<string, ConfiguredProvider>();
  for (const p of extra) await configure(p, hooked);
  // What validation checks bodies against: the shipped providers' schemas, except where a
  // provider module given by RUNFORM_PROVIDER_MODULE stands in for one.
  // Those of a shipped provider are loaded only when the configuration names one of its types.
  const used = new Set([...module.resources.values()].map((r) => r.type.split('_')[0]!));
  const shipped = [...used].some((n) => SHIPPED_NAMES.has(n) && !replaced.has(n)) ? providerSchemas() : undefined;
  const schemas = { resources: new Map<string, ResourceSchema>(), dataSources: new Map<string, ResourceSchema>() };
  for (const [type, s] of shipped?.resources ?? [])
    if (!replaced.has(type.split('_')[0]!)) schemas.resources.set(type, s);
  for (const [type, s] of shipped?.dataSources ?? [])
    if (!replaced.has(type.split('_')[0]!)) schemas.dataSources.set(type, s);
  for (const p of extra) {
    for (const [type, s] of Object.entries(p.schemas))
      (s.kind === 'data' ? schemas.dataSources : schemas.resources).set(type, s);
  }
  return {
    schemas,
    providers: async (names) => {
      const wanted = new Set([...names].filter((n) => !replaced.has(n)));
      const set = new Map<string, ConfiguredProvider>();
      for (const p of await shippedProviders(wanted)) await configure(p, set);
      for (const [k, c] of hooked) set.set(k, c);
      return set;
    },
  };
}

/** The refresh mode `--refresh` names, or undefined when it names none. */
export function refreshMode(value: string | boolean | undefined): RefreshMode | undefined {
  if (value === undefined || value === true || value === '' || value === 'true') return true;
  if (value === false || value === 'false') return false;
  if (value === 'changed') return 'changed';
  return undefined;
}

/** What plan and apply need, loaded from the folder and the command line; or the problems found. */
export interface Prepared {
  readonly module: Module;
  readonly variables: ReadonlyMap<string, Value>;
  readonly backend: Backend;
  /** The workspace the backend was opened for. */
  readonly workspace: string;
  readonly providers: ProviderSource;
  readonly options: PlanOptions;
  readonly refresh: RefreshMode;
}

/** The reporter for a command's arguments: JSON messages through `ui` when given, else text on stderr. */
export function diagnosticReporter(args: { color?: boolean }, ui?: JsonUi): ReportDiagnostics {
  return ui
    ? (diags) => ui.diagnostics(diags)
    : (diags, sources) => printDiagnostics(diags, sources, args.color === false);
}

/** The JSON stream of a command run with --json, its version message sent; undefined without --json. */
export function jsonUiFor(args: { json?: boolean }): JsonUi | undefined {
  if (!args.json) return undefined;
  const ui = createJsonUi(process.stdout, { version: runformVersion(), progressIntervalMs: progressIntervalMs() });
  ui.version();
  return ui;
}

/** Loads the folder, resolves variables and providers; reports problems and returns undefined when any is an error. */
export async function prepare(
  dir: string,
  args: PlanArgs,
  provided: ReadonlySet<string> = new Set(),
  report: ReportDiagnostics = diagnosticReporter(args),
  fail: Fail = failer(),
): Promise<Prepared | undefined> {
  const refresh = refreshMode(args.refresh);
  if (refresh === undefined) {
    fail('Invalid --refresh', `--refresh must be true, false or changed, not "${String(args.refresh)}".`);
    return undefined;
  }
  const loaded = loadModule(dir);
  const inputs = { env: process.env, cli: cliVarArgs(process.argv.slice(2)), provided };
  const vars = resolveVariables(loaded.module, inputs);
  const diags = [...loaded.diagnostics, ...vars.diagnostics];
  report(diags, loaded.module.sources);
  if (hasErrors(diags)) return undefined;
  const p = await loadProviders(loaded.module, vars.values);
  if (!p.providers || !p.schemas) {
    report([error('Providers unavailable', undefined, p.error)], loaded.module.sources);
    return undefined;
  }
  // What `validate` finds is checked before any state is read or API called (references and
  // cycles too: the plan's dependency graph reports those, first thing).
  const invalid = checkDeclarations(loaded.module, p.schemas);
  report(invalid, loaded.module.sources);
  if (hasErrors(invalid)) return undefined;
  const target = await openStateTarget(dir, args, loaded.module, report, fail);
  if (!target) return undefined;
  const mode: PlanMode = args.destroy ? 'destroy' : args['refresh-only'] ? 'refresh-only' : 'normal';
  return {
    module: loaded.module,
    variables: vars.values,
    backend: target.backend,
    workspace: target.workspace,
    providers: p.providers,
    options: {
      mode,
      ...(args.target ? { targets: args.target } : {}),
      ...(args.exclude ? { excludes: args.exclude } : {}),
      ...(args.replace ? { replace: args.replace } : {}),
    },
    refresh,
  };
}

export interface PlanCommandArgs extends PlanArgs, LockTimeoutArgs {
  out?: string;
  'detailed-exitcode'?: boolean;
  lock?: boolean;
  format?: 'text' | 'markdown';
}

/** Runs `body` with SIGINT and SIGTERM turned into an abort of its signal (a plan has nothing to finish). */
async function interruptible<T>(body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctl = new AbortController();
  const onSignal = () => {
    if (!ctl.signal.aborted) process.stderr.write('\nInterrupted: stopping the plan and releasing the state lock.\n');
    ctl.abort();
  };
  const dispose = onInterrupt(onSignal);
  try {
    return await body(ctl.signal);
  } finally {
    dispose();
  }
}

/** Runs `runform plan`. */
export async function planHandler(args: PlanCommandArgs): Promise<void> {
  const ui = jsonUiFor(args);
  const fail = failer(ui);
  const lockTimeoutMs = lockTimeoutOf(args, fail);
  if (lockTimeoutMs === undefined) return;
  const dir = resolve(args.dir ?? '.');
  const report = diagnosticReporter(args, ui);
  const prep = await prepare(dir, args, new Set(), report, fail);
  if (!prep) {
    process.exitCode = 1;
    return;
  }
  const r = await interruptible((signal) =>
    runPlan({
      ...prep,
      parallelism: args.parallelism ?? 32,
      ...(args.lock !== false ? { lock: { timeoutMs: lockTimeoutMs } } : {}),
      signal,
    }),
  );
  report(r.diagnostics, prep.module.sources);
  if (!r.plan || hasErrors(r.diagnostics)) {
    process.exitCode = 1;
    return;
  }
  const markdown = args.format === 'markdown';
  if (ui) ui.plan(r.plan, await readState(prep.backend).catch(() => undefined));
  else {
    process.stdout.write(
      markdown ? renderPlanMarkdown(r.plan) : renderPlanText(r.plan, args.color !== false && useColor(process.stdout)),
    );
  }
  if (args.out) {
    try {
      savePlanFile(resolve(args.out), r.plan, prep.module, prep.variables);
    } catch (e) {
      if (!(e instanceof PlanFileError)) throw e;
      report([error('Cannot save the plan', undefined, e.message)], prep.module.sources);
      process.exitCode = 1;
      return;
    }
    // The markdown is the whole of stdout (it becomes a comment): the hint goes to stderr.
    if (!ui) {
      (markdown ? process.stderr : process.stdout).write(
        `${markdown ? '' : '\n'}Saved the plan to ${args.out}. Apply it with: ${applyHint(dir, resolve(args.out))}\n`,
      );
    }
  }
  process.exitCode = args['detailed-exitcode'] && hasChanges(r.plan) ? 2 : 0;
}

/**
 * The command that applies a saved plan. `runform apply PLANFILE` reads the configuration of the
 * folder it runs in, so a plan made for another folder is applied from that folder.
 */
function applyHint(dir: string, planFile: string): string {
  const q = (p: string) => (/^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replaceAll("'", "'\\''")}'`);
  const cwd = process.cwd();
  if (dir === cwd) return `runform apply ${q(relative(cwd, planFile) || planFile)}`;
  return `cd ${q(relative(cwd, dir) || '.')} && runform apply ${q(relative(dir, planFile))}`;
}
