import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Module } from '../config/index.js';
import { type Diagnostic, error } from '../diag/index.js';
import { fromJSON, type Json, toJSON, typeFromJSON, typeToJSON, unmarkDeep, type Value } from '../lang/index.js';
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

/** Writes a plan file (mode 0600). */
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
  writeFileSync(path, `${JSON.stringify(doc, null, 1)}\n`, { mode: 0o600 });
}

/** Reads a plan file; an unreadable file or an unknown version is a diagnostic. */
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
  if (!doc.plan || typeof doc.config_digest !== 'string' || !doc.variables) {
    return { diagnostics: [error('Corrupt plan file', undefined, `${path} is missing required fields.`)] };
  }
  return { file: { configDigest: doc.config_digest, variables: doc.variables, plan: doc.plan }, diagnostics: [] };
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
