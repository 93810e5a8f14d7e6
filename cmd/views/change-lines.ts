import { diffLines } from 'diff/lib/diff/line.js';
import { REDACTED } from '../../engine/drift/index.js';
import {
  type AttrPath,
  type Change,
  type DeleteReason,
  jsonEqual,
  type PlannedValue,
  type ReplaceReason,
} from '../../engine/plan/index.js';
import type { JsonValue } from '../../providers/provider.js';

// The walk over one change's attributes, shared by the text and markdown views: which attributes
// to show, and each as added, removed, changed or unchanged with its values already rendered in
// configuration syntax. Unknowns read "(known after apply)"; sensitive values are never rendered.

const KNOWN_AFTER = '(known after apply)';
/** What a sensitive value is shown as: the same words in every view and in the drift report. */
export const SENSITIVE = REDACTED;

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

/** One top-level attribute of a change, values rendered. `force`: its change forces the replacement. */
export type AttrLine =
  | { readonly kind: 'add'; readonly name: string; readonly after: string; readonly force: boolean }
  | { readonly kind: 'remove'; readonly name: string; readonly before: string; readonly force: boolean }
  | {
      readonly kind: 'change';
      readonly name: string;
      readonly before: string;
      readonly after: string;
      readonly force: boolean;
    }
  | { readonly kind: 'same'; readonly name: string; readonly value: string }
  | {
      readonly kind: 'heredoc';
      readonly name: string;
      readonly force: boolean;
      readonly parts: readonly { readonly mark: '+' | '-' | ' '; readonly line: string }[];
    };

/** The attributes a change shows, and the width of the widest name (for aligning `=`). */
export interface ChangeLines {
  readonly width: number;
  readonly lines: readonly AttrLine[];
}

/** The indentation multi-line values are rendered with (the text view's attribute column). */
export const VALUE_INDENT = '      ';

/** Walks a change's top-level attributes: an update or replace shows only what differs. */
export function changeLines(c: Change): ChangeLines {
  const before = 'before' in c ? c.before : undefined;
  const after = 'after' in c ? c.after : undefined;
  const bm = marksOf(before);
  const am = marksOf(after);
  const forces = new Set((c.action === 'replace' ? c.replacePaths : []).map((p) => String(p[0])));
  const names = new Set([...Object.keys(before?.value ?? {}), ...Object.keys(after?.value ?? {})]);
  const shown = [...names].sort().filter((n) => {
    if (c.action !== 'update' && c.action !== 'replace') return true;
    // Raw values too: a sensitive value that changed renders the same on both sides, yet changed.
    return (
      am.unknown.has(key([n])) ||
      render(before?.value[n], bm, [n], '') !== render(after?.value[n], am, [n], '') ||
      !jsonEqual(before?.value[n], after?.value[n]) ||
      forces.has(n)
    );
  });
  const ind = VALUE_INDENT;
  const lines: AttrLine[] = [];
  for (const name of shown) {
    const b = before?.value[name];
    const a = after?.value[name];
    const force = forces.has(name);
    if (!before || (c.action !== 'delete' && b === undefined)) {
      if (a === undefined || (a === null && !am.unknown.has(key([name])))) continue;
      lines.push({ kind: 'add', name, after: render(a, am, [name], ind), force });
    } else if (!after || c.action === 'delete') {
      lines.push({ kind: 'remove', name, before: render(b, bm, [name], ind), force: false });
    } else if (a === undefined && !am.unknown.has(key([name]))) {
      lines.push({ kind: 'remove', name, before: render(b, bm, [name], ind), force });
    } else if (
      typeof b === 'string' &&
      typeof a === 'string' &&
      (a.includes('\n') || b.includes('\n')) &&
      !isSensitive(bm, [name]) &&
      !isSensitive(am, [name])
    ) {
      const parts: { mark: '+' | '-' | ' '; line: string }[] = [];
      for (const part of diffLines(b, a)) {
        const mark = part.added ? '+' : part.removed ? '-' : ' ';
        for (const line of part.value.replace(/\n$/, '').split('\n')) parts.push({ mark, line });
      }
      lines.push({ kind: 'heredoc', name, force, parts });
    } else {
      const bt = render(b, bm, [name], ind);
      const at = render(a, am, [name], ind);
      lines.push(
        bt === at && jsonEqual(b, a) && c.action !== 'replace'
          ? { kind: 'same', name, value: at }
          : { kind: 'change', name, before: bt, after: at, force },
      );
    }
  }
  return { width: Math.max(0, ...shown.map((n) => n.length)), lines };
}

const VERB: Record<Change['action'], string> = {
  create: 'will be created',
  update: 'will be updated in-place',
  replace: 'must be replaced',
  delete: 'will be destroyed',
  read: 'will be read during apply',
  'no-op': 'has no changes',
};

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

/** What happens to the instance, in words: "will be updated in-place", "must be replaced (…)". */
export function changeVerb(c: Change): string {
  const reason = c.action === 'replace' || c.action === 'delete' ? REASON_TEXT[c.reason] : '';
  return `${VERB[c.action]}${reason}`;
}

/** The block header of an instance: `resource "type" "name"` or `data "type" "name"` (the address line names the instance). */
export function blockHeader(address: string): string {
  const [mode, rest] = address.startsWith('data.') ? ['data', address.slice(5)] : ['resource', address];
  const dot = rest.indexOf('.');
  const bracket = rest.indexOf('[');
  return `${mode} "${rest.slice(0, dot)}" "${rest.slice(dot + 1, bracket < 0 ? undefined : bracket)}"`;
}

/** A drift entry seen as the change it made: an update from the state to the live object. */
export function driftAsChange(d: {
  address: string;
  type: string;
  provider: string;
  before: PlannedValue;
  after?: PlannedValue;
}): Change {
  return d.after
    ? {
        action: 'update',
        address: d.address,
        type: d.type,
        provider: d.provider,
        dependencies: [],
        before: d.before,
        after: d.after,
      }
    : {
        action: 'delete',
        address: d.address,
        type: d.type,
        provider: d.provider,
        dependencies: [],
        before: d.before,
        reason: 'delete_because_no_resource_config',
      };
}
