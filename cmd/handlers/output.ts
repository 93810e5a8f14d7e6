import { resolve } from 'node:path';
import { type JsonValue, readState } from '../../engine/state/index.js';
import { openStateTarget } from '../backend.js';
import type { WorkspaceArgs } from '../commands/options.js';

// `runform output [NAME] [DIR]`: the root outputs recorded in the state. Sensitive values stay
// hidden in the listing; naming one output asks for its value on purpose, so --json/--raw show it.

export interface OutputArgs extends WorkspaceArgs {
  name?: string;
  dir?: string;
  json?: boolean;
  raw?: boolean;
}

/** An output value in the configuration language's notation (strings quoted, collections indented). */
function render(v: JsonValue): string {
  return typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v, null, 2);
}

/** Runs `runform output`. */
export async function outputHandler(args: OutputArgs): Promise<void> {
  const target = await openStateTarget(resolve(args.dir ?? '.'), args);
  if (!target) {
    process.exitCode = 1;
    return;
  }
  let outputs: Awaited<ReturnType<typeof readState>>['outputs'];
  try {
    outputs = (await readState(target.backend)).outputs;
  } catch (e) {
    process.stderr.write(`Error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
    return;
  }
  process.exitCode = args.name === undefined ? printAll(outputs, args.json === true) : printOne(outputs, args);
}

function printAll(outputs: ReadonlyMap<string, { value: JsonValue; sensitive: boolean }>, json: boolean): number {
  const names = [...outputs.keys()].sort();
  if (json) {
    const out: Record<string, JsonValue> = {};
    for (const n of names) {
      const o = outputs.get(n);
      if (o) out[n] = { sensitive: o.sensitive, value: o.sensitive ? null : o.value };
    }
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  }
  if (names.length === 0) {
    process.stderr.write('Warning: the state has no outputs. Declare outputs and apply to record them.\n');
    return 0;
  }
  for (const n of names) {
    const o = outputs.get(n);
    if (o) process.stdout.write(`${n} = ${o.sensitive ? '(sensitive value)' : render(o.value)}\n`);
  }
  return 0;
}

function printOne(outputs: ReadonlyMap<string, { value: JsonValue; sensitive: boolean }>, args: OutputArgs): number {
  const name = String(args.name);
  const o = outputs.get(name);
  if (!o) {
    process.stderr.write(`Error: no output named "${name}" in the state. Outputs are recorded when applied.\n`);
    return 1;
  }
  if (args.json) {
    process.stdout.write(`${JSON.stringify(o.value)}\n`);
    return 0;
  }
  if (args.raw) {
    if (typeof o.value === 'string' || typeof o.value === 'number' || typeof o.value === 'boolean') {
      process.stdout.write(String(o.value));
      return 0;
    }
    process.stderr.write(`Error: --raw prints only strings, numbers and booleans; use --json for "${name}".\n`);
    return 1;
  }
  process.stdout.write(`${o.sensitive ? '(sensitive value)' : render(o.value)}\n`);
  return 0;
}
