import type { JsonObject } from '../../providers/provider.js';

// What a plan says will happen to each resource instance, and why. A change is a discriminated
// union so that the contract lives in the type: a create has no `before`, a delete no `after`.

/** Closed set of planned actions. */
export type Action = 'no-op' | 'create' | 'update' | 'replace' | 'delete' | 'read';

/** Why an instance is replaced. */
export type ReplaceReason =
  | 'replace_because_cannot_update'
  | 'replace_because_tainted'
  | 'replace_by_request'
  | 'replace_by_triggers';

/** Why an instance is deleted. */
export type DeleteReason =
  | 'delete_because_no_resource_config'
  | 'delete_because_count_index'
  | 'delete_because_each_key'
  | 'delete_because_destroy_mode'
  | 'delete_because_deposed';

/** An attribute path, e.g. ["source_configuration", 0, "image_repository"]. */
export type AttrPath = readonly (string | number)[];

/**
 * A planned value: JSON where some leaves may be unknown until apply. Unknown leaves are listed
 * in `unknownPaths` (rendered "(known after apply)"); sensitive leaves in `sensitivePaths`.
 */
export interface PlannedValue {
  readonly value: JsonObject;
  readonly unknownPaths: readonly AttrPath[];
  readonly sensitivePaths: readonly AttrPath[];
}

/** Fields every change has. */
interface ChangeBase {
  /** Instance address, e.g. `apprunner_service.web["eu"]`. */
  readonly address: string;
  readonly type: string;
  /** Provider key, e.g. `apprunner` or `apprunner.eu`. */
  readonly provider: string;
  /** Config-level addresses of the resources this instance depends on directly: the apply and destroy order. */
  readonly dependencies: readonly string[];
}

/** Nothing to do. */
export interface NoOpChange extends ChangeBase {
  readonly action: 'no-op';
  readonly before: PlannedValue;
}

/** A new instance. */
export interface CreateChange extends ChangeBase {
  readonly action: 'create';
  readonly after: PlannedValue;
}

/** An in-place update. */
export interface UpdateChange extends ChangeBase {
  readonly action: 'update';
  readonly before: PlannedValue;
  readonly after: PlannedValue;
}

/** Delete and create again, in the order `createBeforeDestroy` says. */
export interface ReplaceChange extends ChangeBase {
  readonly action: 'replace';
  readonly before: PlannedValue;
  readonly after: PlannedValue;
  readonly reason: ReplaceReason;
  /** The attributes whose change forces the replacement (for `replace_because_cannot_update`). */
  readonly replacePaths: readonly AttrPath[];
  readonly createBeforeDestroy: boolean;
}

/** Remove an instance, or (with `deposed`) a deposed object of it. */
export interface DeleteChange extends ChangeBase {
  readonly action: 'delete';
  readonly before: PlannedValue;
  readonly reason: DeleteReason;
  /** The deposed key of the object to delete, left over from a create-before-destroy replacement. */
  readonly deposed?: string;
}

/** Read a data source. */
export interface ReadChange extends ChangeBase {
  readonly action: 'read';
  readonly after: PlannedValue;
}

/** One planned change. */
export type Change = NoOpChange | CreateChange | UpdateChange | ReplaceChange | DeleteChange | ReadChange;

/** What tells a change apart in a plan: its address, and for a deposed object its deposed key too. */
export function changeId(c: Change): string {
  return c.action === 'delete' && c.deposed !== undefined ? `${c.address} (deposed ${c.deposed})` : c.address;
}

/** Compile-time guard for exhaustive switches over closed unions. */
export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}
