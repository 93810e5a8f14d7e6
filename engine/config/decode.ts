import { type Diagnostic, error, type Range } from '../diag/index.js';
import type { Block, File } from '../hcl/index.js';
import { at, type BodySpec, checkBody, checkLabels, requireBool, requireString } from './body.js';
import type {
  BackendKind,
  CheckRule,
  ImportDecl,
  LocalDecl,
  Module,
  MovedDecl,
  OutputDecl,
  ProviderConfig,
  ResourceDecl,
  RunformSettings,
  VariableDecl,
} from './module.js';
import { decodeProviderRef, decodeResource, nameRule, validName } from './resource.js';

/** The top-level block types and their labels. */
const TOP = {
  runform: { labels: [] },
  provider: { labels: ['name'] },
  variable: { labels: ['name'] },
  locals: { labels: [] },
  resource: { labels: ['type', 'name'] },
  data: { labels: ['type', 'name'] },
  output: { labels: ['name'] },
  moved: { labels: [] },
  import: { labels: [] },
} as const;

type TopBlock = keyof typeof TOP;

// What each block accepts. Specs are constants: checkBody works out a spec's required names once.
const TOP_SPEC: BodySpec = { attributes: {}, blocks: TOP };
const RUNFORM_SPEC: BodySpec = {
  attributes: { required_version: {} },
  blocks: { backend: { labels: ['kind'], single: true } },
};
const PROVIDER_SPEC: BodySpec = { attributes: { alias: {} }, blocks: {}, open: true };
const VARIABLE_SPEC: BodySpec = {
  attributes: { type: {}, default: {}, description: {}, sensitive: {}, nullable: {} },
  blocks: { validation: { labels: [] } },
};
const OUTPUT_SPEC: BodySpec = {
  attributes: { value: { required: true }, description: {}, sensitive: {} },
  blocks: { precondition: { labels: [] } },
};
const MOVED_SPEC: BodySpec = { attributes: { from: { required: true }, to: { required: true } }, blocks: {} };
const IMPORT_SPEC: BodySpec = {
  attributes: { to: { required: true }, id: { required: true }, provider: {} },
  blocks: {},
};
const RULE_SPEC: BodySpec = {
  attributes: { condition: { required: true }, error_message: { required: true } },
  blocks: {},
};

const BACKENDS: readonly BackendKind[] = ['local', 'pg', 's3'];

/** Mutable accumulator for Module while files are decoded one by one. */
interface Draft {
  runform?: RunformSettings;
  providers: Map<string, ProviderConfig>;
  variables: Map<string, VariableDecl>;
  locals: Map<string, LocalDecl>;
  resources: Map<string, ResourceDecl>;
  outputs: Map<string, OutputDecl>;
  moved: MovedDecl[];
  imports: ImportDecl[];
}

/** Decodes parsed files (in load order) into a Module, reporting structural problems. */
export function decodeModule(
  dir: string,
  files: readonly File[],
  sources: ReadonlyMap<string, string>,
  diags: Diagnostic[],
): Module {
  const d: Draft = {
    providers: new Map(),
    variables: new Map(),
    locals: new Map(),
    resources: new Map(),
    outputs: new Map(),
    moved: [],
    imports: [],
  };
  for (const f of files) {
    const top = checkBody(f.body, TOP_SPEC, 'the top level of a configuration file', diags);
    const accepted = new Set<Block>();
    for (const list of top.blocks.values()) for (const b of list) accepted.add(b);
    // Keep source order within a file so that duplicates point at the later definition.
    for (const b of f.body.blocks) {
      if (!accepted.has(b)) continue;
      handlers[b.type as TopBlock](b, d, diags);
    }
  }
  return { dir, sources, ...d };
}

