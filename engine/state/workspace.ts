import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { StateError } from './errors.js';

/** The workspace every backend has, and the one used when none is selected. */
export const DEFAULT_WORKSPACE = 'default';

/** Environment variable that selects the workspace (the --workspace option wins over it). */
export const WORKSPACE_ENV = 'RUNFORM_WORKSPACE';

/** The file in the configuration folder that `runform workspace select` writes. */
export const WORKSPACE_FILE = join('.runform', 'workspace');

/** Lists, creates and deletes the workspaces of one backend configuration. */
export interface Workspaces {
  /** Every workspace, sorted; `default` is always there. */
  list(): Promise<string[]>;
  /** Creates an empty workspace; a StateError when it exists. */
  create(name: string): Promise<void>;
  /** Forgets a workspace and its state. The caller checks first that it may (empty, not locked). */
  remove(name: string): Promise<void>;
}

/** Undefined when `name` can be a workspace, else why not. Names end up in file names and messages. */
export function checkWorkspaceName(name: string): string | undefined {
  if (/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/.test(name)) return undefined;
  return `"${name}" is not a valid workspace name: use 1 to 64 letters, digits, "-" and "_", starting with a letter or digit.`;
}

/** Where the selected workspace came from, for messages. */
export type WorkspaceSource = 'option' | 'environment' | 'selection' | 'default';

/**
 * The workspace a command works in: --workspace, else RUNFORM_WORKSPACE, else the one
 * `runform workspace select` saved in the configuration folder, else `default`.
 */
export function selectedWorkspace(
  dir: string,
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): { name: string; source: WorkspaceSource } {
  const pick = (name: string, source: WorkspaceSource) => {
    const bad = checkWorkspaceName(name);
    if (bad) throw new StateError('io', `${bad} (from ${describeSource(source, dir)})`);
    return { name, source };
  };
  if (option !== undefined && option !== '') return pick(option, 'option');
  const fromEnv = env[WORKSPACE_ENV];
  if (fromEnv !== undefined && fromEnv !== '') return pick(fromEnv, 'environment');
  let saved: string | undefined;
  try {
    saved = readFileSync(join(dir, WORKSPACE_FILE), 'utf8').trim();
  } catch {
    saved = undefined;
  }
  if (saved) return pick(saved, 'selection');
  return { name: DEFAULT_WORKSPACE, source: 'default' };
}

function describeSource(source: WorkspaceSource, dir: string): string {
  switch (source) {
    case 'option':
      return 'the --workspace option';
    case 'environment':
      return WORKSPACE_ENV;
    case 'selection':
      return join(dir, WORKSPACE_FILE);
    case 'default':
      return 'the default';
  }
}
