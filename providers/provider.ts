// The seam between the engine and the providers. engine/ knows providers only through these
// types; cmd/ hands concrete providers to the engine. Values crossing it are plain JSON: the
// engine resolves unknowns and sensitivity before a call, and applies schema metadata itself.

/** A JSON value as it crosses the seam and as it is stored in the state. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object: resource arguments and attributes. */
export type JsonObject = { [key: string]: JsonValue };

/** A JSON Schema document (validated with ajv; kept opaque here). */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * Per-attribute metadata, keyed in ResourceSchema.attributes by path: attribute names joined by
 * `.`, with `*` standing for any list element or map key, e.g. `source_configuration.image_repository.image_configuration.runtime_environment_variables.*`.
 */
export interface AttributeMeta {
  /** Our own one-line description, shown in docs and errors. */
  readonly description?: string;
  /**
   * Written as a nested block (`name { … }`) rather than `name = value`. In argument JSON a
   * block is an object; every App Runner block appears at most once.
   */
  readonly block?: boolean;
  /** Set by the provider after create (or update); unknown in plans until then. */
  readonly computed?: boolean;
  /** Also an argument: the user may set it, and the provider fills it when they don't. */
  readonly optional?: boolean;
  /** A change to this attribute cannot be made in place: the instance is replaced. */
  readonly forcesReplacement?: boolean;
  /** Never printed: redacted in plans, logs, markdown and JSON output. */
  readonly sensitive?: boolean;
  /** The value the API assumes when the argument is omitted; used so omissions don't diff. */
  readonly default?: JsonValue;
  /** A named normaliser (from ResourceType.normalizers) that makes equivalent spellings compare equal. */
  readonly normalize?: string;
  /** Read again on every refresh even when nothing else changed (e.g. a DNS target). */
  readonly alwaysRefresh?: boolean;
  /**
   * Changes as a side effect of other resources (a service starts using this revision, a newer
   * revision appears): refreshed into the state without being reported as a change made outside.
   */
  readonly sideEffect?: boolean;
}

/** Closed set of the things a provider offers. */
export type SchemaKind = 'resource' | 'data';

/** The schema of a resource type or data source. */
export interface ResourceSchema {
  readonly type: string;
  readonly kind: SchemaKind;
  readonly description: string;
  /** JSON Schema of the arguments (the resource body after meta-arguments are removed). */
  readonly args: JsonSchema;
  readonly attributes: Readonly<Record<string, AttributeMeta>>;
  /** Replacement creates the new instance before deleting the old (revisions, connectors). */
  readonly createBeforeDestroyByDefault?: boolean;
  /** Default operation timeouts in milliseconds. */
  readonly timeouts?: Readonly<Partial<Record<TimeoutKind, number>>>;
}

/** Closed set of operation timeouts a resource can set in its `timeouts` block. */
export type TimeoutKind = 'create' | 'update' | 'delete';

/**
 * A progress event that the views show while a change is in flight. Providers report one through
 * OpContext.progress whenever what they wait on changes status; the applier relays it to the views
 * as an ApplyEvent of kind `progress`. Reporting is optional and never affects the call.
 */
export interface ProgressEvent {
  /** Short status, e.g. the App Runner operation status `IN_PROGRESS`. */
  readonly status: string;
  readonly message?: string;
  /** The asynchronous operation being followed, when the API returned one. */
  readonly operationId?: string;
  /** The status of the resource itself when it was seen, e.g. an App Runner service's `OPERATION_IN_PROGRESS`. */
  readonly resourceStatus?: string;
}

/** A structured logger; messages never contain sensitive values. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** What every provider call receives besides its request. */
export interface OpContext {
  /** Cancels the call: waits stop, and in-flight requests are aborted where possible. */
  readonly signal: AbortSignal;
  /** The address of the instance the call is for, e.g. `apprunner_service.web`. */
  readonly address: string;
  /** Reports the status of what the call waits on, for live progress views (see ProgressEvent). */
  readonly progress: (event: ProgressEvent) => void;
  /** Effective timeouts in milliseconds: the resource's `timeouts` block over the schema defaults. */
  readonly timeouts: Readonly<Record<TimeoutKind, number>>;
  readonly log: Logger;
}

