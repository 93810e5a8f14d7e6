import { type Diagnostic, error } from '../diag/index.js';
import { type Attribute, type Block, coverRanges, type Expression } from '../hcl/index.js';
import { at, type BodySpec, checkBody, requireBool, requireTuple, staticTraversal } from './body.js';
import type { Lifecycle, ResourceDecl, ResourceMode } from './module.js';

const lifecycleSpec = {
  attributes: {
    create_before_destroy: {},
    prevent_destroy: {},
    ignore_changes: {},
    replace_triggered_by: {},
  },
  blocks: {},
} as const;

// The meta-arguments and meta-blocks of resource and data blocks; the rest of the body is the type's.
const metaArguments = { count: {}, for_each: {}, depends_on: {}, provider: {} } as const;
const managedSpec: BodySpec = {
  attributes: metaArguments,
  blocks: { lifecycle: { labels: [], single: true }, timeouts: { labels: [], single: true } },
  open: true,
};
const timeoutsSpec: BodySpec = { attributes: { create: {}, update: {}, delete: {} }, blocks: {} };
const dataSpec: BodySpec = {
  attributes: metaArguments,
  blocks: { lifecycle: { labels: [], single: true } },
  open: true,
};

/** The lifecycle of a resource without a lifecycle block: shared, as decls are never changed. */
const NO_LIFECYCLE: Lifecycle = Object.freeze({ replaceTriggeredBy: Object.freeze([]) });

/** Decodes a `resource` or `data` block: separates meta-arguments from the type's own body. */
export function decodeResource(b: Block, mode: ResourceMode, diags: Diagnostic[]): ResourceDecl | undefined {
  const [typeLabel, nameLabel] = b.labels;
  const type = typeLabel.value;
  const name = nameLabel.value;
  if (!validName(type)) diags.push(error('Invalid resource type name', typeLabel.range, nameRule(type)));
  if (!validName(name)) diags.push(error('Invalid resource name', nameLabel.range, nameRule(name)));
  const what = mode === 'managed' ? `resource "${type}" "${name}"` : `data "${type}" "${name}"`;
  const body = checkBody(b.body, mode === 'managed' ? managedSpec : dataSpec, what, diags);
  const count = body.attrs.get('count');
  const forEach = body.attrs.get('for_each');
  if (count && forEach) {
    diags.push(
      error(
        'Invalid combination of "count" and "for_each"',
        forEach.nameRange,
        `A resource may use "count" or "for_each", not both; "count" is set at ${at(count.nameRange)}.`,
      ),
    );
  }
  const dependsOn = decodeDependsOn(body.attrs.get('depends_on'), diags);
  const provider = decodeProviderRef(body.attrs.get('provider'), diags);
  const lifeBlock = body.blocks.get('lifecycle')?.[0];
  if (lifeBlock && mode === 'data') {
    diags.push(error('Unsupported block type', lifeBlock.typeRange, 'Data sources have no lifecycle block.'));
  }
  const lifecycle = lifeBlock && mode === 'managed' ? decodeLifecycle(lifeBlock, diags) : NO_LIFECYCLE;
  const timeouts = body.blocks.get('timeouts')?.[0];
  if (timeouts) checkBody(timeouts.body, timeoutsSpec, 'a timeouts block', diags);
  return {
    mode,
    type,
    name,
    address: mode === 'managed' ? `${type}.${name}` : `data.${type}.${name}`,
    config: { attributes: body.otherAttrs, blocks: body.otherBlocks, range: b.body.range },
    ...(count ? { count } : {}),
    ...(forEach ? { forEach } : {}),
    dependsOn,
    ...(provider ? { provider } : {}),
    lifecycle,
    ...(timeouts ? { timeouts } : {}),
    range: b.range,
    // Joined from offsets: lines and columns are worked out only if a diagnostic is printed.
    declRange: coverRanges(b.typeRange, b.labels[b.labels.length - 1].range),
  };
}

function decodeDependsOn(a: Attribute | undefined, diags: Diagnostic[]): readonly Expression[] {
  if (!a) return [];
  const items = requireTuple(a, diags) ?? [];
  for (const item of items) {
    const t = staticTraversal(item);
    if (!t || t.root === 'var' || t.root === 'local' || t.root === 'count' || t.root === 'each') {
      diags.push(
        error(
          'Invalid depends_on reference',
          item.range,
          'Each entry of depends_on must name a resource or data source, such as apprunner_service.web.',
        ),
      );
    }
  }
  return items;
}

/** `provider = apprunner` or `provider = apprunner.eu`. */
export function decodeProviderRef(
  a: Attribute | undefined,
  diags: Diagnostic[],
): { key: string; range: Attribute['range'] } | undefined {
  if (!a) return undefined;
  const t = staticTraversal(a.expr);
  if (!t || t.steps.length > 1 || (t.steps.length === 1 && typeof t.steps[0] !== 'string')) {
    diags.push(
      error(
        'Invalid provider reference',
        a.expr.range,
        'Write the provider as a bare name, such as apprunner or apprunner.eu (no quotes).',
      ),
    );
    return undefined;
  }
  return { key: t.steps.length === 1 ? `${t.root}.${t.steps[0] as string}` : t.root, range: a.expr.range };
}

function decodeLifecycle(b: Block, diags: Diagnostic[]): Lifecycle {
  const body = checkBody(b.body, lifecycleSpec, 'a lifecycle block', diags);
  const cbd = body.attrs.get('create_before_destroy');
  const pd = body.attrs.get('prevent_destroy');
  if (cbd) requireBool(cbd, diags);
  if (pd) requireBool(pd, diags);
  let ignoreChanges: Lifecycle['ignoreChanges'];
  const ic = body.attrs.get('ignore_changes');
  if (ic) {
    if (ic.expr.kind === 'Variable' && ic.expr.name === 'all') ignoreChanges = 'all';
    else {
      const items = requireTuple(ic, diags) ?? [];
      for (const item of items) {
        const t = staticTraversal(item);
        if (!t)
          diags.push(
            error(
              'Invalid ignore_changes entry',
              item.range,
              'Each entry must be an attribute path of this resource, such as tags or tags["team"].',
            ),
          );
      }
      ignoreChanges = items;
    }
  }
  const rtb = body.attrs.get('replace_triggered_by');
  const replaceTriggeredBy = rtb ? (requireTuple(rtb, diags) ?? []) : [];
  for (const item of replaceTriggeredBy) {
    if (!staticTraversal(item)) {
      diags.push(
        error(
          'Invalid replace_triggered_by entry',
          item.range,
          'Each entry must reference a managed resource or one of its attributes.',
        ),
      );
    }
  }
  return {
    ...(cbd ? { createBeforeDestroy: cbd } : {}),
    ...(pd ? { preventDestroy: pd } : {}),
    ...(ignoreChanges !== undefined ? { ignoreChanges } : {}),
    replaceTriggeredBy,
  };
}

const NAME = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

/** True for names that can be used in references: a letter or underscore, then letters, digits, `_` or `-`. */
export function validName(s: string): boolean {
  return NAME.test(s);
}

/** The message explaining the naming rule. */
export function nameRule(s: string): string {
  return `"${s}" is not a valid name: a name starts with a letter or underscore and may contain only letters, digits, underscores and dashes.`;
}
