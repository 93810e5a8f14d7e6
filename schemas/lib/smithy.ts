// Reading a Smithy JSON AST model: locating the model files beside the repository and
// narrowing the parsed JSON into the few shapes and traits the schema generators use.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** A member of a structure, list or map, as the Smithy JSON AST writes it. */
export interface SmithyMember {
  readonly target: string;
  readonly traits: Readonly<Record<string, unknown>>;
}

/** One shape of the model (only the fields the generators read). */
export interface SmithyShape {
  readonly type: string;
  readonly members?: Readonly<Record<string, SmithyMember>>;
  readonly member?: SmithyMember;
  readonly key?: SmithyMember;
  readonly value?: SmithyMember;
  readonly input?: { readonly target: string };
  readonly output?: { readonly target: string };
  readonly errors?: readonly { readonly target: string }[];
  readonly operations?: readonly { readonly target: string }[];
  readonly traits: Readonly<Record<string, unknown>>;
}

/** A loaded model: every shape by absolute id, and the id of the service shape. */
export interface SmithyModel {
  readonly shapes: ReadonlyMap<string, SmithyShape>;
  readonly serviceId: string;
}

/** The relative location of the App Runner model under a `shared/` checkout. */
export const APPRUNNER_MODEL = join('models', 'apprunner', 'apprunner-2020-05-15.smithy.json');

/**
 * Finds the shared models folder, which CI clones beside the repository (`<root>/../shared`).
 * Git worktrees sit one level deeper, so a couple of ancestors are tried; RUNFORM_SHARED_DIR overrides.
 */
export function findSharedDir(repoRoot: string): string | undefined {
  const override = process.env.RUNFORM_SHARED_DIR;
  if (override) return existsSync(override) ? override : undefined;
  let dir = resolve(repoRoot);
  for (let i = 0; i < 3; i++) {
    dir = dirname(dir);
    const candidate = join(dir, 'shared');
    if (existsSync(join(candidate, APPRUNNER_MODEL))) return candidate;
  }
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function member(v: unknown): SmithyMember | undefined {
  if (!isRecord(v) || typeof v.target !== 'string') return undefined;
  return { target: v.target, traits: isRecord(v.traits) ? v.traits : {} };
}

function targets(v: unknown): { target: string }[] | undefined {
  if (!Array.isArray(v)) return undefined;
  return v.flatMap((t) => (isRecord(t) && typeof t.target === 'string' ? [{ target: t.target }] : []));
}

function shape(v: unknown): SmithyShape {
  if (!isRecord(v) || typeof v.type !== 'string') throw new Error('model shape without a type');
  const members: Record<string, SmithyMember> = {};
  if (isRecord(v.members)) {
    for (const [name, m] of Object.entries(v.members)) {
      const parsed = member(m);
      if (parsed) members[name] = parsed;
    }
  }
  const input = member(v.input);
  const output = member(v.output);
  return {
    type: v.type,
    members,
    member: member(v.member),
    key: member(v.key),
    value: member(v.value),
    input: input ? { target: input.target } : undefined,
    output: output ? { target: output.target } : undefined,
    errors: targets(v.errors),
    operations: targets(v.operations),
    traits: isRecord(v.traits) ? v.traits : {},
  };
}

/** Parses a Smithy JSON AST file into a model with exactly one service shape. */
export function loadSmithyModel(file: string): SmithyModel {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isRecord(raw) || !isRecord(raw.shapes)) throw new Error(`${file}: not a Smithy JSON model`);
  const shapes = new Map<string, SmithyShape>();
  let serviceId: string | undefined;
  for (const [id, s] of Object.entries(raw.shapes)) {
    const parsed = shape(s);
    shapes.set(id, parsed);
    if (parsed.type === 'service') serviceId = id;
  }
  if (!serviceId) throw new Error(`${file}: no service shape`);
  return { shapes, serviceId };
}

/** The shape with this id; a missing id is a broken model, so it throws. */
export function getShape(model: SmithyModel, id: string): SmithyShape {
  const s = model.shapes.get(id);
  if (!s) throw new Error(`shape ${id} is not in the model`);
  return s;
}

/** The local name of a shape id: `com.amazonaws.apprunner#Cpu` → `Cpu`. */
export function localName(id: string): string {
  const i = id.indexOf('#');
  return i < 0 ? id : id.slice(i + 1);
}

/** The service's operations, sorted by name so that output order never depends on the model file. */
export function operationIds(model: SmithyModel): string[] {
  const svc = getShape(model, model.serviceId);
  return (svc.operations ?? []).map((o) => o.target).sort((a, b) => localName(a).localeCompare(localName(b)));
}
