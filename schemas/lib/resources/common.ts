// Descriptions and schemas shared by several definitions.
import type { JsonSchema } from '../json-schema.js';
import type { AttrDef, ComputedDef } from './types.js';

/**
 * The `tags` argument: changed in place through TagResource/UntagResource, never by replacement.
 * Omitting it means no tags, so reading an untagged resource back as `{}` is no change.
 */
export const TAGS: AttrDef = {
  description: 'Tags to attach, as a map from key to value. Keys may not start with `aws:`.',
  default: {},
};

/** The ARN every App Runner resource reports. */
export const ARN: ComputedDef = { description: 'The Amazon Resource Name that identifies this resource.' };

/** The lifecycle status App Runner reports for the resource. */
export const STATUS: ComputedDef = { description: 'The status App Runner reports, e.g. `ACTIVE`.' };

/** Revision number of a revisioned configuration. */
export const REVISION: ComputedDef = {
  description: 'The revision number App Runner gave this configuration within its name.',
};

/** Whether a revision is the newest one of its name. */
export const LATEST: ComputedDef = {
  description: 'Whether this is the newest active revision of the name.',
  sideEffect: true,
};

/**
 * JSON Schema saying "`needs` is required when `field` equals `value`". Built from entries because
 * a literal `then` key makes the object look like a promise to linters.
 */
export function requiredWhen(field: string, value: string | boolean, needs: string): JsonSchema {
  const condition: JsonSchema = { properties: { [field]: { const: value } }, required: [field] };
  const consequence = requires(needs);
  return Object.fromEntries([
    ['if', condition],
    ['then', consequence],
  ]);
}

// Each subschema that lists `required` also names the property under `properties`, so that ajv's
// strict mode (strictRequired) accepts it; `true` adds no constraint beyond the parent's.
function requires(name: string): JsonSchema {
  return { properties: { [name]: true }, required: [name] };
}

/** JSON Schema saying "exactly one of these properties is present". */
export function exactlyOneOf(...names: string[]): JsonSchema {
  return { oneOf: names.map(requires) };
}
