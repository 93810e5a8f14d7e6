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
    this.data.resources[id] = r;
    this.save();
  }

  /** Removes a resource; false when it was not there. */
  remove(id: string): boolean {
    this.load();
    if (!(id in this.data.resources)) return false;
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
    for (const [id, r] of this.all()) if (r.type === type && r.attrs.name === name) return [id, r];
    return undefined;
  }
}