/** Read the live state of an instance. */
export interface ReadRequest<Attrs> {
  readonly prior: Attrs;
}

/** A read's answer: the live attributes, or that the resource is gone. */
export type ReadResponse<Attrs> = { readonly exists: true; readonly attrs: Attrs } | { readonly exists: false };

/** Create an instance from fully known arguments. */
export interface CreateRequest<Args> {
  readonly args: Args;
}

/** Update an instance in place. `changed` lists the top-level arguments whose values differ. */
export interface UpdateRequest<Args, Attrs> {
  readonly args: Args;
  readonly prior: Attrs;
  readonly changed: readonly string[];
}

/** Delete an instance. Not found counts as success. */
export interface DeleteRequest<Attrs> {
  readonly prior: Attrs;
}

/** Adopt an existing resource by its import ID (an ARN, or a name where the type says so). */
export interface ImportRequest {
  readonly id: string;
}

/** Find a resource created by an interrupted run, by the arguments that identify it (its name). */
export interface FindRequest<Args> {
  readonly args: Args;
}

/** Look at a planned create or update before it is applied. Unknown values are null in `args`. */
export interface CheckPlannedRequest<Args> {
  readonly args: Args;
}

/** Something the user should know about a planned change; the plan still stands. */
export interface PlanWarning {
  readonly summary: string;
  readonly detail?: string;
  /** The argument concerned, as attribute names joined by `.`, so the warning can point at its source. */
  readonly path?: string;
}

/** A managed resource type. Every method takes one request object and can be cancelled. */
export interface ResourceType<Args extends JsonObject = JsonObject, Attrs extends JsonObject = JsonObject> {
  readonly schema: ResourceSchema;
  /** Implementations of the normalisers that schema attributes name. */
  readonly normalizers?: Readonly<Record<string, (value: JsonValue) => JsonValue>>;
  /**
   * The arguments findExisting needs to find what a create made, such as its name. The `pending`
   * record written before a create holds only these (every argument when this is not given), so
   * the journal does not repeat the whole configuration of each create in flight.
   */
  readonly identityArgs?: readonly string[];
  read(req: ReadRequest<Attrs>, ctx: OpContext): Promise<ReadResponse<Attrs>>;
  create(req: CreateRequest<Args>, ctx: OpContext): Promise<Attrs>;
  update(req: UpdateRequest<Args, Attrs>, ctx: OpContext): Promise<Attrs>;
  delete(req: DeleteRequest<Attrs>, ctx: OpContext): Promise<void>;
  import(req: ImportRequest, ctx: OpContext): Promise<Attrs>;
  findExisting(req: FindRequest<Args>, ctx: OpContext): Promise<Attrs | undefined>;
  /** Optional: warnings about a planned create or update, which may read other live resources. */
  checkPlanned?(req: CheckPlannedRequest<Args>, ctx: OpContext): Promise<readonly PlanWarning[]>;
}

/** A data source: read-only, evaluated during planning. */
export interface DataSourceType<Args extends JsonObject = JsonObject, Attrs extends JsonObject = JsonObject> {
  readonly schema: ResourceSchema;
  read(req: { readonly args: Args }, ctx: OpContext): Promise<Attrs>;
}

/** A provider whose configuration has been applied: its resource types, ready for calls. */
export interface ConfiguredProvider {
  readonly resources: Readonly<Record<string, ResourceType>>;
  readonly dataSources: Readonly<Record<string, DataSourceType>>;
  /** Releases clients and shared pollers. */
  close(): Promise<void>;
}

/** The configuration block of a provider, evaluated to JSON. */
export interface ProviderConfig {
  readonly alias?: string;
  readonly values: JsonObject;
}

/** A provider: its configuration schema, the schemas of what it offers, and how to configure it. */
export interface Provider {
  /** The name used in `provider "NAME"` blocks and as the resource type prefix, e.g. `apprunner`. */
  readonly name: string;
  readonly configSchema: JsonSchema;
  /** Schemas by type name, available without configuring (for `validate`). */
  readonly schemas: Readonly<Record<string, ResourceSchema>>;
  configure(config: ProviderConfig, signal: AbortSignal): Promise<ConfiguredProvider>;
}
