import { isAddressPart, parseResource, type ResourceAddr, type ResourceRef, resourceAddr } from '../../addrs/index.js';
import { StateError } from '../errors.js';
import { type AttrPath, isObject, type JsonObject } from '../json.js';

/** Shape checks that track where they are, so that a corrupt file is reported with the exact field. */
export class Checker {
  // Addresses already checked, by kind: a state names the same ones over and over.
  private readonly addrs = new Set<string>();
  private readonly providers = new Set<string>();

  constructor(private readonly location: string) {}

  /** Refuses the file: `location: path problem`. */
  fail(path: string, problem: string): never {
    throw new StateError('corrupt', `${this.location}: ${path ? `${path} ` : ''}${problem}`);
  }

  /** An object value. */
  object(v: unknown, path: string): Record<string, unknown> {
    if (!isObject(v)) this.fail(path, 'must be an object');
    return v;
  }

  /** A JSON object value (its members came from JSON.parse, so they are plain JSON). */
  json(v: unknown, path: string): JsonObject {
    return this.object(v, path) as JsonObject;
  }

  /** An array value. */
  array(v: unknown, path: string): unknown[] {
    if (!Array.isArray(v)) this.fail(path, 'must be a list');
    return v;
  }

  /** A string value. */
  string(v: unknown, path: string): string {
    if (typeof v !== 'string') this.fail(path, 'must be a string');
    return v;
  }

  /** A non-empty string value. */
  name(v: unknown, path: string): string {
    const s = this.string(v, path);
    if (s === '') this.fail(path, 'must not be empty');
    return s;
  }

  /** A non-negative whole number. */
  count(v: unknown, path: string): number {
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) this.fail(path, 'must be a whole number ≥ 0');
    return v;
  }

  /** A boolean value. */
  bool(v: unknown, path: string): boolean {
    if (typeof v !== 'boolean') this.fail(path, 'must be true or false');
    return v;
  }

  /** One of a closed set of strings. */
  oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string): T {
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.fail(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
    }
    return v as T;
  }

  /** An attribute path: a list of names and indexes. */
  attrPath(v: unknown, path: string): AttrPath {
    const parts = this.array(v, path);
    parts.forEach((p, i) => {
      if (typeof p !== 'string' && !(typeof p === 'number' && Number.isSafeInteger(p) && p >= 0)) {
        this.fail(`${path}[${i}]`, 'must be a property name or a list index');
      }
    });
    return parts as AttrPath;
  }

  /** A provider address as the state records it: `provider["apprunner"]`, or `provider["apprunner"].eu`. */
  providerAddr(v: unknown, path: string): string {
    const s = this.string(v, path);
    if (this.providers.has(s)) return s;
    if (!/^provider\["[A-Za-z][A-Za-z0-9_-]*"\](\.[A-Za-z_][A-Za-z0-9_-]*)?$/.test(s)) {
      this.fail(path, `is not a provider address such as provider["apprunner"]: ${JSON.stringify(s)}`);
    }
    this.providers.add(s);
    return s;
  }

  /** The address of a resource given by its parts, which must be valid in an address. */
  resourceOf(r: ResourceRef, path: string): ResourceAddr {
    const s = resourceAddr(r);
    if (this.addrs.has(s)) return s;
    if (!isAddressPart(r.type) || !isAddressPart(r.name))
      this.fail(path, `is not a resource address: ${JSON.stringify(s)}`);
    this.addrs.add(s);
    return s;
  }

  /** A config-level resource address in canonical form. */
  resourceAddr(v: unknown, path: string): ResourceAddr {
    const s = this.string(v, path);
    // Dependencies name the file's own resources over and over: each address is parsed once.
    if (this.addrs.has(s)) return s as ResourceAddr;
    const r = parseResource(s);
    if (!r.ok || resourceAddr(r.value) !== s) this.fail(path, `is not a resource address: ${JSON.stringify(s)}`);
    this.addrs.add(s);
    return s as ResourceAddr;
  }
}
