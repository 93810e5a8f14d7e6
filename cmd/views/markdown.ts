import type { DriftReport } from '../../engine/drift/index.js';
import { type Change, type Drift, type Plan, summarize } from '../../engine/plan/index.js';
import { blockHeader, type ChangeLines, changeLines, changeVerb, driftAsChange } from './change-lines.js';

// GitHub-flavoured markdown for pull request comments and drift issues: a summary line first, a
// warning when something is destroyed or replaced, one <details> per resource with a diff, drift
// apart from the intended changes, and a Mermaid graph. GitHub refuses comments over 65,536
// characters, so past LIMIT the details are cut and the summary kept.

/** The largest markdown document rendered (GitHub's comment limit, with room for a workflow's own header). */
export const LIMIT = 65_000;

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const code = (s: string) => `<code>${escapeHtml(s)}</code>`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A code fence longer than any run of backticks in the text, so the text cannot close it. */
function fenced(lang: string, text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${text}\n${fence}`;
}

/** Every line of a (possibly multi-line) rendered attribute, with the diff marker in column one. */
function marked(mark: '+' | '-' | ' ', text: string): string[] {
  return text.split('\n').map((l) => `${mark}${l.slice(1)}`);
}

/** A change's attributes as the body of a ```diff block: `-` old, `+` new, in configuration syntax. */
export function diffBody(c: Change, walked: ChangeLines = changeLines(c)): string {
  const out = [`  ${blockHeader(c.address)} {`];
  const ind = '      ';
  for (const l of walked.lines) {
    const label = l.name.padEnd(walked.width);
    const force = 'force' in l && l.force ? '  # forces replacement' : '';
    switch (l.kind) {
      case 'add':
        out.push(...marked('+', `${ind}${label} = ${l.after}${force}`));
        break;
      case 'remove':
        out.push(...marked('-', `${ind}${label} = ${l.before}${force}`));
        break;
      case 'change':
        out.push(...marked('-', `${ind}${label} = ${l.before}`), ...marked('+', `${ind}${label} = ${l.after}${force}`));
        break;
      case 'same':
        out.push(`${ind}${label} = ${l.value}`);
        break;
      case 'heredoc':
        out.push(`${ind}${label} = <<-EOT${force}`);
        for (const p of l.parts) out.push(`${p.mark}${ind}  ${p.line}`);
        out.push(`${ind}EOT`);
        break;
    }
  }
  out.push('  }');
  return out.join('\n');
}

/** One part of a document; `short` stands in for `full` when the limit forces a cut. */
interface Part {
  readonly full: string;
  readonly short?: string;
}

/**
 * Joins the parts, keeping each `full` while the whole stays within `limit`. From the first part
 * that does not fit, parts with a `short` form use it, and a note says details were cut.
 */
export function fitWithin(parts: readonly Part[], limit: number, note: string): string {
  const join = (xs: string[]) => xs.filter((x) => x !== '').join('\n\n');
  const all = join(parts.map((p) => p.full));
  if (all.length <= limit) return `${all}\n`;
  const out: string[] = [];
  let cutting = false;
  // Room the parts still to come need in their short form, and the note's own.
  let rest = parts.reduce((n, p) => n + (p.short ?? p.full).length + 2, note.length + 2);
  let used = 0;
  for (const p of parts) {
    const short = p.short ?? p.full;
    rest -= short.length + 2;
    const full = !cutting && used + p.full.length + 2 + rest <= limit;
    if (!full && p.short !== undefined) cutting = true;
    const text = full ? p.full : short;
    if (used + text.length + 2 + note.length + 2 > limit) {
      out.push(`…and ${parts.length - parts.indexOf(p)} more part(s) left out.`);
      break;
    }
    out.push(text);
    used += text.length + 2;
  }
  out.push(note);
  return `${join(out)}\n`;
}

/** One resource as a collapsed section, and as a list line for when the details are cut. */
function resourcePart(c: Change, verb: string): Part {
  const walked = changeLines(c);
  const count = walked.lines.filter((l) => l.kind !== 'same').length;
  const title = `${code(c.address)} ${escapeHtml(verb)}`;
  const attrs = c.action === 'update' ? ` (${plural(count, 'attribute')})` : '';
  return {
    full: `<details><summary>${title}${attrs}</summary>\n\n${fenced('diff', diffBody(c, walked))}\n\n</details>`,
    short: `- ${title}`,
  };
}

const CLASS: Record<Change['action'], string> = {
  create: 'create',
  update: 'update',
  replace: 'replace',
  delete: 'delete',
  read: 'read',
  'no-op': 'noop',
};

const STYLE: Record<Change['action'], string> = {
  create: 'fill:#dafbe1,stroke:#1a7f37',
  update: 'fill:#fff8c5,stroke:#9a6700',
  replace: 'fill:#ffebe9,stroke:#cf222e',
  delete: 'fill:#ffebe9,stroke:#cf222e',
  read: 'fill:#ddf4ff,stroke:#0969da',
  'no-op': 'fill:#f6f8fa,stroke:#57606a',
};

/**
 * A Mermaid flowchart of the instances that change, each arrow from a dependency to what depends
 * on it. `dependencies` gives each instance's config-level dependencies.
 */
export function mermaidGraph(
  nodes: readonly { address: string; label: string; action: Change['action'] }[],
  dependencies: (address: string) => readonly string[],
): string {
  if (nodes.length === 0) return '';
  const id = new Map(nodes.map((n, i) => [n.address, `n${i}`]));
  const byConfig = new Map<string, string[]>();
  for (const n of nodes) {
    const cfg = n.address.replace(/\[.*$/, '');
    byConfig.set(cfg, [...(byConfig.get(cfg) ?? []), n.address]);
  }
  const lines = ['flowchart LR'];
  for (const n of nodes) {
    const label = `${n.address} · ${n.label}`.replace(/"/g, '#quot;');
    lines.push(`  ${id.get(n.address)}["${label}"]:::${CLASS[n.action]}`);
  }
  for (const n of nodes) {
    for (const dep of dependencies(n.address)) {
      for (const from of byConfig.get(dep) ?? []) {
        if (from !== n.address) lines.push(`  ${id.get(from)} --> ${id.get(n.address)}`);
      }
    }
  }
  for (const action of new Set(nodes.map((n) => n.action))) lines.push(`  classDef ${CLASS[action]} ${STYLE[action]}`);
  return `### Dependency graph\n\n${fenced('mermaid', lines.join('\n'))}`;
}

/** The warning block for destructive changes, or '' when there are none. */
function destroyWarning(changes: readonly Change[], intro: string): string {
  const hit = changes.filter((c) => c.action === 'delete' || c.action === 'replace');
  if (hit.length === 0) return '';
  const list = hit.map(
    (c) => `> - \`${c.address}\` ${c.action === 'delete' ? 'will be destroyed' : 'will be replaced'}`,
  );
  return ['> [!WARNING]', `> ${intro} ${plural(hit.length, 'resource')}:`, ...list].join('\n');
}

const CUT_NOTE = (cmd: string) =>
  `> [!NOTE]\n> Details were cut to keep this under ${LIMIT.toLocaleString('en-US')} characters. Run \`${cmd}\` to see everything.`;

/** A drift section: one collapsed diff per resource changed or deleted outside runform. */
function driftParts(drift: readonly Drift[], heading: string): Part[] {
  if (drift.length === 0) return [];
  return [
    { full: heading },
    ...drift.map((d) =>
      resourcePart(driftAsChange(d), d.after ? 'has changed outside runform' : 'was deleted outside runform'),
    ),
  ];
}

/** `runform plan --format markdown`. */
export function renderPlanMarkdown(plan: Plan, limit = LIMIT): string {
  const s = summarize(plan);
  const changes = plan.changes.filter((c) => c.action !== 'no-op');
  const none = changes.length === 0 && plan.moved.length === 0 && plan.imports.length === 0;
  const summary = none
    ? '**No changes.** The infrastructure matches the configuration.'
    : `**Plan:** ${s.add} to add, ${s.change} to change, ${s.replace} to replace, ${s.destroy} to destroy.`;
  const drifted = plan.drift.length > 0 ? ` ${plural(plan.drift.length, 'resource')} changed outside runform.` : '';
  const parts: Part[] = [
    { full: `${summary}${drifted}` },
    { full: destroyWarning(changes, 'This plan destroys or replaces') },
    ...driftParts(
      plan.drift,
      '### Changed outside runform\n\nThese differences were found on refresh; they are not part of the changes below.',
    ),
  ];
  const other = [
    ...plan.moved.map((m) => `- \`${m.from}\` has moved to \`${m.to}\``),
    ...plan.imports.map((i) => `- \`${i.address}\` will be imported (id \`${i.id}\`)`),
  ];
  if (changes.length > 0 || other.length > 0) parts.push({ full: '### Planned changes' });
  if (other.length > 0) parts.push({ full: other.join('\n') });
  for (const c of changes) parts.push(resourcePart(c, changeVerb(c)));
  const deps = new Map(plan.changes.map((c) => [c.address, c.dependencies]));
  const graph = mermaidGraph(
    changes.map((c) => ({ address: c.address, label: c.action, action: c.action })),
    (a) => deps.get(a) ?? [],
  );
  parts.push({ full: graph, short: '' });
  return fitWithin(parts, limit, CUT_NOTE('runform plan'));
}

/** What the drift markdown needs from a drift run. */
export interface DriftMarkdownInput {
  readonly report: DriftReport;
  readonly drift: readonly Drift[];
  readonly unapplied: readonly Change[];
  readonly plan: Plan;
}

/** `runform drift --format markdown`. */
export function renderDriftMarkdown(r: DriftMarkdownInput, limit = LIMIT): string {
  const { report } = r;
  const deleted = report.resources.filter((x) => x.change === 'deleted').length;
  const summary = report.drifted
    ? `**Drift:** ${report.resources.length} of ${plural(report.checked, 'resource')} changed outside runform (${report.resources.length - deleted} updated, ${deleted} deleted).`
    : `**No drift.** ${plural(report.checked, 'resource')} checked; all match the state.`;
  const pending =
    r.unapplied.length > 0 ? ` ${plural(r.unapplied.length, 'configuration change')} not applied yet.` : '';
  const parts: Part[] = [
    { full: `${summary}${pending}` },
    {
      full:
        deleted > 0
          ? `> [!WARNING]\n> ${plural(deleted, 'resource')} managed by runform ${deleted === 1 ? 'was' : 'were'} deleted outside it; the next apply creates ${deleted === 1 ? 'it' : 'them'} again.`
          : '',
    },
    ...driftParts(r.drift, '### Changed outside runform'),
  ];
  if (r.unapplied.length > 0) {
    parts.push({
      full: [
        '### Configuration not applied yet',
        '',
        'Not drift: the configuration asks for these changes and no apply has made them.',
        '',
        ...r.unapplied.map((c) => `- \`${c.address}\` ${changeVerb(c)}`),
      ].join('\n'),
    });
  }
  const deps = new Map(r.plan.changes.map((c) => [c.address, c.dependencies]));
  const nodes = [
    ...r.drift.map((d) => ({
      address: d.address,
      label: d.after ? 'changed outside' : 'deleted outside',
      action: (d.after ? 'update' : 'delete') as Change['action'],
    })),
    ...r.unapplied
      .filter((c) => !r.drift.some((d) => d.address === c.address))
      .map((c) => ({ address: c.address, label: `not applied: ${c.action}`, action: c.action })),
  ];
  parts.push({ full: mermaidGraph(nodes, (a) => deps.get(a) ?? []), short: '' });
  return fitWithin(parts, limit, CUT_NOTE('runform drift'));
}
