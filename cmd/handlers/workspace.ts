import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  checkWorkspaceName,
  DEFAULT_WORKSPACE,
  type OpenedBackendKind,
  readState,
  selectedWorkspace,
  WORKSPACE_FILE,
  type Workspaces,
} from '../../engine/state/index.js';
import { openStateTarget } from '../backend.js';

// `runform workspace list|show|new|select|delete`: separate states in one backend, one per
// environment. The selection is saved in .runform/workspace; --workspace and RUNFORM_WORKSPACE win over it.

export interface WorkspaceCmdArgs {
  dir: string;
  name?: string;
  force?: boolean;
}

const say = (text: string) => process.stdout.write(`${text}\n`);

/** The folder's backend kind and its workspaces, or undefined (with the problem printed). */
async function workspacesOf(dir: string): Promise<{ kind: OpenedBackendKind; ws: Workspaces } | undefined> {
  const target = await openStateTarget(dir, { workspace: DEFAULT_WORKSPACE });
  if (!target) return undefined;
  if (!target.kind.workspaces) throw new Error(`the ${target.kind.kind} backend does not support workspaces.`);
  return { kind: target.kind, ws: target.kind.workspaces };
}

/** The name argument, checked. */
function nameOf(a: WorkspaceCmdArgs): string {
  const name = String(a.name);
  const bad = checkWorkspaceName(name);
  if (bad) throw new Error(bad);
  return name;
}

/** The workspace subcommands, by name. */
export const workspaceHandlers = {
  async list(a: WorkspaceCmdArgs) {
    const { ws } = (await workspacesOf(a.dir)) ?? {};
    if (!ws) return;
    const current = selectedWorkspace(a.dir, undefined).name;
    for (const n of await ws.list()) say(`${n === current ? '*' : ' '} ${n}`);
    process.exitCode = 0;
  },
  async show(a: WorkspaceCmdArgs) {
    say(selectedWorkspace(a.dir, undefined).name);
    process.exitCode = 0;
  },
  async new(a: WorkspaceCmdArgs) {
    const name = nameOf(a);
    const { ws } = (await workspacesOf(a.dir)) ?? {};
    if (!ws) return;
    await ws.create(name);
    // As with Terraform, the new workspace becomes the selected one.
    saveSelection(a.dir, name);
    say(`Created and selected workspace "${name}".`);
    process.exitCode = 0;
  },
  async select(a: WorkspaceCmdArgs) {
    const name = nameOf(a);
    const { ws } = (await workspacesOf(a.dir)) ?? {};
    if (!ws) return;
    if (!(await ws.list()).includes(name)) {
      throw new Error(`workspace "${name}" does not exist. Create it with: runform workspace new ${name}`);
    }
    saveSelection(a.dir, name);
    say(`Selected workspace "${name}".`);
    process.exitCode = 0;
  },
  async delete(a: WorkspaceCmdArgs) {
    const name = nameOf(a);
    if (name === DEFAULT_WORKSPACE) throw new Error('the default workspace cannot be deleted.');
    if (selectedWorkspace(a.dir, undefined).name === name) {
      throw new Error(`workspace "${name}" is the selected one; select another before deleting it.`);
    }
    const { kind, ws } = (await workspacesOf(a.dir)) ?? {};
    if (!kind || !ws) return;
    if (!(await ws.list()).includes(name)) throw new Error(`workspace "${name}" does not exist.`);
    const backend = kind.open(name);
    // Locked while checking, so that no run is writing the state we are about to drop.
    const lock = await backend.lock({ operation: 'workspace delete' });
    try {
      const s = await readState(backend);
      if (!a.force && (s.instanceCount > 0 || s.outputs.size > 0)) {
        throw new Error(
          `workspace "${name}" still manages ${s.instanceCount} instance(s) and ${s.outputs.size} output(s). ` +
            'Destroy them first, or pass --force to forget them (the real resources stay).',
        );
      }
    } finally {
      await backend.unlock(lock.id);
    }
    await ws.remove(name);
    say(`Deleted workspace "${name}".`);
    process.exitCode = 0;
  },
};

/** A subcommand handler that reports a thrown error as a message and exit code 1. */
export const run = (h: (a: WorkspaceCmdArgs) => Promise<void>) => async (a: WorkspaceCmdArgs) => {
  process.exitCode = 1;
  try {
    await h({ ...a, dir: resolve(a.dir ?? '.') });
  } catch (e) {
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
};

/** Saves the selected workspace in the configuration folder. */
function saveSelection(dir: string, name: string): void {
  const file = join(dir, WORKSPACE_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${name}\n`);
}
