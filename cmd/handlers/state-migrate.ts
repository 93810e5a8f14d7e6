import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { decodeModule } from '../../engine/config/index.js';
import { type Diagnostic, error, hasErrors } from '../../engine/diag/index.js';
import { parseHCL } from '../../engine/hcl/index.js';
import {
  type Backend,
  checkWorkspaceName,
  configureBackend,
  DEFAULT_WORKSPACE,
  decodeStateFile,
  encodeStateFile,
  type LockInfo,
  type State,
  StateSession,
} from '../../engine/state/index.js';
import { openStateTarget } from '../backend.js';
import type { LockTimeoutArgs, WorkspaceArgs } from '../commands/options.js';
import { useColor } from '../views/color.js';
import { renderDiagnosticsText } from '../views/diagnostics.js';
import { lockTimeoutOf } from './lock.js';

// `runform state migrate --to-backend FILE [DIR]`: copies the state of the configured backend to
// the backend that FILE's `runform { backend … }` block names, keeping lineage and serial. Both
// states are locked for the copy, and a target that already holds another state is left alone.

export interface MigrateArgs extends WorkspaceArgs, LockTimeoutArgs {
  dir: string;
  'to-backend': string;
  'to-workspace'?: string;
  color?: boolean;
}

/** Decodes the target backend from the file; prints diagnostics and returns undefined when it is wrong. */
function targetKind(file: string, color: boolean) {
  const diags: Diagnostic[] = [];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    process.stderr.write(`Error: cannot read ${file}: ${(e as Error).message}\n`);
    return undefined;
  }
  const name = basename(file);
  const sources = new Map([[name, text]]);
  const parsed = parseHCL(text, name);
  diags.push(...parsed.diagnostics);
  const module = decodeModule(dirname(file), [parsed.file], sources, diags);
  const block = module.runform?.backend;
  if (!hasErrors(diags) && !block) {
    diags.push(
      error(
        'No backend to migrate to',
        module.runform?.range,
        `${name} must hold a block runform { backend "KIND" { … } } naming the target backend.`,
      ),
    );
  }
  const kind = hasErrors(diags) ? undefined : configureBackend(block, { dir: dirname(file), env: process.env }, diags);
  if (diags.length > 0)
    process.stderr.write(`${renderDiagnosticsText(diags, sources, useColor(process.stderr, !color))}\n`);
  return kind;
}

async function migrate(a: MigrateArgs): Promise<void> {
  const lockTimeoutMs = lockTimeoutOf(a);
  if (lockTimeoutMs === undefined) return;
  const source = await openStateTarget(resolve(a.dir), a);
  if (!source) return;
  const kind = targetKind(resolve(a['to-backend']), a.color !== false);
  if (!kind) return;
  const workspace = a['to-workspace'] ?? source.workspace;
  const bad = checkWorkspaceName(workspace);
  if (bad) throw new Error(bad);
  // The target workspace is created when missing: a new backend starts with `default` only.
  if (workspace !== DEFAULT_WORKSPACE && kind.workspaces && !(await kind.workspaces.list()).includes(workspace)) {
    await kind.workspaces.create(workspace);
  }
  const target = kind.open(workspace);
  const session = await StateSession.open(source.backend, { operation: 'state migrate', lockTimeoutMs });
  let targetLock: LockInfo | undefined;
  try {
    targetLock = await target.lock({ operation: 'state migrate', timeoutMs: lockTimeoutMs });
    process.stdout.write(`${await copy(session, target, source.backend)}\n`);
    process.exitCode = 0;
  } finally {
    if (targetLock) await target.unlock(targetLock.id);
    await session.close();
  }
}

async function copy(session: StateSession, target: Backend, from: Backend): Promise<string> {
  const s = session.state;
  if (s.serial === 0 && s.instanceCount === 0 && s.outputs.size === 0) {
    return `${from.location} holds no state yet; there is nothing to migrate.`;
  }
  const snap = await target.read();
  if ((await target.journal().readAll()).entries.length > 0) {
    throw new Error(
      `${target.location} has unfinished changes in its journal; run a command against it first. Nothing was copied.`,
    );
  }
  const copied = decodeStateFile(encodeStateFile(s), from.location);
  if (snap.exists) {
    const t = snap.state;
    // An S3 workspace exists once its state object does, so creating one writes an empty state
    // with a lineage of its own. Nothing refers to that lineage yet: the migrated state replaces it.
    if (t.lineage !== s.lineage && isEmpty(t) && target.overwrite) {
      await target.overwrite(copied);
      return copiedMessage(s, copied.serial, from, target);
    }
    if (t.lineage !== s.lineage) {
      throw new Error(
        `${target.location} already holds another state (lineage ${t.lineage}, the source has ${s.lineage}). ` +
          'Nothing was copied; migrate into an empty workspace or remove that state first.',
      );
    }
    if (t.serial === s.serial)
      return `${target.location} already holds this state at serial ${s.serial}; nothing to copy.`;
    throw new Error(
      `${target.location} holds serial ${t.serial} of the same state, the source is at serial ${s.serial}. ` +
        'Nothing was copied; decide which one is current and remove the other.',
    );
  }
  return copiedMessage(s, await target.write(copied), from, target);
}

function copiedMessage(s: State, serial: number, from: Backend, to: Backend): string {
  return (
    `Copied the state (lineage ${s.lineage}, serial ${serial}, ${s.instanceCount} instance(s), ` +
    `${s.outputs.size} output(s)) from ${from.location} to ${to.location}. ` +
    'Point the configuration at the new backend before the next run.'
  );
}

/** A state that holds nothing: no instances, deposed objects or outputs. */
function isEmpty(s: State): boolean {
  return s.instanceCount === 0 && s.outputs.size === 0 && s.deposedObjects().next().done === true;
}

/** Runs `runform migrate`. */
export async function migrateHandler(a: MigrateArgs): Promise<void> {
  process.exitCode = 1;
  try {
    await migrate(a);
  } catch (e) {
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
