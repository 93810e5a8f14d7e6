import type { ResourceSchema } from '../../providers/provider.js';
import { type Diagnostic, didYouMean, error } from '../diag/index.js';
import {
  builtinFunctions,
  convertToConstraint,
  EMPTY_SCOPE,
  evaluate,
  isKnown,
  isNull,
  parseTypeConstraint,
} from '../lang/index.js';
import { bodyJSON, validateContext } from './args.js';
import { cycleDiagnostics, moduleGraph } from './depgraph.js';
import { checkImports } from './imports.js';
import type { Module, ResourceDecl } from './module.js';
import { checkReferences } from './references.js';
import { checkAgainstSchema } from './schema-check.js';
import { hideValueOf } from './values.js';

/** The schemas validate checks resource bodies against, by type name. */
export interface SchemaSet {
  readonly resources: ReadonlyMap<string, ResourceSchema>;
  readonly dataSources: ReadonlyMap<string, ResourceSchema>;
}

/**
 * Static validation, with no state and no API call: references to undeclared names, reference
 * cycles, variable defaults against their types, import targets, for_each shapes, provider
 * references, and every resource body against its type's JSON Schema.
 */
export function validateModule(m: Module, schemas: SchemaSet): Diagnostic[] {
  return sortByPosition([
    ...checkReferences(m),
    ...cycleDiagnostics(moduleGraph(m)),
    ...declarations(m, schemas, true),
  ]);
}

/**
 * What plan and apply check first, before any state is read: validateModule without what the
 * plan checks itself anyway. Its dependency graph reports undeclared references and cycles, and
 * each resource body is checked against its schema once evaluated, literal values included.
 */
export function checkDeclarations(m: Module, schemas: SchemaSet): Diagnostic[] {
  return declarations(m, schemas, false);
}

function declarations(m: Module, schemas: SchemaSet, bodies: boolean): Diagnostic[] {
  const diags: Diagnostic[] = [];
  checkVariables(m, diags);
  diags.push(...checkImports(m));
  const roots = [
    'var',
    'local',
    'data',
    'path',
    'count',
    'each',
    ...new Set([...m.resources.values()].map((r) => r.type)),
  ];
  const ctx = validateContext(roots, m.dir);
  for (const r of m.resources.values()) {
    checkProviderRef(r, m, diags);
    checkForEach(r, ctx, diags);
    const set = r.mode === 'managed' ? schemas.resources : schemas.dataSources;
    const schema = set.get(r.type);
    if (!schema) {
      const kind = r.mode === 'managed' ? 'resource type' : 'data source';
      diags.push(
        error(
          `Unsupported ${kind}`,
          r.declRange,
          `No provider offers the ${kind} "${r.type}".${didYouMean(r.type, set.keys())}`,
        ),
      );
      continue;
    }
    if (!bodies) continue;
    const json = bodyJSON({ kind: 'Body', ...r.config, items: [] }, schema, ctx, diags);
    diags.push(...checkAgainstSchema(json, schema, r.declRange));
  }
  return sortByPosition(diags);
}

/** Diagnostics in reading order: by file, then position; those without a place keep their order first. */
export function sortByPosition(diags: readonly Diagnostic[]): Diagnostic[] {
  return diags
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const ra = a.d.range;
      const rb = b.d.range;
      if (!ra || !rb) return ra === rb ? a.i - b.i : ra ? 1 : -1;
      if (ra.filename !== rb.filename) return ra.filename < rb.filename ? -1 : 1;
      return ra.start.byte - rb.start.byte || a.i - b.i;
    })
    .map((x) => x.d);
}

function checkVariables(m: Module, diags: Diagnostic[]): void {
  const functions = builtinFunctions();
  for (const v of m.variables.values()) {
    if (!v.type) continue;
    const tc = parseTypeConstraint(v.type);
    diags.push(...tc.diagnostics);
    if (!v.default || tc.diagnostics.length > 0) continue;
    const d = evaluate(v.default, { scope: EMPTY_SCOPE, functions });
    diags.push(...hideValueOf(v, d.diagnostics));
    if (d.diagnostics.length > 0) continue;
    if (isNull(d.value) && !v.nullable) {
      diags.push(
        error(
          'Invalid default value for variable',
          v.default.range,
          `var.${v.name} is not nullable, so its default cannot be null.`,
        ),
      );
      continue;
    }
    const c = convertToConstraint(d.value, tc, v.default.range);
    diags.push(
      ...hideValueOf(
        v,
        c.diagnostics.map((x) => ({ ...x, summary: 'Invalid default value for variable' })),
      ),
    );
  }
}

function checkProviderRef(r: ResourceDecl, m: Module, diags: Diagnostic[]): void {
  if (!r.provider) return;
  if (!m.providers.has(r.provider.key) && r.provider.key.includes('.')) {
    diags.push(
      error(
        'Reference to undefined provider',
        r.provider.range,
        `No provider block with alias "${r.provider.key}" is configured.${didYouMean(r.provider.key, m.providers.keys())}`,
      ),
    );
  }
}

function checkForEach(r: ResourceDecl, ctx: ReturnType<typeof validateContext>, diags: Diagnostic[]): void {
  if (!r.forEach) return;
  const v = evaluate(r.forEach.expr, ctx);
  diags.push(...v.diagnostics);
  if (!isKnown(v.value) || v.diagnostics.length > 0) return;
  const kind = v.value.type.kind;
  const range = r.forEach.expr.range;
  if (isNull(v.value)) {
    diags.push(
      error('Invalid for_each argument', range, 'for_each cannot be null; give it a map or a set of strings.'),
    );
  } else if (kind === 'set') {
    for (const e of Array.isArray(v.value.payload) ? v.value.payload : []) {
      if (e.type.kind !== 'string') {
        diags.push(
          error(
            'Invalid for_each argument',
            range,
            'A set given to for_each must hold strings: each string becomes an instance key.',
          ),
        );
        break;
      }
    }
  } else if (kind !== 'map' && kind !== 'object') {
    const hint = kind === 'list' || kind === 'tuple' ? ' Convert a list with toset(…) first.' : '';
    diags.push(
      error(
        'Invalid for_each argument',
        range,
        `for_each needs a map or a set of strings, but this is a ${kind}.${hint}`,
      ),
    );
  }
}
