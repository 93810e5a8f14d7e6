import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { JsonObject } from '../../providers/provider.js';

// The "cloud" behind the test provider: resources by id. In file mode every operation reads the
// file and every change rewrites it atomically, so a killed process leaves a whole cloud behind.

/** One live resource. */
export interface CloudResource {
  readonly type: string;
  readonly attrs: JsonObject;
}

interface CloudData {
  nextId: number;
  resources: Record<string, CloudResource>;
}

/** Resources by id, in memory or kept in a JSON file. */
export class TestCloud {
  private data: CloudData = { nextId: 1, resources: {} };
  /** In memory only: ids by type and name, so finding by name stays cheap in a large cloud. */
  private byName: Map<string, string> | undefined;

  /** @param file when given, the cloud lives in this file and survives the process. */
  constructor(readonly file?: string) {
    if (file) this.load();
  }

  private load(): void {
    if (!this.file) return;
    try {
      this.data = JSON.parse(readFileSync(this.file, 'utf8')) as CloudData;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }

  private save(): void {
    if (!this.file) return;
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data));
    renameSync(tmp, this.file);
  }

  /** The whole cloud as JSON text, for `restore`. */
  snapshot(): string {
    this.load();
    return JSON.stringify(this.data);
  }

  /** Replaces the whole cloud with one taken by `snapshot`. */
  restore(text: string): void {
    this.data = JSON.parse(text) as CloudData;
    this.byName = undefined;
    this.save();
  }

  /** A fresh id for a new resource. */
  newId(type: string): string {
    this.load();
    const id = `${type}-${this.data.nextId++}`;
    this.save();
    return id;
  }

  /** The resource with this id, if it exists. */
  get(id: string): CloudResource | undefined {
    this.load();
    return this.data.resources[id];
  }

  /** Creates or overwrites a resource. */
  put(id: string, r: CloudResource): void {
    this.load();
    const old = this.data.resources[id];
    if (old) this.unindex(id, old);
    this.data.resources[id] = r;
    this.index(id, r);
    this.save();
  }

  /** Removes a resource; false when it was not there. */
  remove(id: string): boolean {
    this.load();
    const old = this.data.resources[id];
    if (!old) return false;
    this.unindex(id, old);
    delete this.data.resources[id];
    this.save();
    return true;
  }

  /** Every live resource with its id. */
  all(): [string, CloudResource][] {
    this.load();
    return Object.entries(this.data.resources);
  }

  /** The live resource of a type with the given name. */
  findByName(type: string, name: string): [string, CloudResource] | undefined {
    if (this.file) {
      for (const [id, r] of this.all()) if (r.type === type && r.attrs.name === name) return [id, r];
      return undefined;
    }
    if (!this.byName) {
      this.byName = new Map();
      for (const [id, r] of Object.entries(this.data.resources)) this.index(id, r);
    }
    const id = this.byName.get(`${type}\n${name}`);
    const r = id === undefined ? undefined : this.data.resources[id];
    return id === undefined || !r ? undefined : [id, r];
  }

  private index(id: string, r: CloudResource): void {
    const key = `${r.type}\n${String(r.attrs.name)}`;
    if (typeof r.attrs.name === 'string' && !this.byName?.has(key)) this.byName?.set(key, id);
  }

  private unindex(id: string, r: CloudResource): void {
    const key = `${r.type}\n${String(r.attrs.name)}`;
    if (this.byName?.get(key) === id) this.byName.delete(key);
  }
}
