import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Module } from '../config/index.js';
import { type Diagnostic, error } from '../diag/index.js';
import { fromJSON, type Json, toJSON, typeFromJSON, typeToJSON, unmarkDeep, type Value } from '../lang/index.js';
import { StateError } from '../state/index.js';
import { decodePlanFile } from './file-decode.js';
import type { Plan } from './plan.js';
import { redactPlan } from './redact.js';

// Plan files: a self-contained, versioned JSON document — the configuration digest, the variable
// values, the state version the plan was made against, and the changes. No sensitive value is
// written: sensitive variables are kept out (only a salted digest is kept, so the value supplied
// again at apply can be checked to be the same), and sensitive leaves of planned values are null.

/** The plan file format version this code writes and reads. */
export const PLAN_FORMAT_VERSION = 1;

/** One variable in a plan file. */
export type StoredVariable =
  | { readonly type: Json; readonly value: Json }
  | { readonly type: Json; readonly sensitive: true; readonly salt: string; readonly digest: string };

/** The document as stored. */
interface PlanFileDoc {
  readonly runform_plan: number;
  readonly config_digest: string;
  readonly variables: Record<string, StoredVariable>;
  readonly plan: Plan;
}

/** A loaded plan file, before it is checked against the configuration and the variables supplied again. */
export interface PlanFile {
  readonly configDigest: string;
  readonly variables: Readonly<Record<string, StoredVariable>>;
  readonly plan: Plan;
}

/** The digest of a configuration: every configuration file's name and contents. */
export function configDigest(module: Module): string {
  const h = createHash('sha256');
  for (const name of [...module.sources.keys()].sort()) {
    h.update(`${name}\0${module.sources.get(name)!}\0`);
  }
  return `sha256:${h.digest('hex')}`;
}

const digestOf = (salt: string, v: Value) =>
  createHash('sha256')
    .update(salt)
    .update(JSON.stringify(toJSON(unmarkDeep(v).value)))
    .digest('hex');

/** A plan file that could not be written; the message names the file and the reason. */
export class PlanFileError extends Error {
  constructor(
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PlanFileError';
  }
}

const IS_A_FOLDER = 'it is a folder; name a file to save the plan to';

/** Why a write to `path` failed, in words, from the system error code. */
function writeProblem(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return `the folder ${dirname(path)} does not exist`;
    case 'ENOTDIR':
      return `a part of ${dirname(path)} is not a folder`;
    case 'EISDIR':
      return IS_A_FOLDER;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
    case 'EDQUOT':
      return 'no space left on the device';
    default:
      return e instanceof Error ? e.message : String(e);
  }
}

/**
 * Writes a plan file (mode 0600). A failed write leaves any file already at `path` as it was;
 * it throws PlanFileError, whose message names the path and the reason.
 */
export function savePlanFile(path: string, plan: Plan, module: Module, variables: ReadonlyMap<string, Value>): void {
  const vars: Record<string, StoredVariable> = {};
  for (const [name, v] of variables) {
    const type = typeToJSON(v.type);
    if (unmarkDeep(v).sensitive) {
      const salt = randomBytes(16).toString('hex');
      vars[name] = { type, sensitive: true, salt, digest: digestOf(salt, v) };
    } else vars[name] = { type, value: toJSON(v) };
  }
  const doc: PlanFileDoc = {
    runform_plan: PLAN_FORMAT_VERSION,
    config_digest: configDigest(module),
    variables: vars,
    plan: redactPlan(plan),
  };
  replaceFile(path, `${JSON.stringify(doc, null, 1)}\n`);
}

/**
 * Replaces the file at `path` with `text`: written beside it (mode 0600), synced, then renamed
 * over it, so that a failed write leaves the file already there whole. Throws PlanFileError.
 */
function replaceFile(path: string, text: string): void {
  // Typed where it is declared, so that the compiler knows a call to it ends the function.
  const refuse: (problem: string, cause?: unknown) => never = (problem, cause) => {
    throw new PlanFileError(
      path,
      `Cannot write the plan file ${path}: ${problem}.`,
      cause === undefined ? {} : { cause },
    );
  };
  // A folder is refused before anything is written: the rename would fail only after the write.
  let folder = false;
  try {
    folder = statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    // An unreachable path: opening the file beside it says why.
  }
  if (folder) refuse(IS_A_FOLDER);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o600);
  } catch (e) {
    refuse(writeProblem(path, e), e);
  }
  try {
    try {
      writeFileSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // Never made, or already gone: nothing to clean.
    }
    refuse(writeProblem(path, e), e);
  }
}

/**
 * Reads a plan file; an unreadable file, an unknown version, or a body of the wrong shape (see
 * decodePlanFile) is a diagnostic.
 */
export function loadPlanFile(path: string): { file?: PlanFile; diagnostics: Diagnostic[] } {
  let doc: Partial<PlanFileDoc>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<PlanFileDoc>;
  } catch (e) {
    return { diagnostics: [error('Cannot read the plan file', undefined, `${path}: ${(e as Error).message}`)] };
  }
  if (typeof doc !== 'object' || doc === null || doc.runform_plan === undefined) {
    return { diagnostics: [error('Not a plan file', undefined, `${path} is not a runform plan file.`)] };
  }
  if (doc.runform_plan !== PLAN_FORMAT_VERSION) {
    return {
      diagnostics: [
        error(
          'Unsupported plan file version',
          undefined,
          `${path} has format version ${String(doc.runform_plan)}; this runform reads version ${PLAN_FORMAT_VERSION}. Plan again.`,
        ),
      ],
    };
  }
  try {
    return { file: decodePlanFile(doc as Record<string, unknown>, path), diagnostics: [] };
  } catch (e) {
    if (!(e instanceof StateError) || e.kind !== 'corrupt') throw e;
    return { diagnostics: [error('Corrupt plan file', undefined, `${e.message}. Plan again.`)] };
  }
}

/**
 * Checks a plan file against the configuration as it is now and the variable values supplied
 * again, and returns the variable values to apply with. A changed configuration, or a sensitive
 * variable missing or different, is refused.
 */
export function checkPlanFile(
  file: PlanFile,
  module: Module,
  supplied: ReadonlyMap<string, Value>,
): { variables: Map<string, Value>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const variables = new Map<string, Value>();
  if (file.configDigest !== configDigest(module)) {
    diagnostics.push(
      error('Saved plan is stale', undefined, 'The configuration changed since the plan was made. Plan again.'),
    );
    return { variables, diagnostics };
  }
  for (const [name, sv] of Object.entries(file.variables)) {
    if ('value' in sv) {
      const v = fromJSON(sv.value, typeFromJSON(sv.type));
      variables.set(name, v);
      continue;
    }
    const given = supplied.get(name);
    if (!given || given.payload === null || digestOf(sv.salt, given) !== sv.digest) {
      diagnostics.push(
        error(
          `Sensitive variable "${name}" must be supplied again`,
          undefined,
          `Plan files do not keep sensitive values. Supply the same value of "${name}" that the plan was made with (environment, variables file or --var).`,
        ),
      );
      continue;
    }
    variables.set(name, { ...given, sensitive: true });
  }
  const decl = [...module.variables.values()].filter((v) => v.sensitive);
  for (const d of decl) {
    const v = variables.get(d.name);
    if (v && !v.sensitive) variables.set(d.name, { ...v, sensitive: true });
  }
  return { variables, diagnostics };
}
