import type { Module, ResourceDecl } from '../config/index.js';
import type { Diagnostic } from '../diag/index.js';
import type { Expression } from '../hcl/index.js';
import {
  builtinFunctions,
  DYNAMIC_UNKNOWN,
  type EvalContext,
  evaluate,
  type FunctionTable,
  num,
  object,
  objectOfDistinct,
  type Reference,
  references,
  type Scope,
  str,
  tuple,
  type Value,
} from '../lang/index.js';

// Expression evaluation over a configuration: variables, locals (each evaluated once, on first
// use), resources (whatever the host says they currently are) and the per-instance names.

/** What the evaluator asks of its caller: the current value of a resource as references see it. */
export interface EvalHost {
  /** The value of `type.name` or `data.type.name`: an object, or a tuple (count) or object (for_each) of them. */
  resource(addr: string): Value | undefined;
}

/** The per-instance names: `count.index`, or `each.key` and `each.value`. */
export interface InstanceNames {
  readonly countIndex?: number;
  readonly eachKey?: string;
  readonly eachValue?: Value;
}

const FUNCTIONS: FunctionTable = builtinFunctions();

/** Evaluates expressions of one module against variable values and a host for resource values. */
export class Evaluator {
  private readonly locals = new Map<string, { value: Value; diagnostics: Diagnostic[] }>();
  private readonly evaluating = new Set<string>();
  private readonly varObject: Value;
  private pathObject: Value | undefined;
  private plain: EvalContext | undefined;

  constructor(
    readonly module: Module,
    readonly vars: ReadonlyMap<string, Value>,
    private readonly host: EvalHost,
  ) {
    this.varObject = object(vars);
  }

  /** The value of a local (evaluated on first use); its diagnostics are reported once, by `localDiagnostics`. */
  local(name: string): Value {
    const memo = this.locals.get(name);
    if (memo) return memo.value;
    const decl = this.module.locals.get(name);
    if (!decl || this.evaluating.has(name)) return DYNAMIC_UNKNOWN;
    this.evaluating.add(name);
    const r = this.evaluate(decl.expr);
    this.evaluating.delete(name);
    this.locals.set(name, r);
    return r.value;
  }

  /** Diagnostics of a local's evaluation (evaluating it when needed). */
  localDiagnostics(name: string): Diagnostic[] {
    this.local(name);
    return this.locals.get(name)?.diagnostics ?? [];
  }

  /** Evaluates an expression with the given per-instance names in scope. */
  evaluate(expr: Expression, names: InstanceNames = {}): { value: Value; diagnostics: Diagnostic[] } {
    return evaluate(expr, this.context(references(expr), names));
  }

  /** An evaluation context that holds exactly what `refs` need, so its cost follows the expression, not the module. */
  context(refs: readonly Reference[], names: InstanceNames = {}): EvalContext {
    // Most arguments are literals: they share one context that holds only var and path.
    if (refs.length === 0 && names.countIndex === undefined && names.eachKey === undefined) {
      this.plain ??= this.build(refs, names);
      return this.plain;
    }
    return this.build(refs, names);
  }

  private build(refs: readonly Reference[], names: InstanceNames): EvalContext {
    const roots = new Map<string, Value>();
    // Each collection is made only when a reference needs it: most expressions name one resource.
    let localNames: Set<string> | undefined;
    let byType: Map<string, Map<string, string>> | undefined;
    let dataByType: Map<string, Map<string, string>> | undefined;
    for (const ref of refs) {
      const [a, b] = ref.steps;
      if (ref.root === 'local' && typeof a === 'string') {
        localNames ??= new Set();
        localNames.add(a);
      } else if (ref.root === 'data' && typeof a === 'string' && typeof b === 'string') {
        dataByType ??= new Map();
        addName(dataByType, a, b, `data.${a}.${b}`);
      } else if (typeof a === 'string') {
        const address = `${ref.root}.${a}`;
        if (!this.module.resources.has(address)) continue;
        byType ??= new Map();
        addName(byType, ref.root, a, address);
      }
    }
    roots.set('var', this.varObject);
    if (localNames) roots.set('local', objectOfDistinct([...localNames].map((n) => [n, this.local(n)] as const)));
    for (const [type, ns] of byType ?? []) {
      roots.set(
        type,
        objectOfDistinct([...ns].map(([n, address]) => [n, this.host.resource(address) ?? DYNAMIC_UNKNOWN] as const)),
      );
    }
    if (dataByType) {
      const types = [...dataByType].map(([type, ns]) => {
        const entries = [...ns].map(([n, address]) => [n, this.host.resource(address) ?? DYNAMIC_UNKNOWN] as const);
        return [type, object(entries)] as const;
      });
      roots.set('data', object(types));
    }
    const dir = this.module.dir;
    this.pathObject ??= object({ module: str(dir), root: str(dir), cwd: str(this.module.cwd ?? process.cwd()) });
    roots.set('path', this.pathObject);
    if (names.countIndex !== undefined) roots.set('count', object({ index: num(names.countIndex) }));
    if (names.eachKey !== undefined) {
      roots.set('each', object({ key: str(names.eachKey), value: names.eachValue ?? DYNAMIC_UNKNOWN }));
    }
    const scope: Scope = { lookup: (n) => roots.get(n), names: () => roots.keys() };
    return { scope, functions: FUNCTIONS, baseDir: dir };
  }
}

/** Records `name` (at `address`) under `type`, once. */
function addName(m: Map<string, Map<string, string>>, type: string, name: string, address: string): void {
  const names = m.get(type);
  if (!names) m.set(type, new Map([[name, address]]));
  else if (!names.has(name)) names.set(name, address);
}

/** The value references see for a resource: its one instance, or a tuple (count) or object (for_each) of instances. */
export function resourceValue(decl: ResourceDecl, instances: ReadonlyMap<string | number, Value>): Value {
  if (decl.count) {
    const items: Value[] = [];
    for (let i = 0; instances.has(i); i++) items.push(instances.get(i)!);
    return tuple(items);
  }
  if (decl.forEach) return object([...instances].map(([k, v]) => [String(k), v] as const));
  return instances.get('') ?? DYNAMIC_UNKNOWN;
}
