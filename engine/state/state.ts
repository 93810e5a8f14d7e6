import { randomBytes, randomUUID } from 'node:crypto';
import {
  configAddr,
  type IndexKey,
  type InstanceAddr,
  instanceOf,
  keySuffix,
  parseInstance,
  type ResourceAddr,
  type ResourceMode,
  resourceRef,
} from '../addrs/index.js';
import type { AttrPath, JsonObject, JsonValue } from './json.js';

/** Closed set of special instance states; an instance without a status is an ordinary, healthy one. */
export type InstanceStatus = 'tainted' | 'pending';

/** What the state remembers about one resource instance. */
export interface InstanceObject {
  readonly attributes: JsonObject;
  /** Paths inside `attributes` whose values are sensitive and never printed. */
  readonly sensitivePaths: readonly AttrPath[];
  /** Direct dependencies only, as config-level addresses: the destroy order needs no more. */
  readonly dependencies: readonly ResourceAddr[];
  readonly status?: InstanceStatus;
  /** For a `pending` instance: the arguments that find the real resource again after a crash (e.g. its name). */
  readonly identity?: JsonObject;
}

/** One resource instance with its key. */
export interface InstanceEntry {
  readonly key?: IndexKey;
  readonly object: InstanceObject;
}

/**
 * An object a create-before-destroy replacement put aside: the new object took its place, and the
 * old one is kept here until it is deleted, so that a failed or interrupted delete forgets nothing.
 */
export interface DeposedEntry {
  readonly key?: IndexKey;
  /** Tells deposed objects of one instance apart (8 hex digits). */
  readonly deposed: string;
  readonly object: InstanceObject;
}

/** A resource and its instances, keyed by the bracketed key text (`""` for a resource without one). */
export interface ResourceState {
  readonly addr: ResourceAddr;
  readonly mode: ResourceMode;
  readonly type: string;
  readonly name: string;
  /** The provider configuration address, e.g. `provider["apprunner"]` or `provider["apprunner"].eu`. */
  provider: string;
  readonly instances: Map<string, InstanceEntry>;
  /** Deposed objects, keyed by the bracketed key text and the deposed key (`[0] 1a2b3c4d`). */
  readonly deposed: Map<string, DeposedEntry>;
}

/** A new deposed key: 8 hex digits. */
export function newDeposedKey(): string {
  return randomBytes(4).toString('hex');
}

const deposedSlot = (addr: InstanceAddr, deposed: string) => `${keySuffix(addr)} ${deposed}`;

/** A root module output value. */
export interface OutputValue {
  readonly value: JsonValue;
  readonly sensitive: boolean;
}

/** The provider configuration address for a provider name and optional alias. */
export function providerAddr(name: string, alias?: string): string {
  const base = `provider[${JSON.stringify(name)}]`;
  return alias === undefined ? base : `${base}.${alias}`;
}

/**
 * The in-memory state: resources and instances indexed by address in maps, so that lookups and
 * changes cost the same at 10 resources and at 10,000.
 */
export class State {
  private readonly byResource = new Map<ResourceAddr, ResourceState>();
  /** Root module outputs by name. */
  readonly outputs = new Map<string, OutputValue>();
  private count = 0;
  /**
   * How many changes of a crashed run's journal were applied in memory on top of `serial` (not yet
   * compacted): a plan made from such a state names them, so that an apply can tell it saw the same.
   */
  replayed = 0;

  /**
   * @param lineage identifies this state's history across every write; a foreign one is refused.
   * @param serial the serial this state was read at, or last written as (0 before the first write).
   */
  constructor(
    public lineage: string = randomUUID(),
    public serial = 0,
  ) {}

  /** The resource at a config address. */
  resource(addr: ResourceAddr): ResourceState | undefined {
    return this.byResource.get(addr);
  }

  /** The instance at an instance address. */
  instance(addr: InstanceAddr): InstanceObject | undefined {
    return this.byResource.get(configAddr(addr))?.instances.get(keySuffix(addr))?.object;
  }

  /** Sets (creates or replaces) an instance; the resource is created on its first instance. */
  setInstance(addr: InstanceAddr, provider: string, object: InstanceObject): void {
    const { r, key } = this.resourceFor(addr, provider);
    const suffix = keySuffix(addr);
    if (!r.instances.has(suffix)) this.count++;
    r.instances.set(suffix, key === undefined ? { object } : { key, object });
  }

