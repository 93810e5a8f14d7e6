import { type DriftReport, REDACTED } from '../../engine/drift/index.js';

// The human drift report: each resource changed outside runform with its attributes before →
// after, resources deleted outside runform, then (apart) configuration changes never applied.

type Paint = (code: string, s: string) => string;

const show = (v: unknown) => (v === REDACTED ? REDACTED : JSON.stringify(v));

/** The report as text; `color` paints markers (only on a TTY, never with NO_COLOR). */
export function renderDriftText(r: DriftReport, color: boolean): string {
  const paint: Paint = (code, s) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const out: string[] = [];
  if (r.resources.length > 0) {
    out.push('Changed outside runform:', '');
    for (const res of r.resources) {
      if (res.change === 'deleted') {
        out.push(`  ${paint('31', '-')} ${paint('1', res.address)} was deleted outside runform`, '');
        continue;
      }
      out.push(`  ${paint('33', '~')} ${paint('1', res.address)} has changed:`);
      const w = Math.max(...res.attributes.map((a) => a.path.length));
      for (const a of res.attributes) out.push(`      ${a.path.padEnd(w)}  ${show(a.before)} -> ${show(a.after)}`);
      out.push('');
    }
  }
  if (r.unapplied.length > 0) {
    out.push('Configuration changes not applied yet (not drift; `runform plan` shows them in full):', '');
    for (const u of r.unapplied) out.push(`  ${u.address}: ${u.action}`);
    out.push('');
  }
  const n = r.resources.length;
  out.push(
    paint(
      '1',
      r.drifted
        ? `Drift: ${n} of ${r.checked} resource(s) changed outside runform.`
        : `No drift: ${r.checked} resource(s) checked, all match the state.`,
    ),
  );
  if (!r.drifted && r.unapplied.length > 0)
    out.push(`Note: ${r.unapplied.length} configuration change(s) not applied yet; that alone is not drift (exit 0).`);
  return `${out.join('\n')}\n`;
}
