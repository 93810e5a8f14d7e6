import type { Change, Plan } from '../../engine/plan/index.js';
import { summarize } from '../../engine/plan/index.js';
import { blockHeader, changeLines, changeVerb, driftAsChange, VALUE_INDENT } from './change-lines.js';

// The human plan: one block per change with attribute-level before → after, unknowns shown as
// "(known after apply)", sensitive values never shown, and the summary line at the end.

type Paint = (code: string, s: string) => string;

const MARKER: Record<Change['action'], { marker: string; color: string }> = {
  create: { marker: '+', color: '32' },
  update: { marker: '~', color: '33' },
  replace: { marker: '-/+', color: '33' },
  delete: { marker: '-', color: '31' },
  read: { marker: '<=', color: '36' },
  'no-op': { marker: ' ', color: '0' },
};

/** One change as a block of lines. */
export function renderChange(c: Change, paint: Paint): string {
  const t = MARKER[c.action];
  const marker = c.action === 'replace' && c.createBeforeDestroy ? '+/-' : t.marker;
  const deposed = c.action === 'delete' && c.deposed !== undefined ? ` (deposed object ${c.deposed})` : '';
  const lines = [`  ${paint('1', `# ${c.address}${deposed}`)} ${changeVerb(c)}`];
  lines.push(`  ${paint(t.color, marker)} ${blockHeader(c.address)} {`);
  const { width, lines: attrs } = changeLines(c);
  for (const l of attrs) {
    const label = l.name.padEnd(width);
    const force = 'force' in l && l.force ? paint('31', ' # forces replacement') : '';
    switch (l.kind) {
      case 'add':
        lines.push(`    ${paint('32', '+')} ${label} = ${l.after}${force}`);
        break;
      case 'remove':
        lines.push(`    ${paint('31', '-')} ${label} = ${l.before} -> null${force}`);
        break;
      case 'heredoc':
        lines.push(`    ${paint('33', '~')} ${label} = <<-EOT${force}`);
        for (const p of l.parts) {
          const mark = p.mark === '+' ? paint('32', '+') : p.mark === '-' ? paint('31', '-') : ' ';
          lines.push(`${VALUE_INDENT}  ${mark} ${p.line}`);
        }
        lines.push(`${VALUE_INDENT}EOT`);
        break;
      case 'same':
        lines.push(`      ${label} = ${l.value}`);
        break;
      case 'change':
        lines.push(`    ${paint('33', '~')} ${label} = ${l.before} -> ${l.after}${force}`);
        break;
    }
  }
  lines.push('    }');
  return lines.join('\n');
}

/** The whole plan as text; `color` paints markers (only on a TTY, never with NO_COLOR). */
export function renderPlanText(plan: Plan, color: boolean): string {
  const paint: Paint = (code, s) => (color && code !== '0' ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  if (plan.drift.length > 0) {
    out.push('Objects changed outside runform:', '');
    for (const d of plan.drift) {
      if (!d.after) out.push(`  ${paint('31', '-')} ${d.address} has been deleted`);
      else out.push(renderChange(driftAsChange(d), paint).replace('will be updated in-place', 'has changed'));
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
