import { StateError } from '../errors.js';
import { State } from '../state.js';
import { DEFAULT_WORKSPACE, type Workspaces } from '../workspace.js';
import { createS3Backend, listS3Workspaces } from './backend.js';
import { ObjectStore } from './objects.js';
import type { S3Settings } from './settings.js';
import { workspaceKey } from './settings.js';

/**
 * The workspaces of an S3 backend: a workspace exists once its state object does, so creating one
 * writes an empty state (serial 1, a lineage of its own) under `env:/NAME/<key>`.
 */
export class S3Workspaces implements Workspaces {
  constructor(private readonly settings: S3Settings) {}

  async list(): Promise<string[]> {
    const names = await listS3Workspaces(this.settings);
    return [DEFAULT_WORKSPACE, ...names.filter((n) => n !== DEFAULT_WORKSPACE)];
  }

  async create(name: string): Promise<void> {
    if ((await this.list()).includes(name)) throw new StateError('io', `workspace "${name}" already exists.`);
    const backend = createS3Backend(this.settings, name);
    try {
      // The write is conditional on the object being absent, so two creators cannot both succeed.
      await backend.read();
      await backend.write(new State());
    } finally {
      await backend.close();
    }
  }

  async remove(name: string): Promise<void> {
    const key = workspaceKey(this.settings, name);
    const store = new ObjectStore(this.settings);
    try {
      for (const k of await store.list(`${key}.journal/`)) await store.delete(k);
      await store.delete(`${key}.backup`);
      await store.delete(key);
    } finally {
      await store.destroy();
    }
  }
}
