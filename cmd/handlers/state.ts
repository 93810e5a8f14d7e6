import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { canonicalInstance, configAddr, type InstanceAddr } from '../../engine/addrs/index.js';
import {
  type Backend,
  decodeStateFile,
  encodeStateFile,
  readState,
  type State,
  StateSession,
} from '../../engine/state/index.js';
import { openStateTarget } from '../backend.js';
import type { WorkspaceArgs } from '../commands/options.js';
import { renderInstanceText } from '../views/state-text.js';

// `runform state list|show|rm|mv|pull|push`: inspect and edit the state directly. Edits go through
// a locked session, so they are journaled, backed up and refused while another run holds the lock.

export interface StateArgs extends WorkspaceArgs {
  dir: string;
  addr?: string;
  from?: string;
  to?: string;
  file?: string;
  force?: boolean;
}

const fail = (message: string): void => {
  process.stderr.write(`Error: ${message}\n`);
  process.exitCode = 1;
};

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function backendOf(a: StateArgs) {
  const target = await openStateTarget(resolve(a.dir), a);
  if (!target) process.exitCode = 1;
  return target?.backend;
}

/** Runs `body` on the state read without locking; errors become messages. */
async function reading(a: StateArgs, body: (s: State) => void): Promise<void> {
  const backend = await backendOf(a);
  if (!backend) return;
  try {
    body(await readState(backend));
  } catch (e) {
    fail(messageOf(e));
  }
}

/** Runs `body` under the state lock; the session saves and unlocks however it ends. */
async function editing(
  a: StateArgs,
  operation: string,
  body: (s: StateSession, backend: Backend) => Promise<string>,
): Promise<void> {
  const backend = await backendOf(a);
  if (!backend) return;
  let session: StateSession;
  try {
    session = await StateSession.open(backend, { operation });
  } catch (e) {
    fail(messageOf(e));
    return;
  }
  let said: string | undefined;
  try {
    said = await body(session, backend);
  } catch (e) {
    fail(messageOf(e));
  }
  try {
    await session.close();
  } catch (e) {
    fail(messageOf(e));
    return;
  }
  if (said !== undefined && process.exitCode !== 1) {
    process.stdout.write(`${said}\n`);
    process.exitCode = 0;
  }
}

/** The instances an address names: itself, or every instance of a resource address. */
function matching(s: State, text: string): InstanceAddr[] {
  const addr = canonicalInstance(text);
  if (!addr) throw new Error(`"${text}" is not a resource address.`);
  const out: InstanceAddr[] = [];
  for (const [a] of s.instances()) if (a === addr || configAddr(a) === String(addr)) out.push(a);
  return out;
}

function show(s: State, text: string): void {
  const addrs = matching(s, text);
  if (addrs.length === 0) {
    fail(`${text} is not in the state.`);
    return;
  }
  for (const a of addrs) process.stdout.write(renderInstanceText(s, a));
  process.exitCode = 0;
}

async function rm(a: StateArgs): Promise<void> {
  await editing(a, 'state rm', async (session) => {
    const addrs = matching(session.state, String(a.addr));
    if (addrs.length === 0) throw new Error(`${a.addr} is not in the state; nothing was removed.`);
    for (const addr of addrs) await session.record({ kind: 'remove-instance', addr });
    return `Removed ${addrs.length} instance(s) from the state: ${addrs.join(', ')}. The real resources were left as they are.`;
  });
}

async function mv(a: StateArgs): Promise<void> {
  await editing(a, 'state mv', async (session) => {
    const s = session.state;
    const from = canonicalInstance(String(a.from));
    const to = canonicalInstance(String(a.to));
    if (!from || !to) throw new Error('state mv takes two resource instance addresses.');
    const o = s.instance(from);
    const provider = s.resource(configAddr(from))?.provider;
    if (!o || provider === undefined) throw new Error(`${from} is not in the state; nothing was moved.`);
    if (s.instance(to)) throw new Error(`${to} is already in the state; nothing was moved.`);
    if (from.split('.')[0] !== to.split('.')[0]) {
      throw new Error(`${from} and ${to} are resources of different types; nothing was moved.`);
    }
    await session.record({ kind: 'set-instance', addr: to, provider, instance: o });
    await session.record({ kind: 'remove-instance', addr: from });
    return `Moved ${from} to ${to}.`;
  });
}

async function push(a: StateArgs): Promise<void> {
  let pushed: State;
  try {
    pushed = decodeStateFile(readFileSync(resolve(String(a.file)), 'utf8'), String(a.file));
  } catch (e) {
    fail(messageOf(e));
    return;
  }
  await editing(a, 'state push', async (session, backend) => {
    const s = session.state;
    const summary = `${pushed.instanceCount} instance(s), ${pushed.outputs.size} output(s)`;
    if (a.force) {
      // Forced: the file replaces the state as it is, lineage and serial included.
      if (!backend.overwrite) {
        throw new Error(
          `state push --force is not available with this backend (${backend.location}); push without --force, or migrate the state with "runform state migrate".`,
        );
      }
      await backend.overwrite(pushed);
      return `Pushed ${a.file} as it is (lineage ${pushed.lineage}, serial ${pushed.serial}): ${summary}.`;
    }
    const fresh = s.serial === 0 && s.instanceCount === 0 && s.outputs.size === 0;
    if (!fresh) {
      if (pushed.lineage !== s.lineage) {
        throw new Error(
          `${a.file} belongs to another state (lineage ${pushed.lineage}, the state has ${s.lineage}). Nothing was pushed; --force overrides.`,
        );
      }
      if (pushed.serial < s.serial) {
        throw new Error(
          `${a.file} is older than the state (serial ${pushed.serial}, the state is at ${s.serial}). Nothing was pushed; --force overrides.`,
        );
      }
    }
    // Written whole as the next serial of the stored state (a state never written takes the pushed lineage).
    await backend.write(pushed);
    return `Pushed ${a.file}: ${summary}.`;
  });
}

/** The state subcommands, by name. */
export const stateHandlers: Record<'list' | 'show' | 'rm' | 'mv' | 'pull' | 'push', (a: StateArgs) => Promise<void>> = {
  list: (a) =>
    reading(a, (s) => {
      for (const addr of [...s.instances()].map(([x]) => x).sort()) process.stdout.write(`${addr}\n`);
      process.exitCode = 0;
    }),
  show: (a) => reading(a, (s) => show(s, String(a.addr))),
  rm,
  mv,
  pull: (a) =>
    reading(a, (s) => {
      process.stdout.write(encodeStateFile(s));
      process.exitCode = 0;
    }),
  push,
};
