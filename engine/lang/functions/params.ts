// Small builders shared by the function families.
import type { Type } from '../types.js';
import type { Param } from './spec.js';

/** A parameter that refuses null. */
export function param(name: string, type: Type): Param {
  return { name, type };
}
/** A parameter that accepts null. */
export function nullable(name: string, type: Type): Param {
  return { name, type, allowNull: true };
}
