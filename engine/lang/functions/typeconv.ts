// Explicit conversions (tostring, tonumber, tobool, tolist, toset, tomap) and the sensitive mark functions.
import { ConvertError, convertOrThrow } from '../convert.js';
import { containsSensitive } from '../marks.js';
import { friendlyTypeName, type Type, tBool, tDynamic, tList, tMap, tNumber, tSet, tString } from '../types.js';
import { bool, isWhollyKnown, unknown, type Value, withSensitive } from '../values.js';
import { nullable } from './params.js';
import { FuncError, type FunctionSpec } from './spec.js';

function to(target: Type, primitiveOnly: boolean): FunctionSpec {
  return {
    params: [nullable('v', tDynamic)],
    returns: target,
    marks: 'shallow',
    allowUnknown: true,
    impl: ([v]) => {
      if (primitiveOnly && !['string', 'number', 'bool', 'dynamic'].includes(v.type.kind))
        throw new FuncError(`cannot convert ${friendlyTypeName(v.type)} to ${friendlyTypeName(target)}`, 0);
      try {
        return convertOrThrow(v, target);
      } catch (e) {
        if (!(e instanceof ConvertError)) throw e;
        if (target.kind === 'number' && v.type.kind === 'string')
          throw new FuncError(
            `cannot convert ${JSON.stringify(v.payload)} to number; given string must be a decimal representation of a number`,
            0,
          );
        if (target.kind === 'bool' && v.type.kind === 'string')
          throw new FuncError(
            `cannot convert ${JSON.stringify(v.payload)} to bool; only the strings "true" or "false" are allowed`,
            0,
          );
        throw new FuncError(
          `cannot convert ${friendlyTypeName(v.type)} to ${friendlyTypeName(target)}: ${e.message}`,
          0,
        );
      }
    },
  };
}

/** Conversion and mark functions by name. */
export const typeconvFunctions: Record<string, FunctionSpec> = {
  tostring: to(tString, true),
  tonumber: to(tNumber, true),
  tobool: to(tBool, true),
  tolist: to(tList(tDynamic), false),
  toset: to(tSet(tDynamic), false),
  tomap: to(tMap(tDynamic), false),
  sensitive: {
    params: [nullable('value', tDynamic)],
    marks: 'self',
    allowUnknown: true,
    impl: ([v]) => withSensitive(v, true),
  },
  nonsensitive: {
    params: [nullable('value', tDynamic)],
    marks: 'self',
    allowUnknown: true,
    impl: ([v]: readonly Value[]) => withSensitive(v, false),
  },
  issensitive: {
    params: [nullable('value', tDynamic)],
    returns: tBool,
    marks: 'self',
    allowUnknown: true,
    impl: ([v]) => (containsSensitive(v) ? bool(true) : isWhollyKnown(v) ? bool(false) : unknown(tBool)),
  },
};
