// Walking a collection for `for` expressions and template `%{for}` directives.
import type { Range } from '../diag/index.js';
import { fail } from './failure.js';
import { attributes, elements, isNull, num, str, type Value, withSensitive } from './values.js';

/** The key/value pairs a `for` visits: positions for sequences (the value itself for sets), keys for maps and objects. */
export function iterationPairs(coll: Value, range: Range): Array<readonly [Value, Value]> {
  if (isNull(coll))
    fail('Iteration over null value', range, "A null value cannot be used as the collection in a 'for' expression.");
  const pairs = pairsOf(coll, range);
  // As with indexing, what comes out of a sensitive collection is sensitive, so errors about it cannot show it.
  if (!coll.sensitive) return pairs;
  return pairs.map(([k, v]) => [withSensitive(k, true), withSensitive(v, true)] as const);
}

function pairsOf(coll: Value, range: Range): Array<readonly [Value, Value]> {
  switch (coll.type.kind) {
    case 'list':
    case 'tuple':
      return elements(coll).map((v, i) => [num(i), v] as const);
    case 'set':
      return elements(coll).map((v) => [v, v] as const);
    case 'map':
    case 'object':
      return [...attributes(coll)].map(([k, v]) => [str(k), v] as const);
    default:
      return fail(
        'Iteration over non-iterable value',
        range,
        `A value of type ${coll.type.kind} cannot be used as the collection in a 'for' expression.`,
      );
  }
}
