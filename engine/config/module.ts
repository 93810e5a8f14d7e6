import type { Range } from '../diag/index.js';
import type { Attribute, Block, Body, Expression } from '../hcl/index.js';

// The decoded configuration of one folder. Expressions stay unevaluated: values depend on
// variables, other resources and the phase (validate, plan, apply), so evaluation happens later.

/** Closed set of state backend kinds. */
export type BackendKind = 'local' | 'pg' | 's3';

/** `runform { required_version = "…"  backend "KIND" { … } }` */
export interface RunformSettings {
  readonly requiredVersion?: Attribute;
  readonly backend?: BackendConfig;
  readonly range: Range;
}

/** A `backend "KIND" { … }` block; its body is checked by the backend itself. */
export interface BackendConfig {
  readonly kind: BackendKind;
  readonly body: Body;
  readonly range: Range;
}

/** `provider "NAME" { alias = "…" … }` */
export interface ProviderConfig {
  readonly name: string;
  readonly alias?: string;
  /** `name` or `name.alias`, as resources refer to it. */
  readonly key: string;
  readonly body: Body;
  readonly range: Range;
}

/** `variable "NAME" { … }` */
export interface VariableDecl {
  readonly name: string;
  readonly type?: Expression;
  readonly default?: Expression;
  readonly description?: string;
  readonly sensitive: boolean;
  readonly nullable: boolean;
  readonly validations: readonly CheckRule[];
  readonly range: Range;
}

/** A `validation` or `precondition` block: a condition and the message shown when it is false. */
export interface CheckRule {
  readonly condition: Expression;
  readonly errorMessage: Expression;
  readonly range: Range;
}

/** One entry of a `locals { … }` block. */
export interface LocalDecl {
  readonly name: string;
  readonly expr: Expression;
  readonly range: Range;
}

/** Closed set of resource modes. */
export type ResourceMode = 'managed' | 'data';

/** The `lifecycle { … }` block of a resource. */
export interface Lifecycle {
  readonly createBeforeDestroy?: Attribute;
  readonly preventDestroy?: Attribute;
  /** `all`, or a list of attribute paths (each a traversal expression such as `tags["a"]`). */
  readonly ignoreChanges?: 'all' | readonly Expression[];
  readonly replaceTriggeredBy: readonly Expression[];
}

/** `resource "TYPE" "NAME" { … }` or `data "TYPE" "NAME" { … }` */
export interface ResourceDecl {
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  /** `type.name` for managed resources, `data.type.name` for data sources. */
  readonly address: string;
  /** The body without meta-arguments: what the resource type's schema checks. */
  readonly config: ConfigBody;
  readonly count?: Attribute;
  readonly forEach?: Attribute;
  readonly dependsOn: readonly Expression[];
  /** The provider reference (`apprunner` or `apprunner.eu`) when given, else the type's default. */
  readonly provider?: { readonly key: string; readonly range: Range };
  readonly lifecycle: Lifecycle;
  /** The `timeouts { create, update, delete }` block, when present. */
  readonly timeouts?: Block;
  readonly range: Range;
  /** The `resource "TYPE" "NAME"` header: where diagnostics about the whole resource point. */
  readonly declRange: Range;
}

/** The part of a resource body that its type's schema describes. */
export interface ConfigBody {
  readonly attributes: readonly Attribute[];
  readonly blocks: readonly Block[];
  readonly range: Range;
}

/** `output "NAME" { value = … }` */
export interface OutputDecl {
  readonly name: string;
  readonly value: Expression;
  readonly description?: string;
  readonly sensitive: boolean;
  readonly preconditions: readonly CheckRule[];
  readonly range: Range;
}

/** `moved { from = a.b  to = a.c }` */
export interface MovedDecl {
  readonly from: Expression;
  readonly to: Expression;
  readonly range: Range;
}

/** `import { to = a.b  id = "…" }` */
export interface ImportDecl {
  readonly to: Expression;
  readonly id: Expression;
  readonly provider?: { readonly key: string; readonly range: Range };
  readonly range: Range;
}

/** Everything declared in one configuration folder. Maps are keyed by name or address. */
export interface Module {
  readonly dir: string;
  /** The working folder `path.cwd` names, fixed when the module is loaded (a saved plan carries its own). */
  readonly cwd?: string;
  /** Source text per file name, for diagnostics snippets and the configuration digest. */
  readonly sources: ReadonlyMap<string, string>;
  readonly runform?: RunformSettings;
  readonly providers: ReadonlyMap<string, ProviderConfig>;
  readonly variables: ReadonlyMap<string, VariableDecl>;
  readonly locals: ReadonlyMap<string, LocalDecl>;
  readonly resources: ReadonlyMap<string, ResourceDecl>;
  readonly outputs: ReadonlyMap<string, OutputDecl>;
  readonly moved: readonly MovedDecl[];
  readonly imports: readonly ImportDecl[];
}
