import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { StateError } from '../errors.js';
import { DEFAULT_WORKSPACE, type Workspaces } from '../workspace.js';
import { LocalBackend } from './backend.js';

/** The folder that holds the states of the workspaces other than `default`. */
export const WORKSPACES_FOLDER = 'runform.state.d';

/**
 * The local backend of a workspace: `default` keeps `runform.state.json` in the configuration
 * folder; any other workspace keeps its own under `runform.state.d/<name>/`.
 */
export function localBackendFor(dir: string, workspace: string): LocalBackend {
  return new LocalBackend({ dir: workspace === DEFAULT_WORKSPACE ? dir : join(dir, WORKSPACES_FOLDER, workspace) });
}

/** The workspaces of a configuration folder: `default` plus one subfolder each of runform.state.d. */
export class LocalWorkspaces implements Workspaces {
  constructor(private readonly dir: string) {}

  async list(): Promise<string[]> {
    const entries = await readdir(join(this.dir, WORKSPACES_FOLDER), { withFileTypes: true }).catch(() => []);
    const names = entries.filter((e) => e.isDirectory()).map((e) => e.name);
    return [DEFAULT_WORKSPACE, ...names.filter((n) => n !== DEFAULT_WORKSPACE).sort()];
  }

  async create(name: string): Promise<void> {
    const folder = join(this.dir, WORKSPACES_FOLDER, name);
    if (name === DEFAULT_WORKSPACE || (await stat(folder).catch(() => undefined))) {
      throw new StateError('io', `workspace "${name}" already exists.`);
    }
    await mkdir(folder, { recursive: true, mode: 0o700 });
  }

  async remove(name: string): Promise<void> {
    await rm(join(this.dir, WORKSPACES_FOLDER, name), { recursive: true, force: true });
  }
}
