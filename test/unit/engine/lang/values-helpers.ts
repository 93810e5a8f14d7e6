// Converts between plain test data and values, so tests read as data.
import { fromJSON, type Json, toJSON, type Value } from '../../../../engine/lang/index.js';

/** A value inferred from plain data (arrays become tuples, objects objects). */
export function val(j: Json): Value {
  return fromJSON(j);
}

/** Plain data from a wholly known value. */
export function plain(v: Value): Json {
  return toJSON(v);
}
