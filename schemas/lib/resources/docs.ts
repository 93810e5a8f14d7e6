// The resource reference page (docs/resources.md), rendered from the built schemas alone.
import type { AttributeMeta, ResourceSchema, SchemaKind } from '../../../providers/provider.js';

type Node = { readonly [key: string]: unknown };

function isNode(v: unknown): v is Node {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function code(v: unknown): string {
  return `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
}

function span(min: unknown, max: unknown, unit: string): string | undefined {
  // A lower bound of zero says nothing to a reader of lengths or counts.
  const lo = min === 0 && unit !== '' ? undefined : min;
  if (typeof lo === 'number' && typeof max === 'number') return lo === max ? `${lo}${unit}` : `${lo}–${max}${unit}`;
  if (typeof lo === 'number') return `at least ${lo}${unit}`;
  if (typeof max === 'number') return `at most ${max}${unit}`;
  return undefined;
}

/** Constraints on a scalar value, in brief. */
function scalarConstraints(n: Node): string[] {
  const out: string[] = [];
  if (Array.isArray(n.enum)) out.push(`one of ${n.enum.map(code).join(', ')}`);
  const length = span(n.minLength, n.maxLength, ' characters');
  if (length) out.push(length);
  const range = span(n.minimum, n.maximum, '');
  if (range) out.push(range);
  if (typeof n.pattern === 'string') out.push(`matching ${code(n.pattern)}`);
  return out;
}

function requiredOf(n: Node): string[] {
  return Array.isArray(n.required) ? n.required.filter((r): r is string => typeof r === 'string') : [];
}

/** Rules across the members of a block: "exactly one of" and "needs X when Y is Z". */
function blockRules(n: Node): string[] {
  const out: string[] = [];
  if (Array.isArray(n.oneOf)) {
    const names = n.oneOf.flatMap((alt) => (isNode(alt) ? requiredOf(alt) : []));
    out.push(`exactly one of ${names.map(code).join(', ')}`);
  }
  if (isNode(n.if) && isNode(n.then) && isNode(n.if.properties)) {
    for (const [name, cond] of Object.entries(n.if.properties)) {
      if (!isNode(cond) || !('const' in cond)) continue;
      const needs = requiredOf(n.then).map(code).join(', ');
      out.push(`${needs} required when ${code(name)} is ${code(cond.const)}`);
    }
  }
  return out;
}

function typeAndConstraints(n: Node): { type: string; constraints: string[] } {
  if (n.type === 'array') {
    const items = isNode(n.items) ? n.items : {};
    const c = scalarConstraints(items).map((s) => `each ${s}`);
    const count = span(n.minItems, n.maxItems, ' items');
    return { type: `list of ${String(items.type)}`, constraints: count ? [count, ...c] : c };
  }
  if (n.type === 'object' && isNode(n.properties)) return { type: 'block', constraints: blockRules(n) };
  if (n.type === 'object') {
    const keys = isNode(n.propertyNames) ? scalarConstraints(n.propertyNames).map((s) => `keys ${s}`) : [];
    const values = isNode(n.additionalProperties) ? n.additionalProperties : {};
    const vc = scalarConstraints(values).map((s) => `values ${s}`);
    return { type: `map of ${String(values.type)}`, constraints: [...keys, ...vc] };
  }
  return { type: String(n.type), constraints: scalarConstraints(n) };
}

function notes(m: AttributeMeta | undefined, kind: SchemaKind): string[] {
  const out: string[] = [];
  if (m?.computed) out.push(kind === 'data' ? 'reported after the lookup' : 'filled in by App Runner when omitted');
  if (m?.forcesReplacement) out.push('forces replacement');
  if (m?.sensitive) out.push('sensitive');
  if (m?.normalize) out.push(`normalised (${code(m.normalize)})`);
  return out;
}

function argumentLines(s: ResourceSchema, node: Node, prefix: string, depth: number): string[] {
  const lines: string[] = [];
  const props = isNode(node.properties) ? node.properties : {};
  const required = new Set(requiredOf(node));
  for (const [name, child] of Object.entries(props)) {
    if (!isNode(child)) continue;
    const path = prefix + name;
    const meta = s.attributes[path];
    const { type, constraints } = typeAndConstraints(child);
    const head = [type, required.has(name) ? 'required' : 'optional'];
    if (meta?.default !== undefined) head.push(`default ${code(meta.default)}`);
    const values = s.attributes[`${path}.*`];
    const extra = [...constraints, ...notes(meta, s.kind), ...notes(values, s.kind).map((n) => `values ${n}`)];
    const tail = extra.length > 0 ? ` _${extra.join('; ')}._` : '';
    lines.push(`${'  '.repeat(depth)}- ${code(name)} (${head.join(', ')}): ${meta?.description ?? ''}${tail}`);
    if (type === 'block') lines.push(...argumentLines(s, child, `${path}.`, depth + 1));
  }
  return lines;
}

function pathList(paths: string[]): string {
  return paths.length === 0 ? 'nothing' : paths.map(code).join(', ');
}

function formatMs(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

function section(s: ResourceSchema): string[] {
  const heading = s.kind === 'data' ? `data.${s.type}` : s.type;
  const lines = [`### ${heading}`, '', s.description, '', '#### Arguments', ''];
  lines.push(...argumentLines(s, s.args, '', 0), '');
  const computed = Object.entries(s.attributes).filter(([, m]) => m.computed && !m.optional);
  lines.push('#### Attributes', '');
  if (computed.length === 0) lines.push('None besides the arguments.');
  for (const [path, m] of computed) {
    const refresh = m.alwaysRefresh ? ' _Read again on every refresh._' : '';
    const sensitive = m.sensitive ? ' _Sensitive._' : '';
    const side = m.sideEffect ? ' _Changes with other resources; not reported as drift._' : '';
    lines.push(`- ${code(path)}: ${m.description ?? ''}${refresh}${sensitive}${side}`);
  }
  lines.push('');
  const entries = Object.entries(s.attributes);
  if (s.kind === 'resource') {
    lines.push(`Forces replacement: ${pathList(entries.filter(([, m]) => m.forcesReplacement).map(([p]) => p))}.`);
    if (s.createBeforeDestroyByDefault) lines.push('A replacement is created before the old instance is destroyed.');
  }
  lines.push(`Sensitive: ${pathList(entries.filter(([, m]) => m.sensitive).map(([p]) => p))}.`);
  if (s.timeouts) {
    const t = Object.entries(s.timeouts).map(([k, v]) => `${k} ${formatMs(v ?? 0)}`);
    lines.push(`Default timeouts (override in a \`timeouts { create, update, delete }\` block): ${t.join(', ')}.`);
  }
  return [...lines, ''];
}

/** The whole reference page; its first line says it is generated and by which script. */
export function renderReference(resources: ResourceSchema[], dataSources: ResourceSchema[], script: string): string {
  const lines = [
    `<!-- Generated by ${script} from the resource schemas; do not edit by hand. -->`,
    '# App Runner resources',
    '',
    'Every resource and data source of the `apprunner` provider, with its arguments and the attributes it reports.',
    'Nested blocks are written `name { … }`; maps and lists are written `name = …`. The same information, as',
    'JSON Schema plus per-attribute metadata, is in `schemas/apprunner/resources/`: `<type>.json` for a resource',
    'type and `data.<type>.json` for a data source.',
    '',
    '## Resources',
    '',
    ...resources.flatMap(section),
    '## Data sources',
    '',
    ...dataSources.flatMap(section),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}
