// The shape of a hand-written resource definition: which API structure a resource's arguments come
// from, and everything the model cannot say (descriptions, replacement, defaults, sensitivity).
import type { AttributeMeta, TimeoutKind } from '../../../providers/provider.js';
import type { JsonSchema } from '../json-schema.js';

/** Metadata a definition sets on one attribute path; every argument path needs a description. */
export type AttrDef = Omit<AttributeMeta, 'block' | 'computed'> & {
  readonly description: string;
  /** Also filled by the API when omitted (argument and computed at once). */
  readonly computed?: boolean;
  /** Extra JSON Schema keywords merged into the argument's schema (e.g. a oneOf between blocks). */
  readonly schema?: JsonSchema;
};

/** An argument that does not exist in the API (e.g. `paused`), with its whole schema written by hand. */
export interface ExtraArgDef extends AttrDef {
  readonly schema: JsonSchema;
  readonly required?: boolean;
}

/** An attribute the provider reports and the user never sets. */
export interface ComputedDef {
  readonly description: string;
  /** The API member it is read from, as `Shape$Member`; checked against the model when given. */
  readonly from?: string;
  readonly sensitive?: boolean;
  readonly alwaysRefresh?: boolean;
  /** Changes because of other resources, so it is never reported as drift. */
  readonly sideEffect?: boolean;
}

/** A managed resource type, as written by hand in this folder. */
export interface ResourceDef {
  readonly type: string;
  readonly description: string;
  /** The API input structure (local shape name) whose members become the arguments. */
  readonly input?: string;
  /** The members of `input` to keep, by API name; the rest of the structure is ignored. */
  readonly members?: readonly string[];
  /** Metadata by snake_case path for the arguments taken from the model. */
  readonly attributes: Readonly<Record<string, AttrDef>>;
  /** Arguments the API does not know about, by top-level name. */
  readonly extraArgs?: Readonly<Record<string, ExtraArgDef>>;
  /** Keywords merged into the top-level args schema (e.g. "exactly one of these arguments"). */
  readonly argsSchema?: JsonSchema;
  /** Computed-only attributes by path. */
  readonly computed: Readonly<Record<string, ComputedDef>>;
  readonly createBeforeDestroyByDefault?: boolean;
  readonly timeouts: Readonly<Record<TimeoutKind, number>>;
}

/** A lookup argument of a data source. */
export interface LookupDef {
  readonly description: string;
  readonly required?: boolean;
  /** The resource argument whose schema this one shares, when the names differ (e.g. `arn`). */
  readonly sameAs?: string;
}

/** A data source: looked up by the arguments in `lookup`, reporting what the resource of the same name reports. */
export interface DataSourceDef {
  readonly type: string;
  readonly description: string;
  /** The resource type whose attributes the data source mirrors. */
  readonly mirrors: string;
  /** The lookup arguments; each takes the schema of the mirrored resource's argument named in `sameAs` (or its own name). */
  readonly lookup: Readonly<Record<string, LookupDef>>;
  /** Keywords merged into the top-level args schema (e.g. "exactly one of these arguments"). */
  readonly argsSchema?: JsonSchema;
  /** Top-level attributes of the resource that mean nothing when reading (e.g. a waiting preference). */
  readonly skip?: readonly string[];
}

/** Five minutes in milliseconds: the timeout of every resource that has no reason for another. */
export const FIVE_MINUTES = 5 * 60_000;

/** The same timeout for create, update and delete. */
export function timeouts(ms: number): Readonly<Record<TimeoutKind, number>> {
  return { create: ms, update: ms, delete: ms };
}
