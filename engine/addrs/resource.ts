/** Closed set of resource modes: resources runform manages, and data sources it only reads. */
export type ResourceMode = 'managed' | 'data';

/** The key of one instance of a resource: a `count` index or a `for_each` key. */
export type IndexKey = number | string;

/** A config-level resource address in canonical text form, e.g. `aws_x.web` or `data.aws_x.web`. */
export type ResourceAddr = string & { readonly __brand: 'ResourceAddr' };

/** An instance address in canonical text form, e.g. `aws_x.web`, `aws_x.web[0]`, `aws_x.web["k"]`. */
export type InstanceAddr = string & { readonly __brand: 'InstanceAddr' };

/** A resource named by its mode, type and name. */
export interface ResourceRef {
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
}

/** One instance of a resource; `key` is absent for a resource without `count` or `for_each`. */
export interface InstanceRef extends ResourceRef {
  readonly key?: IndexKey;
}

/** Renders an index key as it appears between brackets: `0` or `"k"` (a JSON string literal). */
export function formatIndexKey(key: IndexKey): string {
  return typeof key === 'number' ? String(key) : JSON.stringify(key);
}

/** The canonical address of a resource. */
export function resourceAddr(r: ResourceRef): ResourceAddr {
  const base = `${r.type}.${r.name}`;
  return (r.mode === 'data' ? `data.${base}` : base) as ResourceAddr;
}

/** The parts of a canonical resource address; types and names hold no dots, so it splits without parsing. */
export function resourceRef(addr: ResourceAddr): ResourceRef {
  const parts = addr.split('.');
  if (parts.length === 2) return { mode: 'managed', type: parts[0]!, name: parts[1]! };
  if (parts.length === 3 && parts[0] === 'data') return { mode: 'data', type: parts[1]!, name: parts[2]! };
  throw new Error(`not a resource address: ${addr}`);
}

/** The canonical address of an instance. */
export function instanceAddr(i: InstanceRef): InstanceAddr {
  const base: string = resourceAddr(i);
  return (i.key === undefined ? base : `${base}[${formatIndexKey(i.key)}]`) as InstanceAddr;
}

/** The instance address of a resource's instance with the given key (or no key). */
export function instanceOf(r: ResourceAddr, key?: IndexKey): InstanceAddr {
  return (key === undefined ? r : `${r}[${formatIndexKey(key)}]`) as InstanceAddr;
}

/**
 * The config address (the resource) of an instance address. Types and names cannot hold `[`,
 * so the first bracket of a canonical address always starts the key.
 */
export function configAddr(addr: InstanceAddr): ResourceAddr {
  const bracket = addr.indexOf('[');
  return (bracket < 0 ? addr : addr.slice(0, bracket)) as ResourceAddr;
}

/** The bracketed key part of a canonical instance address (`""` when it has no key). */
export function keySuffix(addr: InstanceAddr): string {
  const bracket = addr.indexOf('[');
  return bracket < 0 ? '' : addr.slice(bracket);
}

/**
 * True when `target` (as given to `--target`) selects the instance `addr`: a resource address
 * selects all its instances, an instance address only itself.
 */
export function contains(target: ResourceAddr | InstanceAddr, addr: InstanceAddr): boolean {
  return target === addr || target === configAddr(addr);
}