  // The resource an instance belongs to, created when missing; its provider is set to `provider`.
  private resourceFor(addr: InstanceAddr, provider: string): { r: ResourceState; key?: IndexKey } {
    const raddr = configAddr(addr);
    // Only a key needs the address parsed: states are loaded and changed by the thousand.
    let key: IndexKey | undefined;
    if (raddr.length !== addr.length) {
      const parsed = parseInstance(addr);
      if (!parsed.ok) throw new Error(`not an instance address: ${addr}`);
      key = parsed.value.key;
    }
    let r = this.byResource.get(raddr);
    if (!r) {
      const { mode, type, name } = resourceRef(raddr);
      r = { addr: raddr, mode, type, name, provider, instances: new Map(), deposed: new Map() };
      this.byResource.set(raddr, r);
    }
    r.provider = provider;
    return key === undefined ? { r } : { r, key };
  }

  /** Removes an instance, and its resource once nothing of it is left. True when there was one. */
  removeInstance(addr: InstanceAddr): boolean {
    const r = this.byResource.get(configAddr(addr));
    if (!r?.instances.delete(keySuffix(addr))) return false;
    this.count--;
    this.dropIfEmpty(r);
    return true;
  }

  private dropIfEmpty(r: ResourceState): void {
    if (r.instances.size === 0 && r.deposed.size === 0) this.byResource.delete(r.addr);
  }

  /** Records a deposed object of an instance (as read from a file, or put aside by a replacement). */
  setDeposed(addr: InstanceAddr, provider: string, deposed: string, object: InstanceObject): void {
    const { r, key } = this.resourceFor(addr, provider);
    r.deposed.set(deposedSlot(addr, deposed), key === undefined ? { deposed, object } : { key, deposed, object });
  }

  /** Puts the current object of an instance aside as deposed; false when there is none. */
  depose(addr: InstanceAddr, deposed: string): boolean {
    const r = this.byResource.get(configAddr(addr));
    const cur = r?.instances.get(keySuffix(addr));
    if (!r || !cur) return false;
    r.instances.delete(keySuffix(addr));
    this.count--;
    r.deposed.set(deposedSlot(addr, deposed), { ...cur, deposed });
    return true;
  }

  /** Makes a deposed object current again, when the instance has no current object; false otherwise. */
  restoreDeposed(addr: InstanceAddr, deposed: string): boolean {
    const r = this.byResource.get(configAddr(addr));
    const d = r?.deposed.get(deposedSlot(addr, deposed));
    if (!r || !d || r.instances.has(keySuffix(addr))) return false;
    r.deposed.delete(deposedSlot(addr, deposed));
    this.setInstance(addr, r.provider, d.object);
    return true;
  }

  /** Forgets a deposed object (it was deleted). True when there was one. */
  removeDeposed(addr: InstanceAddr, deposed: string): boolean {
    const r = this.byResource.get(configAddr(addr));
    if (!r?.deposed.delete(deposedSlot(addr, deposed))) return false;
    this.dropIfEmpty(r);
    return true;
  }

  /** The deposed object of an instance with this key. */
  deposedObject(addr: InstanceAddr, deposed: string): InstanceObject | undefined {
    return this.byResource.get(configAddr(addr))?.deposed.get(deposedSlot(addr, deposed))?.object;
  }

  /** Every deposed object with its instance address and deposed key. */
  *deposedObjects(): Generator<[InstanceAddr, string, InstanceObject, ResourceState]> {
    for (const r of this.byResource.values()) {
      for (const e of r.deposed.values()) yield [instanceOf(r.addr, e.key), e.deposed, e.object, r];
    }
  }

  /** Every resource, in insertion order. */
  resources(): IterableIterator<ResourceState> {
    return this.byResource.values();
  }

  /** Every instance with its address. */
  *instances(): Generator<[InstanceAddr, InstanceObject, ResourceState]> {
    for (const r of this.byResource.values()) {
      for (const e of r.instances.values()) yield [instanceOf(r.addr, e.key), e.object, r];
    }
  }

  /** Number of resource instances. */
  get instanceCount(): number {
    return this.count;
  }

  /** Number of resources. */
  get resourceCount(): number {
    return this.byResource.size;
  }

  /** Every instance recorded as `pending`: the next run reconciles each (adopt the real resource or drop it). */
  pending(): [InstanceAddr, InstanceObject][] {
    const out: [InstanceAddr, InstanceObject][] = [];
    for (const r of this.byResource.values()) {
      for (const e of r.instances.values()) {
        if (e.object.status === 'pending') out.push([instanceOf(r.addr, e.key), e.object]);
      }
    }
    return out;
  }
}