const handlers: Record<TopBlock, (b: Block, d: Draft, diags: Diagnostic[]) => void> = {
  runform: (b, d, diags) => {
    if (d.runform) {
      diags.push(
        error(
          'Duplicate runform block',
          b.typeRange,
          `Settings belong in one runform block; the first is at ${at(d.runform.range)}.`,
        ),
      );
      return;
    }
    const body = checkBody(b.body, RUNFORM_SPEC, 'the runform block', diags);
    const rv = body.attrs.get('required_version');
    if (rv) requireString(rv, diags);
    const bb = body.blocks.get('backend')?.[0];
    let backend: RunformSettings['backend'];
    if (bb) {
      const kind = bb.labels[0].value;
      if ((BACKENDS as readonly string[]).includes(kind))
        backend = { kind: kind as BackendKind, body: bb.body, range: bb.range };
      else
        diags.push(
          error(
            'Unknown backend',
            bb.labels[0].range,
            `Backend "${kind}" is not one runform knows; use one of: ${BACKENDS.join(', ')}.`,
          ),
        );
    }
    d.runform = { ...(rv ? { requiredVersion: rv } : {}), ...(backend ? { backend } : {}), range: b.range };
  },

  provider: (b, d, diags) => {
    const name = b.labels[0].value;
    const body = checkBody(b.body, PROVIDER_SPEC, `provider "${name}"`, diags);
    const aliasAttr = body.attrs.get('alias');
    const alias = aliasAttr ? requireString(aliasAttr, diags) : undefined;
    const key = alias ? `${name}.${alias}` : name;
    const what = alias ? `alias "${alias}"` : 'no alias';
    const detail = `Provider "${name}" with ${what} is already configured at`;
    if (duplicate(d.providers.get(key)?.range, 'Duplicate provider configuration', b.labels[0].range, detail, diags)) {
      return;
    }
    d.providers.set(key, { name, ...(alias ? { alias } : {}), key, body: b.body, range: b.range });
  },

  variable: (b, d, diags) => {
    const label = b.labels[0];
    const name = label.value;
    if (!validName(name)) diags.push(error('Invalid variable name', label.range, nameRule(name)));
    const body = checkBody(b.body, VARIABLE_SPEC, `variable "${name}"`, diags);
    const detail = `A variable named "${name}" was already declared at`;
    if (duplicate(d.variables.get(name)?.range, 'Duplicate variable declaration', label.range, detail, diags)) return;
    const desc = body.attrs.get('description');
    const sens = body.attrs.get('sensitive');
    const nul = body.attrs.get('nullable');
    const type = body.attrs.get('type')?.expr;
    const def = body.attrs.get('default')?.expr;
    const description = desc ? requireString(desc, diags) : undefined;
    d.variables.set(name, {
      name,
      ...(type ? { type } : {}),
      ...(def ? { default: def } : {}),
      ...(description !== undefined ? { description } : {}),
      sensitive: (sens && requireBool(sens, diags)) ?? false,
      nullable: nul ? (requireBool(nul, diags) ?? true) : true,
      validations: (body.blocks.get('validation') ?? [])
        .map((v) => checkRule(v, 'a validation block', diags))
        .filter(isRule),
      range: b.range,
    });
  },

  locals: (b, d, diags) => {
    for (const blk of b.body.blocks) {
      diags.push(error('Unsupported block type', blk.typeRange, 'A locals block holds only name = value arguments.'));
    }
    for (const a of b.body.attributes) {
      if (!validName(a.name)) diags.push(error('Invalid local value name', a.nameRange, nameRule(a.name)));
      const detail = `A local value named "${a.name}" was already defined at`;
      if (duplicate(d.locals.get(a.name)?.range, 'Duplicate local value definition', a.nameRange, detail, diags)) {
        continue;
      }
      d.locals.set(a.name, { name: a.name, expr: a.expr, range: a.range });
    }
  },

  resource: (b, d, diags) => addResource(decodeResource(b, 'managed', diags), d, diags),
  data: (b, d, diags) => addResource(decodeResource(b, 'data', diags), d, diags),

  output: (b, d, diags) => {
    const label = b.labels[0];
    const name = label.value;
    if (!validName(name)) diags.push(error('Invalid output name', label.range, nameRule(name)));
    const body = checkBody(b.body, OUTPUT_SPEC, `output "${name}"`, diags, b.typeRange);
    const detail = `An output named "${name}" was already defined at`;
    if (duplicate(d.outputs.get(name)?.range, 'Duplicate output definition', label.range, detail, diags)) return;
    const value = body.attrs.get('value');
    if (!value) return;
    const desc = body.attrs.get('description');
    const sens = body.attrs.get('sensitive');
    const description = desc ? requireString(desc, diags) : undefined;
    d.outputs.set(name, {
      name,
      value: value.expr,
      ...(description !== undefined ? { description } : {}),
      sensitive: (sens && requireBool(sens, diags)) ?? false,
      preconditions: (body.blocks.get('precondition') ?? [])
        .map((p) => checkRule(p, 'a precondition block', diags))
        .filter(isRule),
      range: b.range,
    });
  },

  moved: (b, d, diags) => {
    const body = checkBody(b.body, MOVED_SPEC, 'a moved block', diags, b.typeRange);
    const from = body.attrs.get('from');
    const to = body.attrs.get('to');
    if (from && to) d.moved.push({ from: from.expr, to: to.expr, range: b.range });
  },

  import: (b, d, diags) => {
    const body = checkBody(b.body, IMPORT_SPEC, 'an import block', diags, b.typeRange);
    const to = body.attrs.get('to');
    const id = body.attrs.get('id');
    const provider = decodeProviderRef(body.attrs.get('provider'), diags);
    if (to && id) d.imports.push({ to: to.expr, id: id.expr, ...(provider ? { provider } : {}), range: b.range });
  },
};

function addResource(r: ResourceDecl | undefined, d: Draft, diags: Diagnostic[]): void {
  if (!r) return;
  const first = d.resources.get(r.address)?.declRange;
  if (first) {
    const kind = r.mode === 'managed' ? 'resource' : 'data source';
    const detail = `A ${kind} named "${r.name}" of type "${r.type}" was already declared at`;
    duplicate(first, `Duplicate ${kind} "${r.type}" configuration`, r.declRange, detail, diags);
    return;
  }
  d.resources.set(r.address, r);
}

/**
 * Reports a second declaration at `here`, naming where the first one is; true when there was a
 * first one, so the caller keeps the first and skips this one.
 */
function duplicate(
  first: Range | undefined,
  summary: string,
  here: Range,
  detail: string,
  diags: Diagnostic[],
): boolean {
  if (!first) return false;
  diags.push(error(summary, here, `${detail} ${at(first)}.`));
  return true;
}

function checkRule(b: Block, what: string, diags: Diagnostic[]): CheckRule | undefined {
  if (!checkLabels(b, [], diags)) return undefined;
  const body = checkBody(b.body, RULE_SPEC, what, diags, b.typeRange);
  const condition = body.attrs.get('condition');
  const message = body.attrs.get('error_message');
  if (!condition || !message) return undefined;
  return { condition: condition.expr, errorMessage: message.expr, range: b.range };
}

function isRule(r: CheckRule | undefined): r is CheckRule {
  return r !== undefined;
}

/** A zero-width range at the start of a file, for problems with no better place. */
export function fileStart(filename: string): Range {
  const p = { line: 1, column: 1, byte: 0 };
  return { filename, start: p, end: p };
}
