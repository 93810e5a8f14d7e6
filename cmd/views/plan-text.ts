import { diffLines } from 'diff';
import type { AttrPath, Change, DeleteReason, Plan, PlannedValue, ReplaceReason } from '../../engine/plan/index.js';
import { summarize } from '../../engine/plan/index.js';
import type { JsonValue } from '../../providers/provider.js';

// The human plan: one block per change with attribute-level before → after, unknowns shown as
// "(known after apply)", sensitive values never shown, and the summary line at the end.

type Paint = (code: string, s: string) => string;

const KNOWN_AFTER = '(known after apply)';
const SENSITIVE = '(sensitive value)';

interface Marks {
  readonly unknown: ReadonlySet<string>;
  readonly sensitive: readonly AttrPath[];
}

const key = (p: AttrPath) => JSON.stringify(p);
const marksOf = (v: PlannedValue | undefined): Marks => ({
  unknown: new Set((v?.unknownPaths ?? []).map(key)),
  sensitive: v?.sensitivePaths ?? [],
});
const isSensitive = (m: Marks, p: AttrPath) =>
  m.sensitive.some((s) => s.length <= p.length && s.every((x, i) => x === p[i]));

/** Renders a value in configuration syntax, with marks applied. */
function render(v: JsonValue | undefined, m: Marks, path: AttrPath, indent: string): string {
  if (m.unknown.has(key(path))) return KNOWN_AFTER;
  if (isSensitive(m, path)) return SENSITIVE;
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'string')
    return v.includes('\n')
      ? `<<-EOT\n${v
          .split('\n')
          .map((l) => `${indent}    ${l}`)
          .join('\n')}\n${indent}EOT`
      : JSON.stringify(v);
  if (typeof v !== 'object') return String(v);
  const inner = `${indent}    `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((e, i) => `${inner}${render(e, m, [...path, i], inner)},`).join('\n')}\n${indent}]`;
  }
  const keys = Object.keys(v).sort();
  if (keys.length === 0) return '{}';
  const w = Math.max(...keys.map((k) => k.length));
  return `{\n${keys.map((k) => `${inner}${k.padEnd(w)} = ${render(v[k], m, [...path, k], inner)}`).join('\n')}\n${indent}}`;
}

const ACTION_TEXT: Record<Change['action'], { marker: string; color: string; verb: string }> = {
  create: { marker: '+', color: '32', verb: 'will be created' },
  update: { marker: '~', color: '33', verb: 'will be updated in-place' },
  replace: { marker: '-/+', color: '33', verb: 'must be replaced' },
  delete: { marker: '-', color: '31', verb: 'will be destroyed' },
  read: { marker: '<=', color: '36', verb: 'will be read during apply' },
  'no-op': { marker: ' ', color: '0', verb: 'has no changes' },
};

/** One change as a block of lines. */
export function renderChange(c: Change, paint: Paint): string {
  const t = ACTION_TEXT[c.action];
  const marker = c.action === 'replace' && c.createBeforeDestroy ? '+/-' : t.marker;
  const [mode, rest] = c.address.startsWith('data.') ? ['data', c.address.slice(5)] : ['resource', c.address];
  const dot = rest.indexOf('.');
  const type = rest.slice(0, dot);
  const name = rest.slice(dot + 1);
  const reason = reasonText(c);
  const deposed = c.action === 'delete' && c.deposed !== undefined ? ` (deposed object ${c.deposed})` : '';
  const lines = [`  ${paint('1', `# ${c.address}${deposed}`)} ${t.verb}${reason}`];
  lines.push(`  ${paint(t.color, marker)} ${mode} "${type}" "${name}" {`);
  const before = 'before' in c ? c.before : undefined;
  const after = 'after' in c ? c.after : undefined;
  const bm = marksOf(before);
  const am = marksOf(after);
  const forces = new Set((c.action === 'replace' ? c.replacePaths : []).map((p) => String(p[0])));
  const names = new Set([...Object.keys(before?.value ?? {}), ...Object.keys(after?.value ?? {})]);
  const shown = [...names].sort().filter((n) => {
    if (c.action !== 'update' && c.action !== 'replace') return true;
    return (
      am.unknown.has(key([n])) ||
      render(before?.value[n], bm, [n], '') !== render(after?.value[n], am, [n], '') ||
      forces.has(n)
    );
  });
  const w = Math.max(0, ...shown.map((n) => n.length));
  const ind = '      ';
  for (const n of shown) {
    const b = before?.value[n];
    const a = after?.value[n];
    const label = n.padEnd(w);
    const force = forces.has(n) ? paint('31', ' # forces replacement') : '';
    if (!before || (c.action !== 'delete' && b === undefined)) {
      if (a === undefined || (a === null && !am.unknown.has(key([n])))) continue;
      lines.push(`    ${paint('32', '+')} ${label} = ${render(a, am, [n], ind)}${force}`);
    } else if (!after || c.action === 'delete') {
      lines.push(`    ${paint('31', '-')} ${label} = ${render(b, bm, [n], ind)} -> null`);
    } else if (a === undefined && !am.unknown.has(key([n]))) {
      lines.push(`    ${paint('31', '-')} ${label} = ${render(b, bm, [n], ind)} -> null${force}`);
    } else if (
      typeof b === 'string' &&
      typeof a === 'string' &&
      (a.includes('\n') || b.includes('\n')) &&
      !isSensitive(bm, [n]) &&
      !isSensitive(am, [n])
    ) {
      lines.push(`    ${paint('33', '~')} ${label} = <<-EOT${force}`);
      for (const part of diffLines(b, a)) {
        const mark = part.added ? paint('32', '+') : part.removed ? paint('31', '-') : ' ';
        for (const l of part.value.replace(/\n$/, '').split('\n')) lines.push(`${ind}  ${mark} ${l}`);
      }
      lines.push(`${ind}EOT`);
    } else {
      const bt = render(b, bm, [n], ind);
      const at = render(a, am, [n], ind);
      lines.push(
        bt === at && c.action !== 'replace'
          ? `      ${label} = ${at}`
          : `    ${paint('33', '~')} ${label} = ${bt} -> ${at}${force}`,
      );
    }
  }
  lines.push('    }');
  return lines.join('\n');
}

const REASON_TEXT: Record<ReplaceReason | DeleteReason, string> = {
  replace_because_cannot_update: '',
  replace_because_tainted: ' (it is tainted: a create failed)',
  replace_by_request: ' (replacement requested with --replace)',
  replace_by_triggers: ' (replace_triggered_by)',
  delete_because_no_resource_config: ' (it is no longer in the configuration)',
  delete_because_count_index: ' (its index is beyond the count)',
  delete_because_each_key: ' (its key is no longer in for_each)',
  delete_because_destroy_mode: '',
  delete_because_deposed: ' (a replaced object whose delete did not finish)',
};

function reasonText(c: Change): string {
  return c.action === 'replace' || c.action === 'delete' ? REASON_TEXT[c.reason] : '';
}

/** The whole plan as text; `color` paints markers (only on a TTY, never with NO_COLOR). */
export function renderPlanText(plan: Plan, color: boolean): string {
  const paint: Paint = (code, s) => (color && code !== '0' ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  if (plan.drift.length > 0) {
    out.push('Objects changed outside runform:', '');
    for (const d of plan.drift) {
      if (!d.after) out.push(`  ${paint('31', '-')} ${d.address} has been deleted`);
      else
        out.push(
          renderChange(
            {
              action: 'update',
              address: d.address,
              type: d.type,
              provider: d.provider,
              dependencies: [],
              before: d.before,
              after: d.after,
            },
            paint,
          ).replace('will be updated in-place', 'has changed'),
        );
    }
    out.push('');
  }
  for (const m of plan.moved) out.push(`  # ${m.from} has moved to ${m.to}`);
  for (const i of plan.imports) out.push(`  # ${i.address} will be imported (id ${JSON.stringify(i.id)})`);
  const shown = plan.changes.filter((c) => c.action !== 'no-op');
  if (shown.length > 0) {
    out.push('runform will perform the following actions:', '');
    for (const c of shown) out.push(renderChange(c, paint), '');
  }
  const s = summarize(plan);
  if (shown.length === 0 && plan.moved.length === 0 && plan.imports.length === 0) {
    out.push(
      plan.drift.length > 0
        ? 'No changes to resources; the state will record the changes found outside runform.'
        : 'No changes. The infrastructure matches the configuration.',
    );
  } else {
    out.push(
      paint('1', `Plan: ${s.add} to add, ${s.change} to change, ${s.replace} to replace, ${s.destroy} to destroy.`),
    );
  }
  return `${out.join('\n')}\n`;
}
